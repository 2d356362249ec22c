/**
 * Putting back a factor someone else deleted while this person was typing in it: the factor with its last known
 * fields (the text typed here included), the links it had to factors that are still there, and the people it was
 * tied to. One transaction, so one undo step.
 */
import type * as Y from 'yjs';
import type { Factor, Link } from '../model/types.ts';
import { addFactor, addLink, setActorFactors, updateFactors } from './commands.ts';
import { getMaps } from './shape.ts';
import { readTrashEntry, trashHooks } from './trash.ts';

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
    // Back on the canvas: no longer in the Prullenbak.
    maps.trash.delete(factor.id);
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

/** What restoring a Prullenbak entry did: `restored` false when the entry was gone or could not come back. */
export interface TrashRestoreResult {
  readonly restored: boolean;
  /** Links of a restored factor that stayed out because the factor at their other end is not there. */
  readonly linksLeftOut: number;
}

/**
 * Brings the Prullenbak entry `id` back as one transaction (one undo step): a factor with its links to factors that
 * are there, its ties to people who are there, and what the trash hooks kept (trash.ts); a link when both its ends
 * are there. The entry leaves the Prullenbak. A link whose ends are gone stays in the Prullenbak (restored false).
 */
export function restoreFromTrash(doc: Y.Doc, origin: unknown, id: string): TrashRestoreResult {
  const maps = getMaps(doc);
  const entry = readTrashEntry(id, maps.trash.get(id));
  if (!entry) return { restored: false, linksLeftOut: 0 };
  if (entry.type === 'link') {
    const { link } = entry;
    if (!maps.factors.has(link.from) || !maps.factors.has(link.to)) return { restored: false, linksLeftOut: 0 };
    doc.transact(() => {
      maps.trash.delete(id);
      addLink(doc, origin, { from: link.from, to: link.to, polarity: link.polarity, note: link.note }, link.id);
    }, origin);
    return { restored: true, linksLeftOut: 0 };
  }
  const { factor } = entry;
  const linksLeftOut = entry.links.filter((l) => !maps.factors.has(l.from === factor.id ? l.to : l.from)).length;
  doc.transact(() => {
    const present = new Set([...maps.actors.keys()]);
    restoreFactor(doc, origin, { factor, links: entry.links, actorIds: entry.actorIds.filter((a) => present.has(a)) });
    for (const hook of trashHooks()) {
      if (entry.extras[hook.key] !== undefined) hook.restore(doc, origin, factor.id, entry.extras[hook.key]);
    }
    // A link of this factor put in the Prullenbak on its own is back now too.
    for (const link of entry.links) {
      if (maps.links.has(link.id)) maps.trash.delete(link.id);
    }
  }, origin);
  return { restored: true, linksLeftOut };
}
