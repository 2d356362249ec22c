import { readActorFactorIds } from '../model/actor.ts';
import { pairLinkId } from '../model/link.ts';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Analysis, Factor } from '../model/types.ts';
import { loopKey } from '../graph/loopKey.ts';
import {
  addFactor,
  addLink,
  insertAnalysis,
  moveFactors,
  removeFactors,
  removeLinks,
  replaceAnalysis,
  setLoopName,
  setTitle,
  updateFactors,
  updateLinks,
} from './commands.ts';
import { readAnalysis } from './read.ts';
import { DOC_SCHEMA_VERSION, getMaps } from './shape.ts';

const LOCAL = { name: 'local user' };

function factor(id: string, label: string, kind: Factor['kind'], x: number, y: number): Factor {
  return { id, label, kind, domain: null, evidence: 'observation', note: '', position: { x, y } };
}

/** A small fictional analysis: a debt spiral with one strength. */
const BASE: Analysis = {
  title: 'Testgezin',
  factors: [
    factor('f1', 'Schulden', 'perpetuating', 0, 0),
    factor('f2', 'Aanhoudende stress', 'perpetuating', 100, 0),
    factor('f3', 'Afspraken missen', 'aggravating', 200, 0),
    factor('f4', 'Band met de kinderen', 'protective', 300, 0),
  ],
  links: [
    { id: 'l1', from: 'f1', to: 'f2', polarity: '+', note: '' },
    { id: 'l2', from: 'f2', to: 'f3', polarity: '+', note: '' },
    { id: 'l3', from: 'f3', to: 'f1', polarity: '+', note: '' },
    { id: 'l4', from: 'f4', to: 'f2', polarity: '-', note: '' },
  ],
  actors: [
    { id: 'a1', name: 'Moeder', role: 'parent', factors: ['f2', 'f4'] },
    { id: 'a2', name: 'Gezinsvoogd', role: 'professional', factors: ['f3'] },
  ],
  loops: [{ links: ['l1', 'l2', 'l3'], name: 'De schuldenspiraal' }],
};

function baseDoc(): Y.Doc {
  const doc = new Y.Doc();
  replaceAnalysis(doc, 'setup', BASE);
  return doc;
}

/** Runs `fn` and records the origin of every transaction and the number of updates it caused. */
function record<T>(doc: Y.Doc, fn: () => T): { result: T; origins: unknown[]; updates: number } {
  const origins: unknown[] = [];
  let updates = 0;
  const onTransaction = (tr: Y.Transaction) => origins.push(tr.origin);
  const onUpdate = () => updates++;
  doc.on('afterTransaction', onTransaction);
  doc.on('update', onUpdate);
  try {
    return { result: fn(), origins, updates };
  } finally {
    doc.off('afterTransaction', onTransaction);
    doc.off('update', onUpdate);
  }
}

/** Asserts that a change made exactly one transaction, carrying LOCAL, and one update. */
function expectOneTransaction(run: { origins: unknown[]; updates: number }): void {
  expect(run.origins).toHaveLength(1);
  expect(run.origins[0]).toBe(LOCAL);
  expect(run.updates).toBe(1);
}

function factorOf(doc: Y.Doc, id: string): Factor | undefined {
  return readAnalysis(doc).factors.find((f) => f.id === id);
}

describe('addFactor', () => {
  it('adds a factor with defaults under the given id, in one transaction', () => {
    const doc = baseDoc();
    const run = record(doc, () => addFactor(doc, LOCAL, { label: 'Schaamte', position: { x: 5, y: 6 } }, 'f9'));
    expectOneTransaction(run);
    expect(run.result).toBe('f9');
    expect(factorOf(doc, 'f9')).toEqual({
      id: 'f9',
      label: 'Schaamte',
      kind: 'problem',
      domain: null,
      evidence: 'observation',
      note: '',
      position: { x: 5, y: 6 },
    });
    expect(getMaps(doc).meta.get('schemaVersion')).toBe(DOC_SCHEMA_VERSION);
  });

  it('makes a fresh factor id when none is given', () => {
    const doc = new Y.Doc();
    const a = addFactor(doc, LOCAL, { position: { x: 0, y: 0 } });
    const b = addFactor(doc, LOCAL, { position: { x: 0, y: 0 } });
    expect(a).toMatch(/^f[a-z2-7]{12}$/);
    expect(b).not.toBe(a);
    expect(
      readAnalysis(doc)
        .factors.map((f) => f.id)
        .sort(),
    ).toEqual([a, b].sort());
  });

  it('keeps every given field', () => {
    const doc = new Y.Doc();
    addFactor(
      doc,
      LOCAL,
      { label: 'Wachttijden GGZ', kind: 'aggravating', domain: 'care', evidence: 'hypothesis', note: 'n', position: { x: 1, y: 2 } },
      'f1',
    );
    expect(factorOf(doc, 'f1')).toEqual({
      id: 'f1',
      label: 'Wachttijden GGZ',
      kind: 'aggravating',
      domain: 'care',
      evidence: 'hypothesis',
      note: 'n',
      position: { x: 1, y: 2 },
    });
  });
});

