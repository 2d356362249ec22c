/**
 * Whether an analysis counts toward the cross-case signals (CONTRACT.md §1 version 2, §5), and its team label. Kept in
 * the live document's `meta` map as one plain `{ share, team }` value.
 */
import { readableText } from './text.ts';
import type { SignalSettings } from './types.ts';

export const SIGNALS_LIMITS = {
  teamLength: 100,
} as const;

export const SIGNALS_DEFAULTS: SignalSettings = { share: false, team: '' };

/** Reads the stored value, defaulting what is missing or wrong; text is cut to its limit. */
export function readSignals(value: unknown): SignalSettings {
  if (typeof value !== 'object' || value === null) return SIGNALS_DEFAULTS;
  const { share, team } = value as { share?: unknown; team?: unknown };
  return {
    share: share === true,
    team: typeof team === 'string' ? readableText(team, SIGNALS_LIMITS.teamLength) : '',
  };
}

/** Whether the settings are the defaults (then a file or a read analysis leaves them out). */
export function isDefaultSignals(signals: SignalSettings): boolean {
  return !signals.share && signals.team === '';
}

/** The stored value of the settings. */
export function signalsValue(signals: SignalSettings): { share: boolean; team: string } {
  return { share: signals.share, team: readableText(signals.team, SIGNALS_LIMITS.teamLength) };
}
