import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FactorKind } from '../model/types.ts';
import { parseAnalysisText } from '../schema/parseAnalysisFile.ts';
import { findLoops, isVicious, isVirtuous } from './loops.ts';
import { loopKey } from './loopKey.ts';
import { binomial, completeDigraph, factorial, makeGraph } from '../testing/graph.ts';

const UNLIMITED = { maxLoops: 1_000_000, timeBudgetMs: 60_000 };

function readExample(name: string) {
  const parsed = parseAnalysisText(readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.value;
}

describe('findLoops: known answers', () => {
  it.each([3, 4, 5, 6])('the complete digraph on %i factors has Σ C(n,k)(k−1)! elementary cycles', (n) => {
    let expected = 0;
    for (let k = 2; k <= n; k++) expected += binomial(n, k) * factorial(k - 1);
    const { loops, truncated } = findLoops(completeDigraph(n), UNLIMITED);
    expect(truncated).toBe(false);
    expect(loops).toHaveLength(expected);
    expect(new Set(loops.map((l) => l.key)).size).toBe(expected);
  });

  it('a DAG has no loops', () => {
    const dag = makeGraph(
      [['a'], ['b'], ['c'], ['d'], ['e']],
      [
        ['a', 'b'],
        ['a', 'c'],
        ['b', 'd'],
        ['c', 'd'],
        ['d', 'e'],
        ['a', 'e'],
        ['b', 'c'],
      ],
    );
    expect(findLoops(dag)).toEqual({ loops: [], truncated: false });
  });

  it('an empty analysis has no loops', () => {
    expect(findLoops(makeGraph([], []))).toEqual({ loops: [], truncated: false });
  });

  it.each([
    { polarities: ['+', '+', '+'], type: 'reinforcing' },
    { polarities: ['+', '-', '+'], type: 'balancing' },
    { polarities: ['-', '-', '+'], type: 'reinforcing' },
    { polarities: ['-', '-', '-'], type: 'balancing' },
  ] as const)('polarities $polarities make a $type loop', ({ polarities, type }) => {
    const graph = makeGraph(
      [['a'], ['b'], ['c']],
      [
        ['a', 'b', polarities[0]],
        ['b', 'c', polarities[1]],
        ['c', 'a', polarities[2]],
      ],
    );
    const [loop] = findLoops(graph).loops;
    expect(loop).toMatchObject({ type, id: type === 'reinforcing' ? 'R1' : 'B1' });
  });

  it('a link from a factor to itself is a loop of one link', () => {
    const graph = makeGraph(
      [['a'], ['b']],
      [
        ['a', 'a', '-'],
        ['a', 'b'],
      ],
    );
    expect(findLoops(graph).loops).toEqual([
      { id: 'B1', key: 'l1', type: 'balancing', vicious: false, virtuous: false, factors: ['a'], links: ['l1'] },
    ]);
  });

  it('parallel links in the same direction are distinct loops', () => {
    const graph = makeGraph(
      [['a'], ['b']],
      [
        ['a', 'b', '+'],
        ['a', 'b', '-'],
        ['b', 'a', '+'],
      ],
    );
    const loops = findLoops(graph).loops;
    expect(loops.map((l) => [l.id, l.key])).toEqual([
      ['R1', 'l1 l3'],
      ['B1', 'l2 l3'],
    ]);
  });

  it('lists links from the smallest id and factors so that links[i] leaves factors[i]', () => {
    const graph = makeGraph(
      [['a'], ['b'], ['c']],
      [
        ['b', 'c'],
        ['c', 'a'],
        ['a', 'b'],
      ],
    );
    const [loop] = findLoops(graph).loops;
    expect(loop).toMatchObject({ links: ['l1', 'l2', 'l3'], factors: ['b', 'c', 'a'], key: 'l1 l2 l3' });
  });

  it('finds the schuldenspiraal in the small example, named, and the longer spiral through the children', () => {
    const { loops, truncated } = findLoops(readExample('small.samenzicht.json'));
    expect(truncated).toBe(false);
    expect(loops).toEqual([
      {
        id: 'R1',
        key: 'l2 l3 l4 l5',
        type: 'reinforcing',
        vicious: true,
        virtuous: false,
        factors: ['f2', 'f3', 'f4', 'f5'],
        links: ['l2', 'l3', 'l4', 'l5'],
        name: 'De schuldenspiraal',
      },
      {
        id: 'R2',
        key: 'l2 l6 l7 l8 l4 l5',
        type: 'reinforcing',
        vicious: true,
        virtuous: false,
        factors: ['f2', 'f3', 'f6', 'f7', 'f4', 'f5'],
        links: ['l2', 'l6', 'l7', 'l8', 'l4', 'l5'],
      },
    ]);
  });

  it('takes a name whatever link the people started the loop at', () => {
    const graph = makeGraph(
      [['a'], ['b'], ['c']],
      [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
      ],
      [{ links: ['l3', 'l1', 'l2'], name: 'Piekeren' }],
    );
    expect(findLoops(graph).loops[0]!.name).toBe('Piekeren');
  });

  it('ignores links to factors that are not there', () => {
    const graph = makeGraph(
      [['a'], ['b']],
      [
        ['a', 'b'],
        ['b', 'a'],
        ['b', 'ghost'],
        ['ghost', 'a'],
      ],
    );
    expect(findLoops(graph).loops.map((l) => l.key)).toEqual(['l1 l2']);
  });
});

describe('findLoops: limits', () => {
  // The complete digraph on 7 factors has 2,365 elementary cycles.
  const k7 = completeDigraph(7);

  it('stops at maxLoops, reports exactly that many and says it was truncated', () => {
    const { loops, truncated } = findLoops(k7, { maxLoops: 100, timeBudgetMs: 60_000 });
    expect(truncated).toBe(true);
    expect(loops).toHaveLength(100);
    expect(new Set(loops.map((l) => l.key)).size).toBe(100);
  });

  it('keeps the shortest loops when it stops: the 21 two-link loops of K7 first, then its 70 three-link loops', () => {
    const lengths = (maxLoops: number) => findLoops(k7, { maxLoops, timeBudgetMs: 60_000 }).loops.map((l) => l.links.length);
    expect(lengths(21)).toEqual(Array(21).fill(2));
    expect(lengths(91).filter((k) => k === 3)).toHaveLength(70);
    expect(Math.max(...lengths(91))).toBe(3);
  });

  it('is not truncated when the number of loops equals maxLoops', () => {
    const { loops, truncated } = findLoops(k7, { maxLoops: 2_365, timeBudgetMs: 60_000 });
    expect(truncated).toBe(false);
    expect(loops).toHaveLength(2_365);
  });

  it('reports truncated when the time budget runs out', () => {
    const { truncated } = findLoops(completeDigraph(12), { maxLoops: 10_000_000, timeBudgetMs: 5 });
    expect(truncated).toBe(true);
  });

  it('handles a ring of 5,000 factors without running out of stack', () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => `f${i}`);
    const graph = makeGraph(
      ids.map((id) => [id] as const),
      ids.map((id, i) => [id, ids[(i + 1) % ids.length]!] as const),
    );
    const { loops, truncated } = findLoops(graph, { timeBudgetMs: 60_000 });
    expect(truncated).toBe(false);
    expect(loops).toHaveLength(1);
    expect(loops[0]!.links).toHaveLength(5_000);
  });
});