describe('updateFactors', () => {
  it('changes the given fields of several factors in one transaction and leaves the rest', () => {
    const doc = baseDoc();
    const run = record(doc, () => updateFactors(doc, LOCAL, ['f1', 'f3'], { kind: 'problem', evidence: 'hypothesis' }));
    expectOneTransaction(run);
    const after = readAnalysis(doc);
    expect(after.factors.map((f) => [f.id, f.kind, f.evidence])).toEqual([
      ['f1', 'problem', 'hypothesis'],
      ['f2', 'perpetuating', 'observation'],
      ['f3', 'problem', 'hypothesis'],
      ['f4', 'protective', 'observation'],
    ]);
    expect(after.factors.map((f) => f.label)).toEqual(BASE.factors.map((f) => f.label));
  });

  it('can clear a domain', () => {
    const doc = baseDoc();
    updateFactors(doc, LOCAL, ['f1'], { domain: 'context' });
    updateFactors(doc, LOCAL, ['f1'], { domain: null });
    expect(factorOf(doc, 'f1')?.domain).toBeNull();
  });

  it('ignores ids that do not exist (anymore)', () => {
    const doc = baseDoc();
    const before = readAnalysis(doc);
    const run = record(doc, () => updateFactors(doc, LOCAL, ['gone'], { label: 'x' }));
    expect(run.origins).toEqual([LOCAL]);
    expect(run.updates).toBe(0);
    expect(readAnalysis(doc)).toEqual(before);
  });

  it('writes nothing when the values are already there', () => {
    const doc = baseDoc();
    const run = record(doc, () => updateFactors(doc, LOCAL, ['f1'], { label: 'Schulden', kind: 'perpetuating' }));
    expect(run.updates).toBe(0);
  });
});

describe('moveFactors', () => {
  it('writes each position as one whole rounded value, in one transaction', () => {
    const doc = baseDoc();
    const run = record(doc, () =>
      moveFactors(doc, LOCAL, [
        { id: 'f1', position: { x: 10.4, y: -3.6 } },
        { id: 'f2', position: { x: 7, y: 8 } },
        { id: 'gone', position: { x: 1, y: 1 } },
      ]),
    );
    expectOneTransaction(run);
    expect(factorOf(doc, 'f1')?.position).toEqual({ x: 10, y: -4 });
    expect(factorOf(doc, 'f2')?.position).toEqual({ x: 7, y: 8 });
    expect(factorOf(doc, 'f3')?.position).toEqual({ x: 200, y: 0 });
    expect((getMaps(doc).factors.get('f1') as Y.Map<unknown>).get('position')).toEqual({ x: 10, y: -4 });
    expect(getMaps(doc).factors.has('gone')).toBe(false);
  });
});

describe('removeFactors', () => {
  it('removes the factor, every link touching it and its mention in actors, in one transaction', () => {
    const doc = baseDoc();
    const run = record(doc, () => removeFactors(doc, LOCAL, ['f2']));
    expectOneTransaction(run);
    const after = readAnalysis(doc);
    expect(after.factors.map((f) => f.id)).toEqual(['f1', 'f3', 'f4']);
    expect(after.links.map((l) => l.id)).toEqual(['l3']);
    expect([...getMaps(doc).links.keys()]).toEqual(['l3']);
    expect(after.actors).toEqual([
      { id: 'a1', name: 'Moeder', role: 'parent', factors: ['f4'] },
      { id: 'a2', name: 'Gezinsvoogd', role: 'professional', factors: ['f3'] },
    ]);
    // Stored as a keyed map (factor id → true), so concurrent ties of other factors are kept.
    const stored = (getMaps(doc).actors.get('a1') as Y.Map<unknown>).get('factors');
    expect(stored).toBeInstanceOf(Y.Map);
    expect(readActorFactorIds(stored)).toEqual(['f4']);
  });

  it('removes several factors at once and leaves actors untouched that did not mention them', () => {
    const doc = baseDoc();
    const actorA2 = getMaps(doc).actors.get('a2');
    removeFactors(doc, LOCAL, ['f1', 'f4']);
    const after = readAnalysis(doc);
    expect(after.factors.map((f) => f.id)).toEqual(['f2', 'f3']);
    expect(after.links.map((l) => l.id)).toEqual(['l2']);
    expect(after.actors.map((a) => a.factors)).toEqual([['f2'], ['f3']]);
    expect(getMaps(doc).actors.get('a2')).toBe(actorA2);
  });
});

