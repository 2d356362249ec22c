import { describe, expect, it } from 'vitest';
import type { Actor, Stance, StanceMark } from '../model/types.ts';
import { makeGraph } from '../testing/graph.ts';
import { findLoops } from './loops.ts';
import { computeSharedness, idsWithStatus, loopSharedness } from './sharedness.ts';

const actor = (id: string, role: Actor['role'] = 'parent'): Actor => ({ id, name: id, role, factors: [] });
const mark = (a: string, on: string, stance: Stance): StanceMark => ({ actor: a, on, stance });

/** f1 → f2 → f3 → f1 (links l1, l2, l3), f4 → f1 (l4): one loop and a factor outside it. */
const graph = makeGraph(
  [['f1'], ['f2'], ['f3'], ['f4', 'protective']],
  [
    ['f1', 'f2'],
    ['f2', 'f3'],
    ['f3', 'f1'],
    ['f4', 'f1', '-'],
  ],
);
const people = [actor('moeder'), actor('voogd', 'professional'), actor('leider', 'facilitator')];

describe('computeSharedness', () => {
  it('counts nothing as shared when nobody marked anything', () => {
    const s = computeSharedness({ ...graph, actors: people, stances: [] });
    expect(s.participants).toEqual([]);
    expect(s.headline).toEqual({ factors: { shared: 0, total: 4 }, links: { shared: 0, total: 4 } });
    expect([...s.factors.values()].every((t) => t.status === 'unmarked')).toBe(true);
  });

  it('counts per factor and link, leaving out the facilitator who marked nothing', () => {
    const stances = [
      mark('moeder', 'f1', 'recognise'),
      mark('voogd', 'f1', 'recognise'),
      mark('moeder', 'f2', 'recognise'),
      mark('voogd', 'f2', 'not-recognise'),
      mark('moeder', 'f3', 'doubt'),
      mark('moeder', 'l1', 'recognise'),
      mark('voogd', 'l1', 'recognise'),
    ];
    const s = computeSharedness({ ...graph, actors: people, stances });
    expect(s.participants).toEqual(['moeder', 'voogd']);
    expect(s.factors.get('f1')).toMatchObject({ recognise: 2, doubt: 0, notRecognise: 0, unmarked: 0, status: 'shared' });
    expect(s.factors.get('f2')).toMatchObject({ recognise: 1, notRecognise: 1, unmarked: 0, status: 'differs' });
    expect(s.factors.get('f3')).toMatchObject({ doubt: 1, unmarked: 1, status: 'partial' });
    expect(s.factors.get('f4')).toMatchObject({ unmarked: 2, status: 'unmarked' });
    expect(s.links.get('l1')!.status).toBe('shared');
    expect(s.headline).toEqual({ factors: { shared: 1, total: 4 }, links: { shared: 1, total: 4 } });
    expect(idsWithStatus(s, 'differs')).toEqual(new Set(['f2']));
    expect(idsWithStatus(s, 'unmarked')).toEqual(new Set(['f4', 'l2', 'l3', 'l4']));
  });

  it('one recognise from the only participant is shared; doubt against recognise differs', () => {
    const one = computeSharedness({ ...graph, actors: people, stances: [mark('moeder', 'f1', 'recognise')] });
    expect(one.factors.get('f1')!.status).toBe('shared');
    const two = computeSharedness({
      ...graph,
      actors: people,
      stances: [mark('moeder', 'f1', 'recognise'), mark('voogd', 'f1', 'doubt')],
    });
    expect(two.factors.get('f1')!.status).toBe('differs');
  });

  it('a facilitator who did mark something takes part like anyone', () => {
    const s = computeSharedness({
      ...graph,
      actors: people,
      stances: [mark('moeder', 'f1', 'recognise'), mark('leider', 'f2', 'recognise')],
    });
    expect(s.participants).toEqual(['leider', 'moeder']);
    expect(s.factors.get('f1')!.status).toBe('partial');
  });

  it('ignores stances of people or factors that are gone', () => {
    const s = computeSharedness({
      ...graph,
      actors: people,
      stances: [mark('weg', 'f1', 'not-recognise'), mark('moeder', 'f9', 'doubt'), mark('moeder', 'f1', 'recognise')],
    });
    expect(s.participants).toEqual(['moeder']);
    expect(s.factors.get('f1')!.status).toBe('shared');
  });
});

describe('loopSharedness', () => {
  const loop = findLoops(graph).loops[0]!;
  const allOfLoop = (a: string, stance: Stance = 'recognise') => [...loop.factors, ...loop.links].map((on) => mark(a, on, stance));

  it('is shared when every participant recognises every factor and link of the loop', () => {
    const s = computeSharedness({ ...graph, actors: people, stances: [...allOfLoop('moeder'), ...allOfLoop('voogd')] });
    expect(loopSharedness(loop, s)).toEqual({ status: 'shared', recognisedBy: ['moeder', 'voogd'] });
    expect(s.headline).toEqual({ factors: { shared: 3, total: 4 }, links: { shared: 3, total: 4 } });
  });

  it('is not shared when one participant left one link unmarked, and says who recognises it', () => {
    const voogd = allOfLoop('voogd').filter((m) => m.on !== 'l2');
    const s = computeSharedness({ ...graph, actors: people, stances: [...allOfLoop('moeder'), ...voogd] });
    expect(loopSharedness(loop, s)).toEqual({ status: 'partial', recognisedBy: ['moeder'] });
  });

  it('differs when one of its links differs', () => {
    const voogd = allOfLoop('voogd').map((m) => (m.on === 'l3' ? { ...m, stance: 'not-recognise' as const } : m));
    const s = computeSharedness({ ...graph, actors: people, stances: [...allOfLoop('moeder'), ...voogd] });
    expect(loopSharedness(loop, s)).toEqual({ status: 'differs', recognisedBy: ['moeder'] });
  });

  it('is unmarked when nothing on it is marked, even when something elsewhere is', () => {
    const s = computeSharedness({ ...graph, actors: people, stances: [mark('moeder', 'f4', 'recognise')] });
    expect(loopSharedness(loop, s)).toEqual({ status: 'unmarked', recognisedBy: [] });
  });
});
