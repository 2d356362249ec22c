import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Analysis, Factor } from '../model/types.ts';
import {
  addFactor,
  addLink,
  moveFactors,
  removeFactors,
  replaceAnalysis,
  setLoopName,
  setTitle,
  updateFactors,
  updateLinks,
} from './commands.ts';
import { createProjection, visibleLinks, type ProjectionState } from './projection.ts';
import { readAnalysis } from './read.ts';
import { getMaps } from './shape.ts';

function factor(id: string, label: string): Factor {
  return { id, label, kind: 'perpetuating', domain: null, evidence: 'observation', note: '', position: { x: 0, y: 0 } };
}

const BASE: Analysis = {
  title: 'Testgezin',
  factors: [factor('f1', 'Schulden'), factor('f2', 'Stress'), factor('f3', 'Afspraken missen')],
  links: [
    { id: 'l1', from: 'f1', to: 'f2', polarity: '+', note: '' },
    { id: 'l2', from: 'f2', to: 'f3', polarity: '+', note: '' },
  ],
  actors: [{ id: 'a1', name: 'Moeder', role: 'parent', factors: ['f2'] }],
  loops: [],
};

function setup() {
  const doc = new Y.Doc();
  replaceAnalysis(doc, 'setup', BASE);
  const projection = createProjection(doc);
  const calls: Array<{ state: ProjectionState; origin: unknown }> = [];
  projection.subscribe((state, origin) => calls.push({ state, origin }));
  return { doc, projection, calls };
}

/** The projection as a plain analysis, to compare with what readAnalysis reads from scratch. */
function asAnalysis(state: ProjectionState): Analysis {
  const byId = <T extends { id: string }>(m: ReadonlyMap<string, T>) => [...m.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    title: state.title,
    factors: byId(state.factors),
    links: visibleLinks(state).sort((a, b) => (a.id < b.id ? -1 : 1)),
    actors: byId(state.actors).map((a) => ({ ...a, factors: a.factors.filter((f) => state.factors.has(f)) })),
    loops: [...state.loopNames.values()],
  };
}

describe('createProjection', () => {
  it('starts from what the document holds', () => {
    const { doc, projection } = setup();
    expect(asAnalysis(projection.get())).toEqual(readAnalysis(doc));
  });

  it('follows every kind of change', () => {
    const { doc, projection } = setup();
    addFactor(doc, 'local', { label: 'Schaamte', position: { x: 1, y: 2 } }, 'f4');
    updateFactors(doc, 'local', ['f1'], { label: 'Schulden na terugvordering' });
    moveFactors(doc, 'local', [{ id: 'f2', position: { x: 50, y: 60 } }]);
    addLink(doc, 'local', { from: 'f4', to: 'f1', polarity: '-' }, 'l3');
    updateLinks(doc, 'local', ['l1'], { note: 'waarom' });
    setTitle(doc, 'local', 'Nieuwe titel');
    setLoopName(doc, 'local', ['l1'], 'Naam');
    removeFactors(doc, 'local', ['f3']);
    const state = projection.get();
    expect(state.title).toBe('Nieuwe titel');
    expect(state.factors.get('f4')?.label).toBe('Schaamte');
    expect(state.factors.get('f1')?.label).toBe('Schulden na terugvordering');
    expect(state.factors.get('f2')?.position).toEqual({ x: 50, y: 60 });
    expect(state.factors.has('f3')).toBe(false);
    expect(state.links.get('l1')?.note).toBe('waarom');
    expect(state.links.has('l2')).toBe(false);
    expect(state.links.get('l3')?.polarity).toBe('-');
    expect([...state.loopNames.values()]).toEqual([{ links: ['l1'], name: 'Naam' }]);
    expect(asAnalysis(state)).toEqual(readAnalysis(doc));
  });

  it('keeps the object identity of everything that did not change', () => {
    const { doc, projection } = setup();
    const before = projection.get();
    updateFactors(doc, 'local', ['f1'], { label: 'Anders' });
    const after = projection.get();
    expect(after).not.toBe(before);
    expect(after.factors).not.toBe(before.factors);
    expect(after.factors.get('f1')).not.toBe(before.factors.get('f1'));
    expect(after.factors.get('f2')).toBe(before.factors.get('f2'));
    expect(after.factors.get('f3')).toBe(before.factors.get('f3'));
    expect(after.links).toBe(before.links);
    expect(after.actors).toBe(before.actors);
    expect(after.loopNames).toBe(before.loopNames);
    expect(after.title).toBe(before.title);
  });

  it('calls a listener once per transaction, with its origin', () => {
    const { doc, calls } = setup();
    const origin = { user: 'moeder' };
    doc.transact(() => {
      addFactor(doc, origin, { label: 'a', position: { x: 0, y: 0 } }, 'f4');
      addFactor(doc, origin, { label: 'b', position: { x: 0, y: 0 } }, 'f5');
      setTitle(doc, origin, 'x');
    }, origin);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.origin).toBe(origin);
    expect([...calls[0]!.state.factors.keys()]).toEqual(['f1', 'f2', 'f3', 'f4', 'f5']);

    replaceAnalysis(doc, 'import', BASE);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.origin).toBe('import');
  });

  it('does not call listeners for a transaction that changed nothing', () => {
    const { doc, calls } = setup();
    doc.transact(() => {}, 'local');
    updateFactors(doc, 'local', ['gone'], { label: 'x' });
    expect(calls).toHaveLength(0);
  });

  it('stops calling a listener after it unsubscribes, and everything after destroy', () => {
    const { doc, projection, calls } = setup();
    const second: unknown[] = [];
    const unsubscribe = projection.subscribe((_, origin) => second.push(origin));
    setTitle(doc, 'one', 'a');
    unsubscribe();
    setTitle(doc, 'two', 'b');
    expect(second).toEqual(['one']);
    expect(calls).toHaveLength(2);
    const last = projection.get();
    projection.destroy();
    setTitle(doc, 'three', 'c');
    expect(calls).toHaveLength(2);
    expect(projection.get()).toBe(last);
  });

  it('reflects remote updates applied from another document', () => {
    const { doc, projection, calls } = setup();
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    remote.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update, 'remote'));

    addFactor(remote, 'them', { label: 'Van elders', position: { x: 3, y: 4 } }, 'f9');
    updateFactors(remote, 'them', ['f2'], { kind: 'aggravating' });
    removeFactors(remote, 'them', ['f1']);

    expect(calls.map((c) => c.origin)).toEqual(['remote', 'remote', 'remote']);
    const state = projection.get();
    expect(state.factors.get('f9')?.label).toBe('Van elders');
    expect(state.factors.get('f2')?.kind).toBe('aggravating');
    expect(state.factors.has('f1')).toBe(false);
    expect(state.links.has('l1')).toBe(false);
    expect(asAnalysis(state)).toEqual(readAnalysis(remote));
  });
});

describe('visibleLinks', () => {
  it('leaves out links whose ends are gone, which the projection still holds', () => {
    const { doc, projection } = setup();
    // A link from a client that had not yet seen the delete of f3.
    const stale = new Y.Map<unknown>();
    doc.transact(() => {
      getMaps(doc).factors.delete('f3');
      stale.set('from', 'f1');
      stale.set('to', 'f3');
      stale.set('polarity', '+');
      getMaps(doc).links.set('l9', stale);
    }, 'remote');
    const state = projection.get();
    expect([...state.links.keys()].sort()).toEqual(['l1', 'l2', 'l9']);
    expect(visibleLinks(state).map((l) => l.id)).toEqual(['l1']);
  });
});
