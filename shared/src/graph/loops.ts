/**
 * The feedback loops of an analysis (DOMAIN.md "Patterns"): every elementary cycle of the factor graph, typed
 * reinforcing (R) or balancing (B), marked vicious or virtuous, named from the names people gave, and numbered.
 */
import type { Analysis, FactorKind } from '../model/types.ts';
import { visitElementaryCycles } from './cycles.ts';
import { loopKey } from './loopKey.ts';
import { numberLoops } from './numberLoops.ts';

export type LoopType = 'reinforcing' | 'balancing';

export interface Loop {
  /** `R1`, `B2`, …: stable for a loop as long as the caller passes the previous numbering (`numberLoops`). */
  readonly id: string;
  /** `loopKey(links)`: the identity of the loop. */
  readonly key: string;
  readonly type: LoopType;
  readonly vicious: boolean;
  readonly virtuous: boolean;
  /** Factor ids in order; `links[i]` goes from `factors[i]` to `factors[(i + 1) % n]`. */
  readonly factors: readonly string[];
  /** Link ids in order, starting at the smallest id (the rotation `loopKey` uses). */
  readonly links: readonly string[];
  readonly name?: string;
}

export interface FindLoopsOptions {
  /** Stop after this many loops (default 10,000); `truncated` tells that more exist. */
  readonly maxLoops?: number;
  /** Stop after this many milliseconds of searching (default 150); `truncated` tells that the search stopped. */
  readonly timeBudgetMs?: number;
  /** The previous numbering, loop key → id, so loops that still exist keep their id. */
  readonly previousIds?: ReadonlyMap<string, string>;
}

export interface FoundLoops {
  /** Sorted by id: R1, R2, …, then B1, B2, …. */
  readonly loops: Loop[];
  readonly truncated: boolean;
}

export const DEFAULT_MAX_LOOPS = 10_000;
export const DEFAULT_TIME_BUDGET_MS = 150;

/** Kinds that make up a negative pattern: what we explain, what keeps it going, what makes it worse. */
const NEGATIVE_KINDS: ReadonlySet<FactorKind> = new Set(['problem', 'perpetuating', 'aggravating']);

/**
 * A reinforcing loop is *vicious* when EVERY factor on it is of kind problem, perpetuating or aggravating.
 * "Every", not "at least one": DOMAIN.md calls a vicieuze cirkel a reinforcing loop *through* those kinds, and a
 * reinforcing loop that also runs through a strength can spiral either way, so calling it vicious would be a
 * judgement the diagram does not support. Such mixed loops are neither vicious nor virtuous.
 */
export function isVicious(type: LoopType, kinds: readonly FactorKind[]): boolean {
  return type === 'reinforcing' && kinds.every((k) => NEGATIVE_KINDS.has(k));
}

/**
 * A reinforcing loop is *virtuous* when at least one factor on it is protective and none is of kind problem,
 * perpetuating or aggravating (the rest may be predisposing or precipitating). Never both vicious and virtuous.
 */
export function isVirtuous(type: LoopType, kinds: readonly FactorKind[]): boolean {
  return type === 'reinforcing' && kinds.includes('protective') && !kinds.some((k) => NEGATIVE_KINDS.has(k));
}

/** Even number of `-` links: reinforcing (a spiral); odd: balancing. */
export function loopTypeOf(minusCount: number): LoopType {
  return minusCount % 2 === 0 ? 'reinforcing' : 'balancing';
}

type Unnumbered = Omit<Loop, 'id'>;

/** The factor graph by index: what `describeLoop` needs, in flat arrays so 10,000 long loops stay cheap. */
interface IndexedGraph {
  readonly factorIds: readonly string[];
  readonly negative: Uint8Array;
  readonly protective: Uint8Array;
  readonly linkIds: readonly string[];
  /** Position of each link id in sorted order, to rotate a loop to its smallest id without comparing strings. */
  readonly linkRank: Int32Array;
  readonly linkFrom: Int32Array;
  readonly linkMinus: Uint8Array;
}

/**
 * Enumerates the elementary cycles of the factor graph (links from → to; parallel links are distinct loops) with
 * Johnson's algorithm, shortest first (`visitElementaryCycles`), up to `maxLoops` loops and `timeBudgetMs` of
 * search; `truncated` says when either was hit. Links to factors that are not there are ignored.
 */