describe('vicious and virtuous', () => {
  const cases: Array<{ kinds: FactorKind[]; vicious: boolean; virtuous: boolean }> = [
    { kinds: ['perpetuating', 'aggravating', 'problem'], vicious: true, virtuous: false },
    { kinds: ['perpetuating', 'perpetuating'], vicious: true, virtuous: false },
    { kinds: ['perpetuating', 'predisposing'], vicious: false, virtuous: false },
    { kinds: ['perpetuating', 'protective'], vicious: false, virtuous: false },
    { kinds: ['protective', 'protective'], vicious: false, virtuous: true },
    { kinds: ['protective', 'predisposing'], vicious: false, virtuous: true },
    { kinds: ['predisposing', 'precipitating'], vicious: false, virtuous: false },
  ];

  it.each(cases)('a reinforcing loop through $kinds: vicious $vicious, virtuous $virtuous', ({ kinds, vicious, virtuous }) => {
    expect(isVicious('reinforcing', kinds)).toBe(vicious);
    expect(isVirtuous('reinforcing', kinds)).toBe(virtuous);
  });

  it.each(cases)('a balancing loop through $kinds is neither', ({ kinds }) => {
    expect(isVicious('balancing', kinds)).toBe(false);
    expect(isVirtuous('balancing', kinds)).toBe(false);
  });

  it('marks loops in a graph by the kinds of their factors', () => {
    const graph = makeGraph(
      [
        ['stress', 'perpetuating'],
        ['schulden', 'perpetuating'],
        ['steun', 'protective'],
        ['regie', 'protective'],
      ],
      [
        ['stress', 'schulden'],
        ['schulden', 'stress'],
        ['steun', 'regie'],
        ['regie', 'steun'],
        ['steun', 'stress', '-'],
        ['stress', 'steun', '-'],
      ],
    );
    const byKey = new Map(findLoops(graph).loops.map((l) => [l.key, l]));
    expect(byKey.get('l1 l2')).toMatchObject({ vicious: true, virtuous: false });
    expect(byKey.get('l3 l4')).toMatchObject({ vicious: false, virtuous: true });
    expect(byKey.get('l5 l6')).toMatchObject({ type: 'reinforcing', vicious: false, virtuous: false });
  });

  it('keys every loop with loopKey', () => {
    for (const loop of findLoops(completeDigraph(5)).loops) expect(loop.key).toBe(loopKey(loop.links));
  });
});
