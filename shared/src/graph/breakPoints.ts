/**
 * Where vicious circles can be broken (DOMAIN.md "Patterns", *aangrijpingspunten*): how many vicious loops pass
 * through each link and factor, a small set of links and of factors that together break every vicious loop, and
 * the strengths that already act on each vicious loop.
 */
import type { Analysis } from '../model/types.ts';
import type { Loop } from './loops.ts';

type LoopLike = Pick<Loop, 'id' | 'vicious' | 'factors' | 'links'>;

export interface Ranked {
  readonly id: string;
  /** How many vicious loops pass through it. */
  readonly count: number;
}

/** Counts, per link and per factor, the vicious loops through it (only ids with at least one). */
export function countViciousPassages(loops: readonly LoopLike[]): {
  links: Map<string, number>;
  factors: Map<string, number>;
} {
  const links = new Map<string, number>();
  const factors = new Map<string, number>();
  for (const loop of loops) {
    if (!loop.vicious) continue;
    for (const id of loop.links) links.set(id, (links.get(id) ?? 0) + 1);
    for (const id of loop.factors) factors.set(id, (factors.get(id) ?? 0) + 1);
  }
  return { links, factors };
}

/** Links and factors on at least one vicious loop, most vicious loops first (ties by id). */
export function rankBreakPoints(loops: readonly LoopLike[]): { links: Ranked[]; factors: Ranked[] } {
  const counts = countViciousPassages(loops);
  return { links: rank(counts.links), factors: rank(counts.factors) };
}

/**
 * A small set of links whose removal breaks every vicious loop: the Eades–Lin–Smyth feedback arcs of the subgraph
 * of vicious-loop links, completed greedily and pruned; a plain greedy hitting set is tried too and the smaller
 * set wins. Ordered by how many vicious loops each link is on.
 */
export function feedbackArcSet(loops: readonly LoopLike[]): string[] {
  const vicious = loops.filter((l) => l.vicious);
  if (vicious.length === 0) return [];
  const arcs = new Map<string, Arc>();
  for (const loop of vicious) {
    loop.links.forEach((id, i) => {
      arcs.set(id, { id, from: loop.factors[i]!, to: loop.factors[(i + 1) % loop.factors.length]! });
    });
  }
  const sets = vicious.map((l) => l.links);
  const fromOrdering = hitEverySet(sets, eadesLinSmythArcs([...arcs.values()]));
  const greedy = hitEverySet(sets, []);
  return greedy.length < fromOrdering.length ? greedy : fromOrdering;
}

/** A small set of factors that together lie on every vicious loop (greedy hitting set, then pruned). */
export function factorBreakPoints(loops: readonly LoopLike[]): string[] {
  return hitEverySet(
    loops.filter((l) => l.vicious).map((l) => l.factors),
    [],
  );
}

/**
 * For each vicious loop (by loop id), the protective factors with a link into one of its factors, in the order of
 * `analysis.factors`; an empty list when no strength acts on it yet.
 */
export function protectiveInfluences(loops: readonly LoopLike[], analysis: Pick<Analysis, 'factors' | 'links'>): Record<string, string[]> {
  const order = new Map<string, number>();
  const protective = new Set<string>();
  analysis.factors.forEach((f, i) => {
    order.set(f.id, i);
    if (f.kind === 'protective') protective.add(f.id);
  });
  const actingOn = new Map<string, Set<string>>();
  for (const link of analysis.links) {
    if (!protective.has(link.from) || link.from === link.to) continue;
    let from = actingOn.get(link.to);
    if (!from) actingOn.set(link.to, (from = new Set()));
    from.add(link.from);
  }
  const out = new Map<string, string[]>();
  for (const loop of loops) {
    if (!loop.vicious) continue;
    const strengths = new Set<string>();
    for (const factor of loop.factors) for (const p of actingOn.get(factor) ?? []) strengths.add(p);
    out.set(
      loop.id,
      [...strengths].sort((a, b) => order.get(a)! - order.get(b)!),
    );
  }
  return Object.fromEntries(out);
}

