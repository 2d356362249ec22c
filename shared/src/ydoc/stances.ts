/**
 * Commands on stances ("herken ik", "twijfel", "herken ik niet") and on the signals settings. Each runs in one
 * `doc.transact(fn, origin)`: one tap is one update and one undo step.
 */
import type * as Y from 'yjs';
import { ANALYSIS_LIMITS } from '../model/analysisLimits.ts';
import { readStance, stanceKey, stanceValue } from '../model/stance.ts';
import { readSignals, signalsValue } from '../model/signals.ts';
import type { SignalSettings, Stance, StanceMark } from '../model/types.ts';
import { getMaps } from './shape.ts';
import { stampSchema } from './stamp.ts';

/**
 * Sets the stance of `actor` on the factor or link `on`, or clears it (`null`). Nothing happens when it already is
 * that, or when the analysis holds as many stances as the editor may add.
 */
export function setStance(doc: Y.Doc, origin: unknown, actor: string, on: string, stance: Stance | null): void {
  const { stances } = getMaps(doc);
  const key = stanceKey(actor, on);
  const current = readStance(key, stances.get(key));
  if ((current?.stance ?? null) === stance && (stance !== null || !stances.has(key))) return;
  if (stance !== null && !current && stances.size >= ANALYSIS_LIMITS.stances.add) return;
  doc.transact(() => {
    if (stance === null) stances.delete(key);
    else {
      stampSchema(doc);
      stances.set(key, stanceValue({ actor, on, stance }));
    }
  }, origin);
}

/** Writes stances (a file's, remapped), one per (actor, on); the caller runs this inside its transaction. */
export function writeStances(doc: Y.Doc, marks: readonly StanceMark[]): void {
  const { stances } = getMaps(doc);
  for (const mark of marks) stances.set(stanceKey(mark.actor, mark.on), stanceValue(mark));
}

/** Changes the signals settings (kept in meta as one value). */
export function setSignalSettings(doc: Y.Doc, origin: unknown, patch: Partial<SignalSettings>): void {
  const { meta } = getMaps(doc);
  const next = signalsValue({ ...readSignals(meta.get('signals')), ...patch });
  doc.transact(() => {
    stampSchema(doc);
    meta.set('signals', next);
  }, origin);
}
