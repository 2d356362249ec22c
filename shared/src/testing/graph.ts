/** Small helpers for the graph tests: build analyses tersely and count cycles the slow, obvious way. */
import type { Analysis, Factor, FactorKind, Link, Polarity } from '../model/types.ts';

export type GraphInput = Pick<Analysis, 'factors' | 'links' | 'loops'>;

/** An analysis from `[id, kind]` factors and `[from, to, polarity?]` links; links get ids l1, l2, …. */
export function makeGraph(
  factors: ReadonlyArray<readonly [id: string, kind?: FactorKind]>,
  links: ReadonlyArray<readonly [from: string, to: string, polarity?: Polarity]>,
  loops: Analysis['loops'] = [],
): GraphInput {
  return {
    factors: factors.map(([id, kind], i): Factor => ({
      id,
      label: `Factor ${id}`,
      kind: kind ?? 'perpetuating',
      domain: null,
      evidence: 'observation',
      note: '',
      position: { x: 0, y: i * 120 },
    })),
    links: links.map(([from, to, polarity], i): Link => ({ id: `l${i + 1}`, from, to, polarity: polarity ?? '+', note: '' })),
    loops,
  };
}

/** The complete digraph on n factors f1…fn (every ordered pair once, no self-links). */
export function completeDigraph(n: number): GraphInput {
  const ids = Array.from({ length: n }, (_, i) => `f${i + 1}`);
  const links: Array<[string, string]> = [];
  for (const a of ids) for (const b of ids) if (a !== b) links.push([a, b]);
  return makeGraph(
    ids.map((id) => [id] as const),
    links,
  );
}

/** Drops the given links, and the given factors with every link that touches them. */
export function withoutParts(graph: GraphInput, linkIds: readonly string[], factorIds: readonly string[] = []): GraphInput {
  const goneLinks = new Set(linkIds);
  const goneFactors = new Set(factorIds);
  return {
    factors: graph.factors.filter((f) => !goneFactors.has(f.id)),
    links: graph.links.filter((l) => !goneLinks.has(l.id) && !goneFactors.has(l.from) && !goneFactors.has(l.to)),
    loops: graph.loops,
  };
}

/**
 * Counts elementary cycles (as link sequences) by plain recursion: from each factor, walk simple paths through
 * factors that come later in the list and count the links that return to the start. Only for small graphs.
 */
export function countCyclesByBruteForce(graph: GraphInput): number {
  const order = new Map(graph.factors.map((f, i) => [f.id, i]));
  const out = new Map<string, Link[]>();
  for (const l of graph.links) out.set(l.from, [...(out.get(l.from) ?? []), l]);
  let count = 0;
  const walk = (start: string, at: string, seen: Set<string>): void => {
    for (const l of out.get(at) ?? []) {
      if (l.to === start) count++;
      else if (order.get(l.to)! > order.get(start)! && !seen.has(l.to)) {
        seen.add(l.to);
        walk(start, l.to, seen);
        seen.delete(l.to);
      }
    }
  };
  for (const f of graph.factors) walk(f.id, f.id, new Set([f.id]));
  return count;
}

/** C(n, k). */
export function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** (k)! */
export function factorial(k: number): number {
  return k <= 1 ? 1 : k * factorial(k - 1);
}

/** A random digraph on factors `prefix`0…n−1: each ordered pair linked with chance `p`, drawn from `random`. */
export function randomDigraph(random: () => number, n: number, p: number, prefix = 'f'): GraphInput {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const links: Array<[string, string]> = [];
  for (const a of ids) for (const b of ids) if (a !== b && random() < p) links.push([a, b]);
  return makeGraph(
    ids.map((id) => [id] as const),
    links,
  );
}
