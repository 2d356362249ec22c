/**
 * What changed between two states of an analysis (two versions, or a version and now): factors and links added,
 * removed and changed (with the names of the fields that changed), and the feedback loops that appeared or are gone.
 * The first three parts are exactly the answer of `GET /api/analyses/:id/compare` (CONTRACT.md §4); the rest is
 * what the compare overlay and the summary in words (`summary.ts`) need besides. Pure: data in, data out.
 */
import { findLoops, type FindLoopsOptions, type Loop } from '../graph/loops.ts';
import { loopKey } from '../graph/loopKey.ts';
import { loopIdsByKey } from '../graph/numberLoops.ts';
import type { Actor, Analysis, Factor, Link } from '../model/types.ts';

/** Fields of a factor that a change can name, in this order. */
export const FACTOR_FIELDS = ['label', 'kind', 'domain', 'evidence', 'note', 'position'] as const;
export type FactorField = (typeof FACTOR_FIELDS)[number];
/** Fields of a link that a change can name, in this order. */
export const LINK_FIELDS = ['from', 'to', 'polarity', 'note'] as const;
export type LinkField = (typeof LINK_FIELDS)[number];
/** Fields of an actor (person involved) that a change can name, in this order. */
export const ACTOR_FIELDS = ['name', 'role', 'factors'] as const;
export type ActorField = (typeof ACTOR_FIELDS)[number];

/** One entity that exists on both sides but differs, with the fields that differ (in the order of `*_FIELDS`). */
export interface EntityChange<F extends string = string> {
  readonly id: string;
  readonly fields: F[];
}

/** Ids that only the newer side has (`added`), only the older side has (`removed`), and that differ (`changed`). */
export interface CollectionDiff<F extends string = string> {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: Array<EntityChange<F>>;
}

export interface LoopsDiff {
  /** Loops only the newer side has, each as its link ids (rotated to start at the smallest, as `findLoops` gives). */
  readonly appeared: string[][];
  /** Loops only the older side has, as link ids. */
  readonly gone: string[][];
  /** The loop search stopped early on one of the sides (a huge diagram): the two lists may be incomplete. */
  readonly truncated: boolean;
}

/** The difference between two analyses; `factors`, `links` and `loops` (without `truncated`) are CONTRACT.md §4. */
export interface AnalysisDiff {
  readonly factors: CollectionDiff<FactorField>;
  readonly links: CollectionDiff<LinkField>;
  readonly loops: LoopsDiff;
  readonly actors: CollectionDiff<ActorField>;
  /** The title differs. */
  readonly title: boolean;
  /** Loop names given, changed or removed: the keys (`loopKey`) whose name differs. */
  readonly loopNames: string[];
}

function byId<T extends { readonly id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

/** Deep equality of JSON-like values (plain objects and arrays). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((value, i) => sameValue(value, b[i]));
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    return keysA.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return false;
}

/** Compares the entities of one collection by id; added and removed keep the order of their own side. */
export function diffCollection<T extends { readonly id: string }, F extends string & keyof T>(
  before: readonly T[],
  after: readonly T[],
  fields: readonly F[],
  normalize: (entity: T, field: F) => unknown = (entity, field) => entity[field],
): CollectionDiff<F> {
  const old = byId(before);
  const now = byId(after);
  const added = [...now.keys()].filter((id) => !old.has(id));
  const removed = [...old.keys()].filter((id) => !now.has(id));
  const changed: Array<EntityChange<F>> = [];
  for (const [id, entity] of now) {
    const previous = old.get(id);
    if (previous === undefined) continue;
    const differing = fields.filter((field) => !sameValue(normalize(previous, field), normalize(entity, field)));
    if (differing.length > 0) changed.push({ id, fields: differing });
  }
  return { added, removed, changed };
}

/** An actor's factors are a set: their order does not make a change. */
function normalizeActor(actor: Actor, field: ActorField): unknown {
  return field === 'factors' ? [...actor.factors].sort() : actor[field];
}

/** A factor's missing domain and `null` are the same. */
function normalizeFactor(factor: Factor, field: FactorField): unknown {
  return field === 'domain' ? (factor.domain ?? null) : factor[field];
}

/** The loops of both sides of a comparison. */
export interface BothLoops {
  readonly before: Loop[];
  readonly after: Loop[];
  readonly truncated: boolean;
}

/** Options of a comparison: the loop search's limits, or the loops of both sides when they are already known. */
export type CompareOptions = Omit<FindLoopsOptions, 'previousIds'> & { readonly loops?: BothLoops };

/** The loops of both sides, numbered so that a loop on both keeps its number (the newer side follows the older). */
export function loopsOfBoth(
  before: Pick<Analysis, 'factors' | 'links' | 'loops'>,
  after: Pick<Analysis, 'factors' | 'links' | 'loops'>,
  options: Omit<FindLoopsOptions, 'previousIds'> = {},
): BothLoops {
  const old = findLoops(before, options);
  const now = findLoops(after, { ...options, previousIds: loopIdsByKey(old.loops) });
  return { before: old.loops, after: now.loops, truncated: old.truncated || now.truncated };
}

/**
 * Compares `before` (the older state) with `after` (the newer one). Entities are matched by id: a factor whose label
 * was rewritten is `changed` with field `label`, not removed and added. Loops are matched by their links.
 */
export function compareAnalyses(before: Analysis, after: Analysis, options: CompareOptions = {}): AnalysisDiff {
  const loops = options.loops ?? loopsOfBoth(before, after, options);
  const oldKeys = new Set(loops.before.map((loop) => loop.key));
  const newKeys = new Set(loops.after.map((loop) => loop.key));
  const oldNames = new Map(before.loops.map((l) => [loopKey(l.links), l.name]));
  const newNames = new Map(after.loops.map((l) => [loopKey(l.links), l.name]));
  const loopNames = [...new Set([...oldNames.keys(), ...newNames.keys()])].filter((key) => oldNames.get(key) !== newNames.get(key)).sort();
  return {
    factors: diffCollection<Factor, FactorField>(before.factors, after.factors, FACTOR_FIELDS, normalizeFactor),
    links: diffCollection<Link, LinkField>(before.links, after.links, LINK_FIELDS),
    loops: {
      appeared: loops.after.filter((loop) => !oldKeys.has(loop.key)).map((loop) => [...loop.links]),
      gone: loops.before.filter((loop) => !newKeys.has(loop.key)).map((loop) => [...loop.links]),
      truncated: loops.truncated,
    },
    actors: diffCollection<Actor, ActorField>(before.actors, after.actors, ACTOR_FIELDS, normalizeActor),
    title: before.title !== after.title,
    loopNames,
  };
}

/** True when nothing at all differs (positions included). */
export function isUnchanged(diff: AnalysisDiff): boolean {
  const empty = (c: CollectionDiff) => c.added.length === 0 && c.removed.length === 0 && c.changed.length === 0;
  return (
    empty(diff.factors) &&
    empty(diff.links) &&
    empty(diff.actors) &&
    diff.loops.appeared.length === 0 &&
    diff.loops.gone.length === 0 &&
    !diff.title &&
    diff.loopNames.length === 0
  );
}
