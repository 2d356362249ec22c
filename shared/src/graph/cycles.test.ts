import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visitCyclesInRange, visitElementaryCycles } from './cycles.ts';
import { strongComponents } from './strongComponents.ts';

/** A simple digraph as successor lists: up to 7 vertices, no self-links, no repeated successor, any density. */
const simpleGraphs = fc
  .integer({ min: 1, max: 7 })
  .chain((n) =>
    fc
      .tuple(fc.integer({ min: 1, max: 10 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n * n, maxLength: n * n }))
      .map(([density, dice]) =>
        Array.from({ length: n }, (_, v) => Array.from({ length: n }, (_, w) => w).filter((w) => w !== v && dice[v * n + w]! < density)),
      ),
  );

/** Cycle lengths by plain recursion from each vertex through higher-numbered vertices only. */
function cycleLengthsByBruteForce(successors: number[][]): number[] {
  const lengths: number[] = [];
  const walk = (start: number, at: number, seen: Set<number>) => {
    for (const w of successors[at]!) {
      if (w === start) lengths.push(seen.size);
      else if (w > start && !seen.has(w)) {
        seen.add(w);
        walk(start, w, seen);
        seen.delete(w);
      }
    }
  };
  successors.forEach((_, v) => walk(v, v, new Set([v])));
  return lengths.sort((a, b) => a - b);
}

function collect(visit: (visitor: Parameters<typeof visitElementaryCycles>[1]) => boolean): string[] {
  const seen: string[] = [];
  visit({
    onCycle: (vertices, edges) => {
      seen.push(vertices.map((v, i) => `${v}>${edges[i]}`).join(' '));
      return true;
    },
    shouldStop: () => false,
  });
  return seen;
}

describe('visitCyclesInRange', () => {
  it('visits exactly the cycles with a length in range, each once (Johnson and Gupta–Suzumura)', () => {
    fc.assert(
      fc.property(simpleGraphs, fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 9 }), (successors, min, extra) => {
        const max = extra === 9 ? Infinity : min + extra;
        const expected = cycleLengthsByBruteForce(successors).filter((k) => k >= min && k <= max);
        const lengths: number[] = [];
        const seen = new Set<string>();
        visitCyclesInRange(
          successors,
          {
            onCycle: (vertices, edges) => {
              vertices.forEach((v, i) => expect(successors[v]![edges[i]!]).toBe(vertices[(i + 1) % vertices.length]));
              expect(new Set(vertices).size).toBe(vertices.length);
              seen.add([...vertices].sort((a, b) => a - b).join(',') + '|' + vertices.join(','));
              lengths.push(vertices.length);
              return true;
            },
            shouldStop: () => false,
          },
          min,
          max,
        );
        expect(lengths.sort((a, b) => a - b)).toEqual(expected);
        expect(seen.size).toBe(lengths.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('visitElementaryCycles', () => {
  it('visits every cycle once, never a longer one before a shorter one when lengths come one by one', () => {
    // The complete digraph on 6 vertices has cycles of every length 2..6, so every pass adds one link.
    const n = 6;
    const successors = Array.from({ length: n }, (_, v) => Array.from({ length: n }, (_, w) => w).filter((w) => w !== v));
    const lengths: number[] = [];
    visitElementaryCycles(successors, {
      onCycle: (vertices) => (lengths.push(vertices.length), true),
      shouldStop: () => false,
    });
    expect(lengths).toHaveLength(409);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
  });

  it('can be stopped by the visitor and by the poll', () => {
    const successors = Array.from({ length: 8 }, (_, v) => Array.from({ length: 8 }, (_, w) => w).filter((w) => w !== v));
    let count = 0;
    expect(visitElementaryCycles(successors, { onCycle: () => ++count < 5, shouldStop: () => false })).toBe(false);
    expect(count).toBe(5);
    expect(visitElementaryCycles(successors, { onCycle: () => true, shouldStop: () => true })).toBe(false);
  });

  it('reports the same cycles as plain Johnson', () => {
    fc.assert(
      fc.property(simpleGraphs, (successors) => {
        const passes = collect((v) => visitElementaryCycles(successors, v)).sort();
        const johnson = collect((v) => visitCyclesInRange(successors, v, 2, Infinity)).sort();
        expect(passes).toEqual(johnson);
      }),
      { numRuns: 300 },
    );
  });
});

describe('strongComponents', () => {
  it('splits a graph into its strongly connected components', () => {
    const successors = [[1], [2], [0, 3], [4], [3], []];
    const components = strongComponents([0, 1, 2, 3, 4, 5], successors, () => true).map((c) => c.sort());
    expect(components.sort()).toEqual([[0, 1, 2], [3, 4], [5]]);
  });
});
