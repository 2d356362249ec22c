import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findLoops } from '../graph/loops.ts';
import { parseAnalysisFile } from '../schema/parseAnalysisFile.ts';
import { seededRandom } from '../random.ts';
import { completeDigraph, makeGraph, randomDigraph, type GraphInput } from '../testing/graph.ts';
import { isSimplePolygon, type Point } from './geometry.ts';
import { loopsForLayout } from './layoutAnalysis.ts';
import { brokenRingsBound, ringObstruction, ringsImpossible } from './ringObstruction.ts';

const allLoops = (graph: GraphInput): string[][] =>
  findLoops(graph, { maxLoops: 100_000, timeBudgetMs: 60_000 }).loops.map((l) => [...l.factors]);

/** Both directions of every given pair. */
function undirected(ids: readonly string[], pairs: ReadonlyArray<readonly [string, string]>): GraphInput {
  return makeGraph(
    ids.map((id) => [id] as const),
    pairs.flatMap(([a, b]) => [
      [a, b],
      [b, a],
    ]),
  );
}

// Five loops of the medium example that share factors as the edges of K3,3 do (see BENCHMARKS.md).
const MEDIUM_KNOT = [
  ['f24', 'f25', 'f16', 'f32', 'f33'],
  ['f12', 'f32', 'f33', 'f18', 'f19', 'f37', 'f10'],
  ['f17', 'f18', 'f19', 'f15', 'f24', 'f25', 'f16'],
  ['f18', 'f19', 'f15', 'f24', 'f25', 'f16', 'f32', 'f33'],
  ['f12', 'f32', 'f33', 'f24', 'f25', 'f16', 'f17', 'f18', 'f19', 'f37', 'f10'],
];

describe('ring obstruction: a proof that some loops cannot all be rings', () => {
  it('proves it for every cycle of K5 and of K3,3, the two graphs no drawing can keep free of crossings', () => {
    expect(ringsImpossible(allLoops(completeDigraph(5)))).toBe(true);
    const k33 = undirected(
      ['a', 'b', 'c', 'x', 'y', 'z'],
      ['a', 'b', 'c'].flatMap((p) => ['x', 'y', 'z'].map((q) => [p, q] as const)),
    );
    expect(ringsImpossible(allLoops(k33))).toBe(true);
  });

  it('never claims it for a graph that can be drawn without crossings, whose every cycle is then a ring', () => {
    const rim = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    const wheel = undirected(
      ['hub', ...rim],
      rim.flatMap((r, i) => [['hub', r] as const, [r, rim[(i + 1) % rim.length]!] as const]),
    );
    expect(allLoops(wheel).length).toBeGreaterThan(30);
    expect(ringsImpossible(allLoops(wheel))).toBe(false);
    const grid: Array<[string, string]> = [];
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 3; c++) {
        if (c < 2) grid.push([`${r}${c}`, `${r}${c + 1}`]);
        if (r < 2) grid.push([`${r}${c}`, `${r + 1}${c}`]);
      }
    expect(ringsImpossible(allLoops(undirected([...new Set(grid.flat())], grid)))).toBe(false);
  });

  it('never claims it for loops that a real drawing shows as rings (random graphs, random points)', () => {
    let proved = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const graph = randomDigraph(random, 9, 0.3, 'v');
      const ids = graph.factors.map((f) => f.id);
      const at = new Map<string, Point>(ids.map((id) => [id, { x: random(), y: random() }]));
      const loops = allLoops(graph);
      const rings = loops.filter((l) => isSimplePolygon(l.map((id) => at.get(id)!)));
      // Sound: these points draw every one of `rings` as a ring, so no proof may say it is impossible.
      expect(ringsImpossible(rings)).toBe(false);
      if (ringsImpossible(loops)) proved++;
    }
    // And not idle: for many of the same graphs, the set of all their loops is proved impossible.
    expect(proved).toBeGreaterThan(10);
  });

  it('proves that the five knotted loops of the medium example cannot all be rings, while any four may', () => {
    expect(ringsImpossible(MEDIUM_KNOT)).toBe(true);
    for (let k = 0; k < MEDIUM_KNOT.length; k++) {
      expect(ringsImpossible(MEDIUM_KNOT.filter((_, i) => i !== k))).toBe(false);
    }
    expect(ringObstruction(MEDIUM_KNOT)).toEqual(MEDIUM_KNOT);
  });

  it('proves that every drawing of the medium example leaves at least two of its 43 loops broken', () => {
    const parsed = parseAnalysisFile(
      JSON.parse(readFileSync(new URL('../../../examples/medium.samenzicht.json', import.meta.url), 'utf8')),
    );
    if (!parsed.ok) throw new Error('examples/medium does not parse');
    const loops = loopsForLayout(parsed.value);
    expect(loops).toHaveLength(43);
    const bound = brokenRingsBound(loops);
    expect(bound.atLeastBroken).toBe(2);
    // Two obstructions with no loop in common: each costs a loop of its own.
    const [first, second] = bound.obstructions.map((o) => new Set(o.map((l) => l.join('>'))));
    expect([...first!].some((key) => second!.has(key))).toBe(false);
    for (const obstruction of bound.obstructions) expect(ringsImpossible(obstruction)).toBe(true);
  });
});