describe('addLink', () => {
  it('adds a link with defaults in one transaction', () => {
    const doc = baseDoc();
    const run = record(doc, () => addLink(doc, LOCAL, { from: 'f4', to: 'f3' }, 'l9'));
    expectOneTransaction(run);
    expect(run.result).toBe('l9');
    expect(readAnalysis(doc).links.find((l) => l.id === 'l9')).toEqual({ id: 'l9', from: 'f4', to: 'f3', polarity: '+', note: '' });
  });

  it('gives the link the id of its pair when none is given, and keeps polarity and note', () => {
    const doc = baseDoc();
    const id = addLink(doc, LOCAL, { from: 'f4', to: 'f1', polarity: '-', note: 'waarom' });
    expect(id).toBe(pairLinkId('f4', 'f1'));
    expect(id).not.toBe(pairLinkId('f1', 'f4'));
    expect(readAnalysis(doc).links.find((l) => l.id === id)).toEqual({ id, from: 'f4', to: 'f1', polarity: '-', note: 'waarom' });
  });

  it.each([
    ['a link from a factor to itself', { from: 'f1', to: 'f1' }],
    ['a link from a missing factor', { from: 'gone', to: 'f1' }],
    ['a link to a missing factor', { from: 'f1', to: 'gone' }],
    ['a link that already exists', { from: 'f1', to: 'f2' }],
  ])('refuses %s without touching the document', (_, ends) => {
    const doc = baseDoc();
    const before = readAnalysis(doc);
    const run = record(doc, () => addLink(doc, LOCAL, ends, 'l9'));
    expect(run.result).toBeNull();
    expect(run.origins).toEqual([]);
    expect(readAnalysis(doc)).toEqual(before);
  });

  it('allows the opposite direction of an existing link', () => {
    const doc = baseDoc();
    expect(addLink(doc, LOCAL, { from: 'f2', to: 'f1' }, 'l9')).toBe('l9');
  });
});

describe('updateLinks', () => {
  it('changes polarity and note of several links in one transaction', () => {
    const doc = baseDoc();
    const run = record(doc, () => updateLinks(doc, LOCAL, ['l1', 'l2', 'gone'], { polarity: '-', note: 'twijfel' }));
    expectOneTransaction(run);
    expect(readAnalysis(doc).links).toEqual([
      { id: 'l1', from: 'f1', to: 'f2', polarity: '-', note: 'twijfel' },
      { id: 'l2', from: 'f2', to: 'f3', polarity: '-', note: 'twijfel' },
      BASE.links[2],
      BASE.links[3],
    ]);
  });
});

describe('removeLinks', () => {
  it('removes the links by id in one transaction and keeps their factors', () => {
    const doc = baseDoc();
    const run = record(doc, () => removeLinks(doc, LOCAL, ['l1', 'l4']));
    expectOneTransaction(run);
    const after = readAnalysis(doc);
    expect(after.links.map((l) => l.id)).toEqual(['l2', 'l3']);
    expect(after.factors).toHaveLength(4);
  });
});

describe('setTitle', () => {
  it('renames the analysis in one transaction', () => {
    const doc = baseDoc();
    const run = record(doc, () => setTitle(doc, LOCAL, 'Gezin — nieuwe titel'));
    expectOneTransaction(run);
    expect(readAnalysis(doc).title).toBe('Gezin — nieuwe titel');
  });
});

describe('setLoopName', () => {
  it('names a loop under its canonical key, whichever link it starts at', () => {
    const doc = baseDoc();
    const run = record(doc, () => setLoopName(doc, LOCAL, ['l2', 'l3', 'l1'], 'Geldzorgen'));
    expectOneTransaction(run);
    expect([...getMaps(doc).loopNames.keys()]).toEqual([loopKey(['l1', 'l2', 'l3'])]);
    expect(readAnalysis(doc).loops).toEqual([{ links: ['l2', 'l3', 'l1'], name: 'Geldzorgen' }]);
  });

  it('removes the name when it is empty or only spaces', () => {
    const doc = baseDoc();
    const run = record(doc, () => setLoopName(doc, LOCAL, ['l3', 'l1', 'l2'], '  '));
    expectOneTransaction(run);
    expect(readAnalysis(doc).loops).toEqual([]);
  });
});

