/** Paste and duplicate: content added next to what is there, tied to the people already in the analysis. */
import type * as Y from 'yjs';
import type { Actor, Analysis, Position } from '../model/types.ts';
import { insertAnalysis, setActorFactors } from './commands.ts';
import { isEntity, readActor } from './read.ts';
import { getMaps } from './shape.ts';
import { writeStances } from './stances.ts';

function actorKey(actor: Pick<Actor, 'name' | 'role'>): string | null {
  const name = actor.name.trim().toLocaleLowerCase('nl');
  return name ? `${actor.role}\u0000${name}` : null;
}

/**
 * Adds `analysis` with fresh ids, shifted by `offset` (like `insertAnalysis`), in one transaction. An actor with the
 * same name and role as one already present is not added twice: the pasted factors join the existing actor.
 * Returns the map from the ids in `analysis` to the ids in the document.
 */
export function pasteAnalysis(doc: Y.Doc, origin: unknown, analysis: Analysis, offset: Position): Map<string, string> {
  const { actors } = getMaps(doc);
  const present = new Map<string, string>();
  // Sorted, so that when two people share a name the choice does not depend on the order updates arrived in.
  [...actors.keys()].sort().forEach((id) => {
    const y = actors.get(id);
    if (!isEntity(y)) return;
    const key = actorKey(readActor(id, y));
    if (key && !present.has(key)) present.set(key, id);
  });
  const known = analysis.actors.filter((a) => present.has(actorKey(a) ?? ''));
  const fresh = analysis.actors.filter((a) => !present.has(actorKey(a) ?? ''));
  const knownIds = new Set(known.map((a) => a.id));
  const stances = analysis.stances ?? [];
  let ids = new Map<string, string>();
  doc.transact(() => {
    ids = insertAnalysis(doc, origin, { ...analysis, actors: fresh, stances: stances.filter((s) => !knownIds.has(s.actor)) }, offset);
    // The stances of a person already present become theirs, on the pasted factors and links.
    writeStances(
      doc,
      stances.flatMap((s) => {
        const actor = knownIds.has(s.actor) ? present.get(actorKey(known.find((a) => a.id === s.actor)!)!) : undefined;
        const on = ids.get(s.on);
        return actor && on ? [{ ...s, actor, on }] : [];
      }),
    );
    for (const actor of known) {
      const id = present.get(actorKey(actor)!)!;
      setActorFactors(
        doc,
        origin,
        id,
        actor.factors.flatMap((f) => ids.get(f) ?? []),
        true,
      );
      // Ids are unique per collection only: never let an actor id hide a factor id of the same text.
      if (!ids.has(actor.id)) ids.set(actor.id, id);
    }
  }, origin);
  return ids;
}
