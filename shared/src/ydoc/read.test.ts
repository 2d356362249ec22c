import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loopKey } from '../graph/loopKey.ts';
import { parseAnalysisFile, toAnalysisFile } from '../schema/parseAnalysisFile.ts';
import { addFactor, removeFactors, replaceAnalysis, updateFactors } from './commands.ts';
import { isEntity, readAnalysis } from './read.ts';
import { getMaps } from './shape.ts';

/** A full fictional file, deliberately not sorted by id, with two named loops. */
function fullFile() {
  return {
    format: 'samenzicht/analysis',
    version: 2,
    title: 'Testgezin — verklarende analyse',
    factors: [
      {
        id: 'f3',
        label: 'Afspraken missen',
        kind: 'aggravating',
        domain: 'care',
        evidence: 'observation',
        note: '',
        position: { x: 840, y: 0 },
      },
      {
        id: 'f1',
        label: 'Schulden',
        kind: 'perpetuating',
        domain: 'context',
        evidence: 'observation',
        note: 'Sinds 2019',
        position: { x: 560, y: 0 },
      },
      {
        id: 'f2',
        label: 'Aanhoudende stress',
        kind: 'perpetuating',
        domain: 'parents',
        evidence: 'hypothesis',
        note: '',
        position: { x: 560, y: 120 },
      },
      {
        id: 'f4',
        label: 'Band met de kinderen',
        kind: 'protective',
        domain: 'family',
        evidence: 'observation',
        note: '',
        position: { x: 1400, y: 0 },
      },
    ],
    links: [
      { id: 'l3', from: 'f3', to: 'f1', polarity: '+', note: '' },
      { id: 'l1', from: 'f1', to: 'f2', polarity: '+', note: '' },
      { id: 'l2', from: 'f2', to: 'f3', polarity: '+', note: 'Geen energie voor post' },
      { id: 'l4', from: 'f4', to: 'f2', polarity: '-', note: '' },
      { id: 'l5', from: 'f2', to: 'f1', polarity: '+', note: '' },
    ],
    actors: [
      { id: 'a2', name: 'Gezinsvoogd', role: 'professional', factors: ['f3'] },
      { id: 'a1', name: 'Moeder', role: 'parent', factors: ['f2', 'f4'] },
    ],
    loops: [
      { links: ['l5', 'l1'], name: 'Piekeren' },
      { links: ['l2', 'l3', 'l1'], name: 'De schuldenspiraal' },
    ],
    stances: [
      { actor: 'a2', on: 'l1', stance: 'doubt' },
      { actor: 'a1', on: 'f2', stance: 'recognise' },
      { actor: 'a2', on: 'f2', stance: 'not-recognise' },
    ],
    signals: { share: true, team: 'Team Noord' },
  };
}

function sortedById<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function parsed() {
  const result = parseAnalysisFile(fullFile());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('round trip: file → document → file', () => {
  it('gives back the input, sorted by id (loops by their loop key)', () => {
    const doc = new Y.Doc();
    replaceAnalysis(doc, 'import', parsed());
    const input = fullFile();
    expect(toAnalysisFile(readAnalysis(doc))).toEqual({
      ...input,
      factors: sortedById(input.factors),
      links: sortedById(input.links),
      actors: sortedById(input.actors),
      loops: [...input.loops].sort((a, b) => (loopKey(a.links) < loopKey(b.links) ? -1 : 1)),
      stances: [input.stances[1], input.stances[2], input.stances[0]],
    });
  });

  it('reads the same analysis from a replica that received the document as an update', () => {
    const doc = new Y.Doc();
    replaceAnalysis(doc, 'import', parsed());
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(readAnalysis(replica)).toEqual(readAnalysis(doc));
  });

  it('reads named loops in the same order, whatever order a replica received them in', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    replaceAnalysis(a, 'import', { ...parsed(), loops: [] });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // Each replica names one loop; then they exchange, so each saw the two keys in the opposite order.
    getMaps(a).loopNames.set(loopKey(['l1', 'l5']), { links: ['l1', 'l5'], name: 'Piekeren' });
    getMaps(b).loopNames.set(loopKey(['l1', 'l2', 'l3']), { links: ['l1', 'l2', 'l3'], name: 'Spiraal' });
    const fromA = Y.encodeStateAsUpdate(a);
    const fromB = Y.encodeStateAsUpdate(b);
    Y.applyUpdate(a, fromB);
    Y.applyUpdate(b, fromA);
    expect(readAnalysis(a).loops).toHaveLength(2);
    expect(readAnalysis(a)).toEqual(readAnalysis(b));
  });

  it('reads an empty document as an empty analysis', () => {
    expect(readAnalysis(new Y.Doc())).toEqual({ title: '', factors: [], links: [], actors: [], loops: [] });
  });
});