describe('replaceAnalysis', () => {
  it('replaces everything that was there in one transaction', () => {
    const doc = baseDoc();
    addFactor(doc, 'other', { label: 'Extra', position: { x: 0, y: 0 } }, 'f-extra');
    const next: Analysis = {
      title: 'Nieuw',
      factors: [factor('g1', 'Uitputting', 'perpetuating', 0, 0), factor('g2', 'Schaamte', 'perpetuating', 1, 1)],
      links: [{ id: 'k1', from: 'g1', to: 'g2', polarity: '+', note: '' }],
      actors: [{ id: 'b1', name: 'Vader', role: 'parent', factors: ['g2'] }],
      loops: [],
    };
    const run = record(doc, () => replaceAnalysis(doc, LOCAL, next));
    expectOneTransaction(run);
    expect(readAnalysis(doc)).toEqual(next);
    expect(getMaps(doc).loopNames.size).toBe(0);
  });
});

describe('insertAnalysis', () => {
  it('adds a copy with fresh ids next to what is there, in one transaction', () => {
    const doc = baseDoc();
    const run = record(doc, () => insertAnalysis(doc, LOCAL, BASE, { x: 1000, y: 50 }));
    expectOneTransaction(run);
    const ids = run.result;
    const after = readAnalysis(doc);

    // The original is untouched.
    expect(after.title).toBe('Testgezin');
    for (const f of BASE.factors) expect(factorOf(doc, f.id)).toEqual(f);

    // Every id got a fresh one, unlike any id that was there.
    const oldIds = [...BASE.factors, ...BASE.links, ...BASE.actors].map((e) => e.id);
    expect([...ids.keys()].sort()).toEqual(oldIds.sort());
    const newIds = [...ids.values()];
    expect(new Set(newIds).size).toBe(newIds.length);
    for (const id of newIds) expect(oldIds).not.toContain(id);
    expect(after.factors).toHaveLength(8);
    expect(after.links).toHaveLength(8);
    expect(after.actors).toHaveLength(4);

    // The copy refers to itself and is shifted by the offset.
    for (const f of BASE.factors) {
      expect(factorOf(doc, ids.get(f.id)!)).toEqual({
        ...f,
        id: ids.get(f.id),
        position: { x: f.position.x + 1000, y: f.position.y + 50 },
      });
    }
    for (const l of BASE.links) {
      expect(after.links.find((x) => x.id === ids.get(l.id))).toEqual({
        ...l,
        id: ids.get(l.id),
        from: ids.get(l.from),
        to: ids.get(l.to),
      });
    }
    for (const a of BASE.actors) {
      // A keyed map of factors: read back in id order.
      expect(after.actors.find((x) => x.id === ids.get(a.id))?.factors).toEqual(a.factors.map((f) => ids.get(f)).sort());
    }
    expect(after.loops).toContainEqual({ links: ['l1', 'l2', 'l3'].map((l) => ids.get(l)), name: 'De schuldenspiraal' });
    expect(after.loops).toContainEqual(BASE.loops[0]);
  });

  it('does not shift when no offset is given', () => {
    const doc = new Y.Doc();
    const ids = insertAnalysis(doc, LOCAL, BASE);
    expect(factorOf(doc, ids.get('f4')!)?.position).toEqual({ x: 300, y: 0 });
  });
});

describe('actor commands', () => {
  it('adds, renames, ties to factors, unties and removes a person, each as one transaction', async () => {
    const { addActor, updateActor, setActorFactors, removeActors, addFactor } = await import('./commands.ts');
    const { readAnalysis } = await import('./read.ts');
    const doc = new Y.Doc();
    const f1 = addFactor(doc, 'me', { label: 'Schulden', position: { x: 0, y: 0 } });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const a = addActor(doc, 'me', { name: 'Moeder', role: 'parent' });
    updateActor(doc, 'me', a, { name: 'Mama' });
    setActorFactors(doc, 'me', a, [f1], true);
    expect(readAnalysis(doc).actors).toEqual([{ id: a, name: 'Mama', role: 'parent', factors: [f1] }]);
    setActorFactors(doc, 'me', a, [f1], true); // already tied: no change, no transaction
    setActorFactors(doc, 'me', a, [f1], false);
    expect(readAnalysis(doc).actors[0]!.factors).toEqual([]);
    removeActors(doc, 'me', [a]);
    expect(readAnalysis(doc).actors).toEqual([]);
    expect(transactions).toBe(5);
  });
});
