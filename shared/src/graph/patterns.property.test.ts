/** Property tests on random small graphs; fast-check prints the seed and the shrunk graph of a failure. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FactorKind, Polarity } from '../model/types.ts';
import { findLoops } from './loops.ts';
import { loopKey } from './loopKey.ts';
import { analysePatterns } from './patterns.ts';
import { countCyclesByBruteForce, makeGraph, withoutParts, type GraphInput } from '../testing/graph.ts';

const UNLIMITED = { maxLoops: 1_000_000, timeBudgetMs: 60_000 };
const NEGATIVE: ReadonlySet<FactorKind> = new Set(['problem', 'perpetuating', 'aggravating']);

/** Up to 7 factors and 16 links, self-links and parallel links included; kinds lean negative so spirals occur. */
const graphs: fc.Arbitrary<GraphInput> = fc
  .integer({ min: 1, max: 7 })
  .chain((n) =>
    fc.record({
      kinds: fc.array(fc.constantFrom<FactorKind>('perpetuating', 'perpetuating', 'aggravating', 'problem', 'protective', 'predisposing'), {
        minLength: n,
        maxLength: n,
      }),
      links: fc.array(
        fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.constantFrom<Polarity>('+', '+', '-')),
        { maxLength: 16, size: 'max' },
      ),
    }),
  )
  .map(({ kinds, links }) =>
    makeGraph(
      kinds.map((kind, i) => [`f${i}`, kind] as const),
      links.map(([from, to, polarity]) => [`f${from}`, `f${to}`, polarity] as const),
    ),
  );

describe('findLoops on random graphs', () => {
  it('reports only real elementary cycles, each once, typed by parity and marked by kinds', () => {
    fc.assert(
      fc.property(graphs, (graph) => {
        const links = new Map(graph.links.map((l) => [l.id, l]));
        const kinds = new Map(graph.factors.map((f) => [f.id, f.kind]));
        const { loops, truncated } = findLoops(graph, UNLIMITED);
        expect(truncated).toBe(false);
        expect(new Set(loops.map((l) => l.key)).size).toBe(loops.length);
        expect(new Set(loops.map((l) => l.id)).size).toBe(loops.length);
        for (const loop of loops) {
          const n = loop.links.length;
          expect(loop.factors).toHaveLength(n);
          expect(new Set(loop.factors).size).toBe(n);
          expect(loop.key).toBe(loopKey(loop.links));
          loop.links.forEach((id, i) => {
            expect(links.get(id)).toMatchObject({ from: loop.factors[i], to: loop.factors[(i + 1) % n] });
          });
          const minus = loop.links.filter((id) => links.get(id)!.polarity === '-').length;
          expect(loop.type).toBe(minus % 2 === 0 ? 'reinforcing' : 'balancing');
          expect(loop.id.charAt(0)).toBe(loop.type === 'reinforcing' ? 'R' : 'B');
          const loopKinds = loop.factors.map((f) => kinds.get(f)!);
          expect(loop.vicious).toBe(loop.type === 'reinforcing' && loopKinds.every((k) => NEGATIVE.has(k)));
          expect(loop.vicious && loop.virtuous).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds as many loops as a brute-force count', () => {
    fc.assert(
      fc.property(graphs, (graph) => {
        expect(findLoops(graph, UNLIMITED).loops).toHaveLength(countCyclesByBruteForce(graph));
      }),
      { numRuns: 300 },
    );
  });

  it('stops at maxLoops exactly, truncated only when there were more', () => {
    fc.assert(
      fc.property(graphs, fc.integer({ min: 0, max: 20 }), (graph, maxLoops) => {
        const all = countCyclesByBruteForce(graph);
        const { loops, truncated } = findLoops(graph, { maxLoops, timeBudgetMs: 60_000 });
        expect(loops).toHaveLength(Math.min(all, maxLoops));
        expect(truncated).toBe(all > maxLoops);
      }),
      { numRuns: 200 },
    );
  });
});

describe('break points on random graphs', () => {
  const viciousLeft = (graph: GraphInput) => findLoops(graph, UNLIMITED).loops.filter((l) => l.vicious).length;

  it('removing the break-point links leaves no vicious loop, and every one of those links is needed', () => {
    fc.assert(
      fc.property(graphs, (graph) => {
        const { breakPoints, loops } = analysePatterns(graph, UNLIMITED);
        expect(viciousLeft(withoutParts(graph, breakPoints.links))).toBe(0);
        expect(new Set(breakPoints.links).size).toBe(breakPoints.links.length);
        for (const kept of breakPoints.links) {
          expect(
            viciousLeft(
              withoutParts(
                graph,
                breakPoints.links.filter((l) => l !== kept),
              ),
            ),
          ).toBeGreaterThan(0);
        }
        if (!loops.some((l) => l.vicious)) expect(breakPoints.links).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('removing the break-point factors leaves no vicious loop, and every one of those factors is needed', () => {
    fc.assert(
      fc.property(graphs, (graph) => {
        const { breakPoints } = analysePatterns(graph, UNLIMITED);
        expect(viciousLeft(withoutParts(graph, [], breakPoints.factors))).toBe(0);
        for (const kept of breakPoints.factors) {
          const fewer = breakPoints.factors.filter((f) => f !== kept);
          expect(viciousLeft(withoutParts(graph, [], fewer))).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