/** Writes an entity map the way a client could, without going through the commands. */
function entity(fields: Record<string, unknown>): Y.Map<unknown> {
  const y = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) y.set(key, value);
  return y;
}

describe('a document written by a malicious client', () => {
  function junkDoc(): Y.Doc {
    const doc = new Y.Doc();
    addFactor(doc, 'setup', { label: 'Verdwijnt', position: { x: 0, y: 0 } }, 'f-gone');
    const m = getMaps(doc);
    doc.transact(() => {
      m.meta.set('title', 42);
      m.factors.set('f1', entity({ label: 42, kind: 'evil', domain: 7, evidence: null, note: { a: 1 }, position: 'here' }));
      m.factors.set(
        'f2',
        entity({ label: 'Goed', kind: 'protective', domain: 'network', evidence: 'hypothesis', note: 'n', position: { x: 'a', y: 1 } }),
      );
      m.factors.set('f3', entity({ label: 'Oneindig', kind: 'problem', position: { x: 1, y: null } }));
      m.factors.set('text', 'not a map');
      m.factors.set('number', 5);
      m.factors.set('object', { label: 'plain object' });
      m.factors.set('array', new Y.Array());
      m.factors.set('fragment', new Y.XmlFragment());
      m.links.set('l1', entity({ from: 'f1', to: 'f2', polarity: '*', note: 3 }));
      m.links.set('l2', entity({ from: 'f1', to: 'f-gone', polarity: '-' }));
      m.links.set('l3', entity({ from: 7, to: 'f2' }));
      m.links.set('l4', 'junk');
      m.actors.set('a1', entity({ name: 5, role: 'king', factors: 'f1' }));
      m.actors.set('a2', entity({ name: 'Zus', role: 'network', factors: ['f2', 'f-gone', 3, null] }));
      m.actors.set('a3', [1, 2]);
      m.loopNames.set('x1', 'not an object');
      m.loopNames.set('x2', { links: 'l1', name: 'x' });
      m.loopNames.set('x3', { links: ['l1'], name: 5 });
      m.loopNames.set('x4', { links: ['l2'], name: 'through a dangling link' });
      m.loopNames.set('x5', { links: [], name: 'empty' });
      m.loopNames.set('x6', { links: ['l1', 9], name: 'Goed genoeg' });
    }, 'malicious');
    removeFactors(doc, 'other client', ['f-gone']);
    // A concurrent client that never saw the delete still has its link; replay that state here.
    m.links.set('l2', entity({ from: 'f1', to: 'f-gone', polarity: '-' }));
    return doc;
  }

  it('reads every field safely with defaults and leaves out dangling links', () => {
    expect(readAnalysis(junkDoc())).toEqual({
      title: '',
      factors: [
        { id: 'f1', label: '', kind: 'problem', domain: null, evidence: 'observation', note: '', position: { x: 0, y: 0 } },
        { id: 'f2', label: 'Goed', kind: 'protective', domain: 'network', evidence: 'hypothesis', note: 'n', position: { x: 0, y: 0 } },
        { id: 'f3', label: 'Oneindig', kind: 'problem', domain: null, evidence: 'observation', note: '', position: { x: 0, y: 0 } },
      ],
      links: [{ id: 'l1', from: 'f1', to: 'f2', polarity: '+', note: '' }],
      actors: [
        { id: 'a1', name: '', role: 'network', factors: [] },
        { id: 'a2', name: 'Zus', role: 'network', factors: ['f2'] },
      ],
      loops: [{ links: ['l1'], name: 'Goed genoeg' }],
    });
  });

  it('treats only Y.Maps as entities, so commands on stray values do nothing instead of throwing', () => {
    const doc = junkDoc();
    const m = getMaps(doc);
    for (const key of ['text', 'number', 'object', 'array', 'fragment']) expect(isEntity(m.factors.get(key)), key).toBe(false);
    expect(() => updateFactors(doc, 'local', ['array', 'fragment', 'object'], { label: 'x' })).not.toThrow();
    expect(readAnalysis(doc).factors.map((f) => f.id)).toEqual(['f1', 'f2', 'f3']);
  });

  it('lets commands clean up stray links when a factor is removed', () => {
    const doc = junkDoc();
    removeFactors(doc, 'local', ['f1']);
    expect(getMaps(doc).links.has('l4')).toBe(false);
    expect(readAnalysis(doc).links).toEqual([]);
  });
});
