import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnalysisText } from '../schema/parseAnalysisFile.ts';
import { factorBreakPoints, feedbackArcSet, protectiveInfluences, rankBreakPoints } from './breakPoints.ts';
import { findLoops } from './loops.ts';
import { analysePatterns, toPatternsJson } from './patterns.ts';
import { makeGraph, withoutParts } from '../testing/graph.ts';

function readExample(name: string) {
  const parsed = parseAnalysisText(readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.value;
}

describe('break points of the small example', () => {
  const small = readExample('small.samenzicht.json');
  const patterns = analysePatterns(small);

  it('counts the vicious loops through each link and factor', () => {
    expect(patterns.linkCounts).toEqual({ l2: 2, l3: 1, l4: 2, l5: 2, l6: 1, l7: 1, l8: 1 });
    expect(patterns.factorCounts).toEqual({ f2: 2, f3: 2, f4: 2, f5: 2, f6: 1, f7: 1 });
  });

  it('breaks both spirals with one link and with one factor', () => {
    expect(patterns.breakPoints.links).toHaveLength(1);
    expect(['l2', 'l4', 'l5']).toContain(patterns.breakPoints.links[0]);
    expect(patterns.breakPoints.factors).toHaveLength(1);
    expect(['f2', 'f3', 'f4', 'f5']).toContain(patterns.breakPoints.factors[0]);
  });

  it('names the strengths that act on each vicious loop', () => {
    expect(patterns.protective).toEqual({ R1: ['f8', 'f9'], R2: ['f8', 'f9'] });
  });

  it('ranks links and factors by the vicious loops through them', () => {
    const ranked = rankBreakPoints(patterns.loops);
    expect(ranked.links.slice(0, 3)).toEqual([
      { id: 'l2', count: 2 },
      { id: 'l4', count: 2 },
      { id: 'l5', count: 2 },
    ]);
    expect(ranked.factors.at(-1)).toEqual({ id: 'f7', count: 1 });
  });

  it('gives the CONTRACT §3 object, with nothing else in it', () => {
    expect(toPatternsJson(patterns)).toEqual({
      loops: [
        {
          id: 'R1',
          type: 'reinforcing',
          vicious: true,
          virtuous: false,
          factors: ['f2', 'f3', 'f4', 'f5'],
          links: ['l2', 'l3', 'l4', 'l5'],
          name: 'De schuldenspiraal',
        },
        {
          id: 'R2',
          type: 'reinforcing',
          vicious: true,
          virtuous: false,
          factors: ['f2', 'f3', 'f6', 'f7', 'f4', 'f5'],
          links: ['l2', 'l6', 'l7', 'l8', 'l4', 'l5'],
        },
      ],
      truncated: false,
      breakPoints: patterns.breakPoints,
    });
    expect(Object.keys(toPatternsJson(patterns).loops[1]!)).toEqual(['id', 'type', 'vicious', 'virtuous', 'factors', 'links']);
  });
});

describe.each(['medium.samenzicht.json', 'large.samenzicht.json'])('break points of %s', (name) => {
  const analysis = readExample(name);
  const patterns = analysePatterns(analysis, { timeBudgetMs: 10_000 });
  const viciousLeft = (graph: Parameters<typeof findLoops>[0]) =>
    findLoops(graph, { timeBudgetMs: 10_000 }).loops.filter((l) => l.vicious).length;

  it('has several vicious circles, all found', () => {
    expect(patterns.truncated).toBe(false);
    expect(patterns.loops.filter((l) => l.vicious).length).toBeGreaterThanOrEqual(5);
  });

  it('breaks every vicious circle by removing the break-point links, or the break-point factors', () => {
    expect(viciousLeft(withoutParts(analysis, patterns.breakPoints.links))).toBe(0);
    expect(viciousLeft(withoutParts(analysis, [], patterns.breakPoints.factors))).toBe(0);
  });

  it('names strengths acting on some vicious circles', () => {
    expect(Object.values(patterns.protective).some((strengths) => strengths.length > 0)).toBe(true);
  });
});

describe('break points', () => {
  it('are empty without vicious loops', () => {
    const graph = makeGraph(
      [
        ['a', 'protective'],
        ['b', 'protective'],
        ['c', 'perpetuating'],
      ],
      [
        ['a', 'b'],
        ['b', 'a'],
        ['c', 'a', '-'],
        ['a', 'c'],
      ],
    );
    const patterns = analysePatterns(graph);
    expect(patterns.loops).toHaveLength(2);
    expect(patterns.breakPoints).toEqual({ links: [], factors: [] });
    expect(patterns.protective).toEqual({});
  });

  it('take a link from a factor to itself when it is a vicious loop', () => {
    const graph = makeGraph(
      [['a'], ['b']],
      [
        ['a', 'a'],
        ['a', 'b'],
      ],
    );
    expect(analysePatterns(graph).breakPoints).toEqual({ links: ['l1'], factors: ['a'] });
  });

  it('prefer one shared link over one link per loop', () => {
    // Three vicious loops a→b→x→a, a→b→y→a, a→b→z→a share the link a→b (l1).
    const graph = makeGraph(
      [['a'], ['b'], ['x'], ['y'], ['z']],
      [
        ['a', 'b'],
        ['b', 'x'],
        ['x', 'a'],
        ['b', 'y'],
        ['y', 'a'],
        ['b', 'z'],
        ['z', 'a'],
      ],
    );
    const loops = findLoops(graph).loops;
    expect(feedbackArcSet(loops)).toEqual(['l1']);
    expect(factorBreakPoints(loops)).toEqual(['a']);
  });

  it('need more than one link for disjoint vicious loops, and each link they name is needed', () => {
    const graph = makeGraph(
      [['a'], ['b'], ['c'], ['d'], ['e']],
      [
        ['a', 'b'],
        ['b', 'a'],
        ['c', 'd'],
        ['d', 'e'],
        ['e', 'c'],
        ['d', 'c'],
      ],
    );
    const loops = findLoops(graph).loops;
    const links = feedbackArcSet(loops);
    expect(links).toHaveLength(2);
    expect(findLoops(withoutParts(graph, links)).loops.filter((l) => l.vicious)).toEqual([]);
    for (const kept of links) {
      const fewer = links.filter((l) => l !== kept);
      expect(findLoops(withoutParts(graph, fewer)).loops.some((l) => l.vicious)).toBe(true);
    }
  });

  it('leave loops that are not vicious alone', () => {
    // a⇄b is vicious; c⇄d runs through a strength and is not.
    const graph = makeGraph(
      [['a'], ['b'], ['c', 'protective'], ['d']],
      [
        ['a', 'b'],
        ['b', 'a'],
        ['c', 'd'],
        ['d', 'c'],
      ],
    );
    const { breakPoints } = analysePatterns(graph);
    expect(breakPoints.links).toHaveLength(1);
    expect(['l1', 'l2']).toContain(breakPoints.links[0]);
    expect(breakPoints.factors).toEqual(['a']);
  });

  it('list protective factors linking into a vicious loop, in the order of the analysis', () => {
    const graph = makeGraph(
      [['s2', 'protective'], ['a'], ['b'], ['s1', 'protective'], ['s3', 'protective']],
      [
        ['a', 'b'],
        ['b', 'a'],
        ['s1', 'a', '-'],
        ['s2', 'b', '-'],
        ['s2', 'a', '+'],
        ['a', 's3'],
      ],
    );
    const loops = findLoops(graph).loops;
    expect(protectiveInfluences(loops, graph)).toEqual({ R1: ['s2', 's1'] });
  });
});
