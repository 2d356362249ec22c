import { describe, expect, it } from 'vitest';
import type { Link } from '../model/types.ts';
import { findLoops } from './loops.ts';
import { loopIdsByKey, numberLoops } from './numberLoops.ts';
import { makeGraph, type GraphInput } from '../testing/graph.ts';

/** Two reinforcing loops (a⇄b through 3 links, c⇄d through 2) and one balancing loop (e⇄f). */
const base = makeGraph(
  [['a'], ['b'], ['c'], ['d'], ['e'], ['f'], ['g']],
  [
    ['a', 'b'],
    ['b', 'g'],
    ['g', 'a'],
    ['c', 'd'],
    ['d', 'c'],
    ['e', 'f', '-'],
    ['f', 'e'],
  ],
);

function addLinks(graph: GraphInput, ...links: Link[]): GraphInput {
  return { ...graph, links: [...graph.links, ...links] };
}

const link = (id: string, from: string, to: string, polarity: '+' | '-' = '+'): Link => ({ id, from, to, polarity, note: '' });

describe('numberLoops', () => {
  it('numbers canonically without history: shorter loops first, then by key, per type', () => {
    const ids = Object.fromEntries(findLoops(base).loops.map((l) => [l.key, l.id]));
    expect(ids).toEqual({ 'l4 l5': 'R1', 'l1 l2 l3': 'R2', 'l6 l7': 'B1' });
  });

  it('keeps every id when an unrelated, shorter loop appears; the new loop gets the next free number', () => {
    const before = findLoops(base).loops;
    const after = findLoops(addLinks(base, link('l8', 'a', 'a')), { previousIds: loopIdsByKey(before) }).loops;
    expect(Object.fromEntries(after.map((l) => [l.key, l.id]))).toEqual({
      'l4 l5': 'R1',
      'l1 l2 l3': 'R2',
      'l6 l7': 'B1',
      l8: 'R3',
    });
    // Without the history, the shorter loop would have taken R1.
    expect(findLoops(addLinks(base, link('l8', 'a', 'a'))).loops[0]).toMatchObject({ key: 'l8', id: 'R1' });
  });

  it('gives a freed number to the next new loop of that type', () => {
    const before = findLoops(base).loops;
    const withoutFirst = { ...base, links: base.links.filter((l) => l.id !== 'l4') };
    const middle = findLoops(withoutFirst, { previousIds: loopIdsByKey(before) }).loops;
    expect(middle.map((l) => [l.key, l.id])).toEqual([
      ['l1 l2 l3', 'R2'],
      ['l6 l7', 'B1'],
    ]);
    const after = findLoops(addLinks(withoutFirst, link('l9', 'd', 'd')), { previousIds: loopIdsByKey(middle) }).loops;
    expect(after.map((l) => [l.key, l.id])).toEqual([
      ['l9', 'R1'],
      ['l1 l2 l3', 'R2'],
      ['l6 l7', 'B1'],
    ]);
  });

  it('renumbers a loop whose type changed when a polarity flipped', () => {
    const before = findLoops(base).loops;
    const flipped = { ...base, links: base.links.map((l) => (l.id === 'l5' ? { ...l, polarity: '-' as const } : l)) };
    const after = findLoops(flipped, { previousIds: loopIdsByKey(before) }).loops;
    expect(Object.fromEntries(after.map((l) => [l.key, l.id]))).toEqual({ 'l1 l2 l3': 'R2', 'l6 l7': 'B1', 'l4 l5': 'B2' });
  });

  it('ignores malformed and duplicate ids in the history', () => {
    const loops = [
      { key: 'k1', type: 'reinforcing', links: ['a'] },
      { key: 'k2', type: 'reinforcing', links: ['b'] },
      { key: 'k3', type: 'balancing', links: ['c'] },
    ] as const;
    const previous = new Map([
      ['k1', 'R4'],
      ['k2', 'R4'],
      ['k3', 'B0'],
    ]);
    expect(Object.fromEntries(numberLoops(loops, previous))).toEqual({ k1: 'R4', k2: 'R1', k3: 'B1' });
  });

  it('lists loops by id: R1, R2, …, R10 before B1', () => {
    const ids = Array.from({ length: 11 }, (_, i) => `f${i}`);
    const graph = makeGraph(
      ids.map((id) => [id] as const),
      [...ids.map((id) => [id, id] as const), ['f0', 'f1', '-'], ['f1', 'f0']],
    );
    expect(findLoops(graph).loops.map((l) => l.id)).toEqual([...Array.from({ length: 11 }, (_, i) => `R${i + 1}`), 'B1']);
  });
});
