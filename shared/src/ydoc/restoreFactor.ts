/**
 * Putting back a factor someone else deleted while this person was typing in it: the factor with its last known
 * fields (the text typed here included), the links it had to factors that are still there, and the people it was
 * tied to. One transaction, so one undo step.
 */
import type * as Y from 'yjs';
import type { Factor, Link } from '../model/types.ts';
import { addFactor, addLink, setActorFactors, updateFactors } from './commands.ts';
import { getMaps } from './shape.ts';

export interface FactorSnapshot {
  readonly factor: Factor;
  /** Links that touched the factor (to or from it). */
  readonly links: readonly Link[];
  /** People the factor was tied to. */
  readonly actorIds: readonly string[];
}

/**
 * Re-adds the factor of `snapshot` under its own id, with the links whose other end still exists and its ties to
 * people who are still there. When the factor is back already (someone else restored it), only its text is set.
 */
export function restoreFactor(doc: Y.Doc, origin: unknown, snapshot: FactorSnapshot): void {
  const { factor } = snapshot;
  const maps = getMaps(doc);
  doc.transact(() => {
    if (maps.factors.has(factor.id)) {
      updateFactors(doc, origin, [factor.id], { label: factor.label, note: factor.note });
      return;
    }
    addFactor(doc, origin, factor, factor.id);
    for (const link of snapshot.links) {
      addLink(doc, origin, { from: link.from, to: link.to, polarity: link.polarity, note: link.note }, link.id);
    }
    for (const actorId of snapshot.actorIds) setActorFactors(doc, origin, actorId, [factor.id], true);
  }, origin);
}
