/**
 * The stance record: what one person involved (an actor) says of one factor or link — "herken ik", "twijfel" or
 * "herken ik niet" — and how it is read from and written to the live document.
 *
 * In the live document stances live in their own top-level map, `stances`, keyed by `stanceKey(actor, on)`, so there
 * is at most one per (actor, factor or link) on every replica and two people marking different things never conflict.
 * The value is a plain `{ actor, on, stance }` written whole. A stance whose actor or factor/link is gone stays in the
 * document (a restored factor brings its stances back) but is not read into the analysis.
 */
import * as Y from 'yjs';
import { isValidId } from './entity.ts';
import { isOneOf, type Stance, type StanceMark } from './types.ts';

export const STANCES = ['recognise', 'doubt', 'not-recognise'] as const satisfies readonly Stance[];

/** The key of the stance of `actor` on the factor or link `on`: one key per pair, whatever characters the ids hold. */
export function stanceKey(actor: string, on: string): string {
  return JSON.stringify([actor, on]);
}

/** Reads one stored stance value, or null when it is not one (a stray value a client wrote, or a mismatched key). */
export function readStance(key: string, value: unknown): StanceMark | null {
  if (typeof value !== 'object' || value === null || value instanceof Y.AbstractType) return null;
  const { actor, on, stance } = value as { actor?: unknown; on?: unknown; stance?: unknown };
  if (typeof actor !== 'string' || typeof on !== 'string' || !isValidId(actor) || !isValidId(on)) return null;
  if (!isOneOf(STANCES, stance)) return null;
  // A value under another key would make a second stance for the same pair on some replicas: only the own key counts.
  if (key !== stanceKey(actor, on)) return null;
  return { actor, on, stance };
}

/** The stored value of a stance. */
export function stanceValue(mark: StanceMark): { actor: string; on: string; stance: Stance } {
  return { actor: mark.actor, on: mark.on, stance: mark.stance };
}

const byActorThenTarget = (a: StanceMark, b: StanceMark) =>
  a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : a.on < b.on ? -1 : a.on > b.on ? 1 : 0;

/**
 * The stances of a `stances` map whose actor and target exist, sorted by actor then target (Y.Map order differs per
 * replica), at most `limit`.
 */
export function readStances(
  map: Y.Map<unknown>,
  actorIds: ReadonlySet<string>,
  targetIds: ReadonlySet<string>,
  limit: number,
): StanceMark[] {
  const out: StanceMark[] = [];
  map.forEach((value, key) => {
    const mark = readStance(key, value);
    if (mark && actorIds.has(mark.actor) && targetIds.has(mark.on)) out.push(mark);
  });
  return out.sort(byActorThenTarget).slice(0, limit);
}

/** Every stance stored in a `stances` map, keyed as stored, whatever its actor or target (for the live projection). */
export function readAllStances(map: Y.Map<unknown>): Map<string, StanceMark> {
  const out = new Map<string, StanceMark>();
  map.forEach((value, key) => {
    const mark = readStance(key, value);
    if (mark) out.set(key, mark);
  });
  return out;
}
