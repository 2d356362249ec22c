import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FACTOR_LIMITS } from '../model/factor.ts';
import { diffText, transformOffset } from '../model/liveText.ts';
import { addFactor, addLink, removeFactors, setActorFactors, addActor, updateFactors, updateLinks } from './commands.ts';
import { isFromNewerVersion, readAnalysis, readSchemaVersion } from './read.ts';
import { restoreFactor } from './restoreFactor.ts';
import { DOC_SCHEMA_VERSION, getMaps } from './shape.ts';

/** Two replicas of one document and a function that exchanges what each lacks. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.clientID = 1;
  b.clientID = 2;
  const sync = () => {
    const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    Y.applyUpdate(b, toB, 'remote');
    Y.applyUpdate(a, toA, 'remote');
  };
  return { a, b, sync };
}

const labelOf = (doc: Y.Doc, id = 'f1') => readAnalysis(doc).factors.find((f) => f.id === id)?.label;
const noteOf = (doc: Y.Doc, id = 'f1') => readAnalysis(doc).factors.find((f) => f.id === id)?.note;

describe('text typed by two people at the same moment', () => {
  it('merges inserts at different places in one label: both stay', () => {
    const { a, b, sync } = pair();
    addFactor(a, 'a', { label: 'Stress thuis', position: { x: 0, y: 0 } }, 'f1');
    sync();
    updateFactors(a, 'a', ['f1'], { label: 'Veel stress thuis' });
    updateFactors(b, 'b', ['f1'], { label: 'Stress thuis en op werk' });
    sync();
    expect(labelOf(a)).toBe('Veel stress thuis en op werk');
    expect(labelOf(b)).toBe(labelOf(a));
  });

  it('two people typing a sentence each at the same spot of a note, keystroke by keystroke, both read whole', () => {
    const { a, b, sync } = pair();
    addFactor(a, 'a', { label: 'Schulden', note: 'Begin.', position: { x: 0, y: 0 } }, 'f1');
    sync();
    // As the field does: a caret per person, moved through every remote change (transformOffset), typing at the caret.
    const people = [
      { doc: a, caret: 6, seen: 'Begin.', sentence: ' Moeder vertelt over de brieven.' },
      { doc: b, caret: 6, seen: 'Begin.', sentence: ' Vader zegt dat het al lang speelt.' },
    ];
    const catchUp = () => {
      for (const p of people) {
        const now = noteOf(p.doc)!;
        const change = diffText(p.seen, now);
        if (change) p.caret = transformOffset(p.caret, change);
        p.seen = now;
      }
    };
    for (let i = 0; i < 40; i++) {
      for (const p of people) {
        const ch = p.sentence[i];
        if (ch === undefined) continue;
        p.seen = p.seen.slice(0, p.caret) + ch + p.seen.slice(p.caret);
        p.caret++;
        updateFactors(p.doc, p.doc.clientID, ['f1'], { note: p.seen });
      }
      if (i % 3 === 2) {
        sync();
        catchUp();
      }
    }
    sync();
    const merged = noteOf(a)!;
    expect(noteOf(b)).toBe(merged);
    expect(merged).toContain(people[0]!.sentence);
    expect(merged).toContain(people[1]!.sentence);
    expect(merged).toHaveLength('Begin.'.length + people[0]!.sentence.length + people[1]!.sentence.length);
  });

  it('two sentences typed at different places of a note both read whole', () => {
    const { a, b, sync } = pair();
    addFactor(a, 'a', { label: 'Schulden', note: 'Eerst.\nDaarna.', position: { x: 0, y: 0 } }, 'f1');
    sync();
    updateFactors(a, 'a', ['f1'], { note: 'Eerst. Moeder belde.\nDaarna.' });
    updateFactors(b, 'b', ['f1'], { note: 'Eerst.\nDaarna. Vader ook.' });
    sync();
    expect(noteOf(a)).toBe('Eerst. Moeder belde.\nDaarna. Vader ook.');
    expect(noteOf(b)).toBe(noteOf(a));
  });

  it('keeps the limit after a merge: the reader cuts, and the next edit leaves no more than the limit', () => {
    const { a, b, sync } = pair();
    addFactor(a, 'a', { label: '', position: { x: 0, y: 0 } }, 'f1');
    sync();
    const half = FACTOR_LIMITS.labelLength - 10;
    updateFactors(a, 'a', ['f1'], { label: 'a'.repeat(half) });
    updateFactors(b, 'b', ['f1'], { label: 'b'.repeat(half) });
    sync();
    const raw = (getMaps(a).factors.get('f1') as Y.Map<unknown>).get('label') as Y.Text;
    expect(raw.length).toBe(2 * half);
    expect(labelOf(a)).toHaveLength(FACTOR_LIMITS.labelLength);
    updateFactors(a, 'a', ['f1'], { label: `${labelOf(a)!.slice(0, -1)}!` });
    expect(raw.length).toBe(FACTOR_LIMITS.labelLength);
    expect(labelOf(a)!.endsWith('!')).toBe(true);
  });

  it('link notes merge the same way', () => {
    const { a, b, sync } = pair();
    addFactor(a, 'a', { label: 'A', position: { x: 0, y: 0 } }, 'f1');
    addFactor(a, 'a', { label: 'B', position: { x: 0, y: 0 } }, 'f2');
    const link = addLink(a, 'a', { from: 'f1', to: 'f2', note: 'omdat' })!;
    sync();
    updateLinks(a, 'a', [link], { note: 'juist omdat' });
    updateLinks(b, 'b', [link], { note: 'omdat het zo is' });
    sync();
    expect(readAnalysis(b).links[0]!.note).toBe('juist omdat het zo is');
    expect(readAnalysis(a).links[0]!.note).toBe('juist omdat het zo is');
  });
});

describe('documents of schema version 2 (labels and notes as strings)', () => {
  function oldDoc(): Y.Doc {
    const doc = new Y.Doc();
    const { factors, meta } = getMaps(doc);
    doc.transact(() => {
      meta.set('schemaVersion', 2);
      const y = new Y.Map<unknown>();
      y.set('label', 'Oude tekst');
      y.set('note', 'Oude notitie');
      y.set('kind', 'perpetuating');
      y.set('position', { x: 1, y: 2 });
      factors.set('f1', y);
    });
    return doc;
  }

  it('still reads, and the first edit turns the field into text that merges, stamping the current version', () => {
    const doc = oldDoc();
    expect(labelOf(doc)).toBe('Oude tekst');
    expect(noteOf(doc)).toBe('Oude notitie');
    expect(readSchemaVersion(doc)).toBe(2);
    updateFactors(doc, 'me', ['f1'], { label: 'Oude tekst' });
    expect(readSchemaVersion(doc)).toBe(2);
    updateFactors(doc, 'me', ['f1'], { label: 'Oude tekst, nieuw' });
    expect((getMaps(doc).factors.get('f1') as Y.Map<unknown>).get('label')).toBeInstanceOf(Y.Text);
    expect(labelOf(doc)).toBe('Oude tekst, nieuw');
    expect(noteOf(doc)).toBe('Oude notitie');
    expect(readSchemaVersion(doc)).toBe(DOC_SCHEMA_VERSION);
    expect(DOC_SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
  });

  it('a version-2 client reading a document this version wrote knows it is newer (it goes read-only)', () => {
    const doc = new Y.Doc();
    addFactor(doc, 'me', { label: 'Nieuw', position: { x: 0, y: 0 } });
    expect(readSchemaVersion(doc)).toBe(DOC_SCHEMA_VERSION);
    expect(readSchemaVersion(doc) > 2).toBe(true);
    expect(isFromNewerVersion(doc)).toBe(false);
  });
});

describe('undo of typed text', () => {
  it('undoes keystrokes typed within the capture time as one step, back to the text before', () => {
    const doc = new Y.Doc();
    const origin = { local: true };
    addFactor(doc, 'setup', { label: 'Stress', position: { x: 0, y: 0 } }, 'f1');
    const maps = getMaps(doc);
    const undo = new Y.UndoManager([maps.factors], { trackedOrigins: new Set([origin]), captureTimeout: 400 });
    let label = 'Stress';
    for (const ch of ' thuis') updateFactors(doc, origin, ['f1'], { label: (label += ch) });
    expect(labelOf(doc)).toBe('Stress thuis');
    undo.undo();
    expect(labelOf(doc)).toBe('Stress');
    expect(undo.canUndo()).toBe(false);
    undo.redo();
    expect(labelOf(doc)).toBe('Stress thuis');
  });

  it('undo takes back only my typing, not what someone else typed in the same field', () => {
    const { a, b, sync } = pair();
    addFactor(a, 'setup', { label: 'Stress', position: { x: 0, y: 0 } }, 'f1');
    sync();
    const origin = { local: true };
    const undo = new Y.UndoManager([getMaps(a).factors], { trackedOrigins: new Set([origin]) });
    updateFactors(a, origin, ['f1'], { label: 'Veel stress' });
    updateFactors(b, 'b', ['f1'], { label: 'Stress thuis' });
    sync();
    expect(labelOf(a)).toBe('Veel stress thuis');
    undo.undo();
    expect(labelOf(a)).toBe('Stress thuis');
  });
});

describe('restoreFactor', () => {
  it('puts back a factor deleted by someone else, with my text, its links and ties, as one undo step', () => {
    const { a, b, sync } = pair();
    addFactor(a, 's', { label: 'Schulden', position: { x: 5, y: 6 } }, 'f1');
    addFactor(a, 's', { label: 'Stress', position: { x: 0, y: 0 } }, 'f2');
    addFactor(a, 's', { label: 'Weg', position: { x: 0, y: 0 } }, 'f3');
    const l1 = addLink(a, 's', { from: 'f1', to: 'f2', polarity: '-', note: 'vaak' })!;
    const l2 = addLink(a, 's', { from: 'f3', to: 'f1' })!;
    addActor(a, 's', { name: 'Moeder', role: 'parent' }, 'a1');
    setActorFactors(a, 's', 'a1', ['f1'], true);
    sync();
    const before = readAnalysis(a);
    updateFactors(a, 's', ['f1'], { note: 'Ik typte dit' });
    const snapshot = {
      factor: readAnalysis(a).factors.find((f) => f.id === 'f1')!,
      links: before.links.filter((l) => l.from === 'f1' || l.to === 'f1'),
      actorIds: ['a1'],
    };
    removeFactors(b, 'b', ['f1', 'f3']);
    sync();
    expect(labelOf(a)).toBeUndefined();

    const origin = { local: true };
    const undo = new Y.UndoManager([getMaps(a).factors, getMaps(a).links, getMaps(a).actors], { trackedOrigins: new Set([origin]) });
    restoreFactor(a, origin, snapshot);
    sync();
    const after = readAnalysis(b);
    expect(after.factors.find((f) => f.id === 'f1')).toEqual({ ...snapshot.factor, note: 'Ik typte dit' });
    expect(after.links.map((l) => [l.id, l.polarity, l.note])).toEqual([[l1, '-', 'vaak']]);
    expect(after.links.some((l) => l.id === l2)).toBe(false);
    expect(after.actors[0]!.factors).toEqual(['f1']);
    undo.undo();
    expect(labelOf(a)).toBeUndefined();
    expect(undo.canUndo()).toBe(false);
  });
});
