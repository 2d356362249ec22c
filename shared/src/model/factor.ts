/**
 * The factor record: its limits and defaults, and how it is read from and written to the live document. The file
 * parser, the document reader, the commands and the editor's input fields all take their numbers from here.
 */
import type * as Y from 'yjs';
import { clampPosition } from './position.ts';
import { readableText } from './text.ts';
import { EVIDENCE_KINDS, FACTOR_KINDS, LIFE_DOMAINS, isOneOf, type Factor, type Position } from './types.ts';
import { toEntity } from './entity.ts';
import { liveText, readLiveText } from './liveText.ts';
import { signalField } from './signal.ts';

export const FACTOR_LIMITS = {
  labelLength: 300,
  noteLength: 5_000,
} as const;

export const FACTOR_DEFAULTS: Omit<Factor, 'id' | 'position'> = {
  label: '',
  kind: 'problem',
  domain: null,
  evidence: 'observation',
  note: '',
};

function readPosition(value: unknown): Position {
  if (typeof value === 'object' && value !== null) {
    const { x, y } = value as { x?: unknown; y?: unknown };
    // Out of range (a client that wrote 5e18): brought back into range, so the analysis still loads and exports.
    if (typeof x === 'number' && Number.isFinite(x) && typeof y === 'number' && Number.isFinite(y)) return clampPosition({ x, y });
  }
  return { x: 0, y: 0 };
}

/** Reads one factor entity map; every field is checked and falls back to its default, text is cut to its limit. */
export function readFactor(id: string, y: Y.Map<unknown>): Factor {
  const kind = y.get('kind');
  const domain = y.get('domain');
  const evidence = y.get('evidence');
  return {
    id,
    label: readLiveText(y.get('label'), FACTOR_LIMITS.labelLength),
    kind: isOneOf(FACTOR_KINDS, kind) ? kind : FACTOR_DEFAULTS.kind,
    domain: isOneOf(LIFE_DOMAINS, domain) ? domain : FACTOR_DEFAULTS.domain,
    evidence: isOneOf(EVIDENCE_KINDS, evidence) ? evidence : FACTOR_DEFAULTS.evidence,
    note: readLiveText(y.get('note'), FACTOR_LIMITS.noteLength),
    position: readPosition(y.get('position')),
    ...signalField(y.get('signal')),
  };
}

/** The entity map of a factor, with text cut to its limits (label and note as Y.Text) and the position in range. */
export function factorEntity(factor: Factor): Y.Map<unknown> {
  return toEntity({
    label: liveText(readableText(factor.label, FACTOR_LIMITS.labelLength)),
    kind: factor.kind,
    domain: factor.domain,
    evidence: factor.evidence,
    note: liveText(readableText(factor.note, FACTOR_LIMITS.noteLength)),
    position: clampPosition(factor.position),
    ...signalField(factor.signal),
  });
}

/** The limit of a factor's text field (`label`, `note`), or null for a field that is not text. */
export function factorTextLimit(key: string): number | null {
  if (key === 'label') return FACTOR_LIMITS.labelLength;
  if (key === 'note') return FACTOR_LIMITS.noteLength;
  return null;
}