interface Arc {
  readonly id: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Eades–Lin–Smyth (1993): order the vertices by repeatedly peeling sinks to the back and sources to the front, else
 * moving the vertex with the largest out-degree minus in-degree to the front; the arcs pointing backwards in that
 * order (and self-loops) form a feedback arc set.
 */
function eadesLinSmythArcs(arcs: readonly Arc[]): string[] {
  const nodes = [...new Set(arcs.flatMap((a) => [a.from, a.to]))].sort();
  const index = new Map(nodes.map((id, i) => [id, i]));
  const outArcs: number[][] = nodes.map(() => []);
  const inArcs: number[][] = nodes.map(() => []);
  const outDegree = new Int32Array(nodes.length);
  const inDegree = new Int32Array(nodes.length);
  const selfLoops: string[] = [];
  const ends = arcs.map((a) => [index.get(a.from)!, index.get(a.to)!] as const);
  ends.forEach(([from, to], i) => {
    if (from === to) return void selfLoops.push(arcs[i]!.id);
    outArcs[from]!.push(to);
    inArcs[to]!.push(from);
    outDegree[from]!++;
    inDegree[to]!++;
  });

  const alive = new Uint8Array(nodes.length).fill(1);
  let remaining = nodes.length;
  const front: number[] = [];
  const back: number[] = [];
  const remove = (v: number) => {
    alive[v] = 0;
    remaining--;
    for (const w of outArcs[v]!) if (alive[w]) inDegree[w]!--;
    for (const w of inArcs[v]!) if (alive[w]) outDegree[w]!--;
  };
  while (remaining > 0) {
    let peeled = true;
    while (peeled) {
      peeled = false;
      for (let v = 0; v < nodes.length; v++) {
        if (!alive[v]) continue;
        if (outDegree[v] === 0) back.push(v);
        else if (inDegree[v] === 0) front.push(v);
        else continue;
        remove(v);
        peeled = true;
      }
    }
    if (remaining === 0) break;
    let best = -1;
    for (let v = 0; v < nodes.length; v++) {
      if (alive[v] && (best < 0 || outDegree[v]! - inDegree[v]! > outDegree[best]! - inDegree[best]!)) best = v;
    }
    front.push(best);
    remove(best);
  }
  const position = new Int32Array(nodes.length);
  [...front, ...back.reverse()].forEach((v, i) => (position[v] = i));
  return [...selfLoops, ...arcs.filter((_, i) => position[ends[i]![0]]! > position[ends[i]![1]]!).map((a) => a.id)];
}

/**
 * Completes `seed` to a set that meets every set in `sets` (repeatedly adding the element on most unmet sets, ties
 * by most sets overall, then id), then drops elements whose sets are all met twice (least used first).
 */
function hitEverySet(sets: ReadonlyArray<readonly string[]>, seed: readonly string[]): string[] {
  // Elements by number, and for each element the sets it is in (one flat array with offsets).
  const number = new Map<string, number>();
  const names: string[] = [];
  const members = sets.map((set) =>
    set.map((e) => {
      let i = number.get(e);
      if (i === undefined) number.set(e, (i = names.push(e) - 1));
      return i;
    }),
  );
  const m = names.length;
  const total = new Int32Array(m);
  for (const set of members) for (const e of set) total[e]!++;
  const offset = new Int32Array(m + 1);
  for (let e = 0; e < m; e++) offset[e + 1] = offset[e]! + total[e]!;
  const fill = offset.slice(0, m);
  const setsOf = new Int32Array(offset[m]!);
  members.forEach((set, s) => {
    for (const e of set) setsOf[fill[e]!++] = s;
  });

  const chosen = new Uint8Array(m);
  const hits = new Int32Array(sets.length);
  const choose = (e: number) => {
    chosen[e] = 1;
    for (let k = offset[e]!; k < offset[e + 1]!; k++) hits[setsOf[k]!]!++;
  };
  for (const name of seed) {
    const e = number.get(name);
    if (e !== undefined && !chosen[e]) choose(e);
  }

  const unmetCount = new Int32Array(m);
  let unmet = 0;
  members.forEach((set, s) => {
    if (hits[s]! > 0) return;
    unmet++;
    for (const e of set) unmetCount[e]!++;
  });
  while (unmet > 0) {
    let best = -1;
    for (let e = 0; e < m; e++) {
      const count = unmetCount[e]!;
      if (count === 0) continue;
      if (best < 0 || count > unmetCount[best]! || (count === unmetCount[best]! && isBetter(e, best))) best = e;
    }
    for (let k = offset[best]!; k < offset[best + 1]!; k++) {
      const s = setsOf[k]!;
      if (hits[s]! > 0) continue;
      unmet--;
      for (const e of members[s]!) unmetCount[e]!--;
    }
    choose(best);
  }

  const pruneOrder: number[] = [];
  for (let e = 0; e < m; e++) if (chosen[e]) pruneOrder.push(e);
  pruneOrder.sort((a, b) => total[a]! - total[b]! || (names[a]! < names[b]! ? 1 : names[a]! > names[b]! ? -1 : 0));
  for (const e of pruneOrder) {
    let needed = false;
    for (let k = offset[e]!; k < offset[e + 1]! && !needed; k++) needed = hits[setsOf[k]!]! < 2;
    if (needed) continue;
    chosen[e] = 0;
    for (let k = offset[e]!; k < offset[e + 1]!; k++) hits[setsOf[k]!]!--;
  }
  const result = new Map<string, number>();
  for (let e = 0; e < m; e++) if (chosen[e]) result.set(names[e]!, total[e]!);
  return rank(result).map((r) => r.id);

  function isBetter(candidate: number, best: number): boolean {
    const diff = total[candidate]! - total[best]!;
    return diff > 0 || (diff === 0 && names[candidate]! < names[best]!);
  }
}

function rank(counts: ReadonlyMap<string, number>): Ranked[] {
  return [...counts].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
