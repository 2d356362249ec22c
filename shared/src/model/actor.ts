/**
 * The actor record (a person involved): limits, and how it is read from and written to the live document.
 *
 * The factors an actor is tied to are a keyed map (factor id → true) inside the actor's entity, so tying f1 on one
 * device and f2 on another at the same moment keeps both (a list written whole kept only the last writer's).
 * Documents from before (schema version 1) hold a plain list; it is read as it is and turned into a map by the first
 * change.
 */
import * as Y from 'yjs';
import { readableText } from './text.ts';
import { ROLES, isOneOf, type Actor } from './types.ts';
import { toEntity } from './entity.ts';

export const ACTOR_LIMITS = {
  nameLength: 300,
} as const;

/** The factor ids an actor entity holds, in either form (keyed map, or the list of schema version 1). */
export function readActorFactorIds(value: unknown): string[] {
  if (value instanceof Y.Map) {
    const ids: string[] = [];
    value.forEach((tied, id) => {
      if (tied === true) ids.push(id);
    });
    return ids.sort();
  }
  if (Array.isArray(value)) return [...new Set(value.filter((f): f is string => typeof f === 'string'))];
  return [];
}

/** Reads one actor entity map; the name is cut to its limit. */
export function readActor(id: string, y: Y.Map<unknown>): Actor {
  const role = y.get('role');
  return {
    id,
    name: readableText(y.get('name'), ACTOR_LIMITS.nameLength),
    role: isOneOf(ROLES, role) ? role : 'network',
    factors: readActorFactorIds(y.get('factors')),
  };
}

function factorMap(ids: Iterable<string>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const id of ids) map.set(id, true);
  return map;
}

/** The entity map of an actor, its factors as a keyed map. */
export function actorEntity(actor: Actor): Y.Map<unknown> {
  return toEntity({ name: readableText(actor.name, ACTOR_LIMITS.nameLength), role: actor.role, factors: factorMap(actor.factors) });
}

/** The actor's keyed factor map, turning a list of schema version 1 into one first. Call inside a transaction. */
function ensureFactorMap(y: Y.Map<unknown>): Y.Map<unknown> {
  const current = y.get('factors');
  if (current instanceof Y.Map) return current;
  const map = factorMap(readActorFactorIds(current));
  y.set('factors', map);
  return map;
}

/** Ties (or unties) the actor entity to `factorIds`, key by key. Call inside a transaction. */
export function tieActorFactors(y: Y.Map<unknown>, factorIds: Iterable<string>, tied: boolean): void {
  const wanted = [...factorIds];
  const current = new Set(readActorFactorIds(y.get('factors')));
  if (wanted.every((id) => current.has(id) === tied) && y.get('factors') instanceof Y.Map) return;
  const map = ensureFactorMap(y);
  for (const id of wanted) {
    if (tied && map.get(id) !== true) map.set(id, true);
    if (!tied && map.has(id)) map.delete(id);
  }
}