export function findLoops(analysis: Pick<Analysis, 'factors' | 'links' | 'loops'>, opts: FindLoopsOptions = {}): FoundLoops {
  const maxLoops = Math.max(0, opts.maxLoops ?? DEFAULT_MAX_LOOPS);
  const deadline = performance.now() + (opts.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);

  const indexOf = new Map<string, number>();
  const factorIds: string[] = [];
  const factorKinds: FactorKind[] = [];
  for (const f of analysis.factors) {
    if (indexOf.has(f.id)) continue;
    indexOf.set(f.id, factorIds.length);
    factorIds.push(f.id);
    factorKinds.push(f.kind);
  }
  const n = factorIds.length;
  const links = analysis.links.flatMap((l) => {
    const from = indexOf.get(l.from);
    const to = indexOf.get(l.to);
    return from === undefined || to === undefined ? [] : [{ id: l.id, from, to, minus: l.polarity === '-' }];
  });
  const byId = links.map((_, i) => i).sort((a, b) => (links[a]!.id < links[b]!.id ? -1 : links[a]!.id > links[b]!.id ? 1 : 0));
  const linkRank = new Int32Array(links.length);
  byId.forEach((link, rank) => (linkRank[link] = rank));
  const graph: IndexedGraph = {
    factorIds,
    negative: Uint8Array.from(factorKinds, (k) => (NEGATIVE_KINDS.has(k) ? 1 : 0)),
    protective: Uint8Array.from(factorKinds, (k) => (k === 'protective' ? 1 : 0)),
    linkIds: links.map((l) => l.id),
    linkRank,
    linkFrom: Int32Array.from(links, (l) => l.from),
    linkMinus: Uint8Array.from(links, (l) => (l.minus ? 1 : 0)),
  };

  // The simple graph Johnson runs on: one edge per ordered pair of factors, carrying every parallel link.
  const selfLoops: number[] = [];
  const successors: number[][] = Array.from({ length: n }, () => []);
  const edgeLinks: number[][][] = Array.from({ length: n }, () => []);
  const edgeAt = new Map<number, number[]>();
  links.forEach((l, i) => {
    if (l.from === l.to) return void selfLoops.push(i);
    const pair = l.from * n + l.to;
    const group = edgeAt.get(pair);
    if (group) return void group.push(i);
    const fresh = [i];
    edgeAt.set(pair, fresh);
    successors[l.from]!.push(l.to);
    edgeLinks[l.from]!.push(fresh);
  });

  const names = new Map<string, string>();
  for (const named of analysis.loops) {
    const key = loopKey(named.links);
    if (!names.has(key)) names.set(key, named.name);
  }

  const found: Unnumbered[] = [];
  let truncated = false;
  const add = (cycle: ArrayLike<number>, length: number): boolean => {
    if (found.length >= maxLoops) {
      truncated = true;
      return false;
    }
    found.push(describeLoop(cycle, length, graph, names));
    return true;
  };

  let complete = true;
  for (const link of selfLoops) if (!add([link], 1)) complete = false;
  if (complete) {
    let chosen = new Int32Array(16);
    const groups: number[][] = [];
    complete = visitElementaryCycles(successors, {
      onCycle: (vertices, edges) => {
        const length = vertices.length;
        if (chosen.length < length) chosen = new Int32Array(2 * length);
        groups.length = 0;
        let parallel = false;
        for (let i = 0; i < length; i++) {
          const group = edgeLinks[vertices[i]!]![edges[i]!]!;
          chosen[i] = group[0]!;
          groups.push(group);
          if (group.length > 1) parallel = true;
        }
        return parallel ? expandParallel(groups, chosen, add) : add(chosen, length);
      },
      shouldStop: () => performance.now() > deadline,
    });
  }
  if (!complete) truncated = true;

  const ids = numberLoops(found, opts.previousIds);
  const loops: Loop[] = found.map((loop) => ({ id: ids.get(loop.key)!, ...loop }));
  return { loops: sortByLoopId(loops), truncated };
}

/** Calls `add` once per way to pick one link from each group (an odometer over the groups). */
function expandParallel(
  groups: ReadonlyArray<readonly number[]>,
  chosen: Int32Array,
  add: (cycle: ArrayLike<number>, length: number) => boolean,
): boolean {
  const digits = groups.map(() => 0);
  for (;;) {
    for (let i = 0; i < groups.length; i++) chosen[i] = groups[i]![digits[i]!]!;
    if (!add(chosen, groups.length)) return false;
    let i = 0;
    while (i < groups.length && ++digits[i]! === groups[i]!.length) digits[i++] = 0;
    if (i === groups.length) return true;
  }
}

function describeLoop(cycle: ArrayLike<number>, length: number, graph: IndexedGraph, names: ReadonlyMap<string, string>): Unnumbered {
  // Rotate so the smallest link id comes first, exactly as loopKey does; then the key is the joined ids.
  let start = 0;
  for (let i = 1; i < length; i++) if (graph.linkRank[cycle[i]!]! < graph.linkRank[cycle[start]!]!) start = i;
  const links = new Array<string>(length);
  const factors = new Array<string>(length);
  let minus = 0;
  let negative = 0;
  let protective = 0;
  for (let j = 0; j < length; j++) {
    const link = cycle[(start + j) % length]!;
    const from = graph.linkFrom[link]!;
    links[j] = graph.linkIds[link]!;
    factors[j] = graph.factorIds[from]!;
    minus += graph.linkMinus[link]!;
    negative += graph.negative[from]!;
    protective += graph.protective[from]!;
  }
  const key = links.join(' ');
  const type = loopTypeOf(minus);
  const name = names.get(key);
  return {
    key,
    type,
    // The same rules as isVicious / isVirtuous, on counts instead of a list of kinds.
    vicious: type === 'reinforcing' && negative === length,
    virtuous: type === 'reinforcing' && protective > 0 && negative === 0,
    factors,
    links,
    ...(name !== undefined ? { name } : {}),
  };
}

/** Orders loops by id: R1, R2, …, R10, then B1, B2, … (ids as `numberLoops` gives them). */
export function sortByLoopId<T extends { readonly id: string }>(loops: readonly T[]): T[] {
  const order = (id: string) => (id.charAt(0) === 'R' ? 0 : 2 ** 40) + Number(id.slice(1));
  return loops
    .map((loop) => ({ loop, order: order(loop.id) }))
    .sort((a, b) => a.order - b.order)
    .map((entry) => entry.loop);
}
