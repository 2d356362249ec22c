import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Analysis, Factor } from '../model/types.ts';
import { addActor, removeFactors, removeLinks, removeSelection, replaceAnalysis, setActorFactors } from './commands.ts';
import { readAnalysis } from './read.ts';
import { restoreFromTrash } from './restoreFactor.ts';
import { getMaps } from './shape.ts';
import { TRASH_LIMITS, readTrash, registerTrashHook } from './trash.ts';

const LOCAL = { name: 'local user' };
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 2, 10, 10, 0, 0);

function factor(id: string, label: string, x: number): Factor {
  return { id, label, kind: 'perpetuating', domain: null, evidence: 'observation', note: `note ${id}`, position: { x, y: 0 } };
}

/** A small fictional analysis: a loop f1 → f2 → f3 → f1 and a side factor f4. */
const BASE: Analysis = {
  title: 'Testgezin',
  factors: [
    factor('f1', 'Schulden', 0),
    factor('f2', 'Stress', 100),
    factor('f3', 'Afspraken missen', 200),
    factor('f4', 'Opa helpt', 300),
  ],
  links: [
    { id: 'l1', from: 'f1', to: 'f2', polarity: '+', note: 'waarom' },
    { id: 'l2', from: 'f2', to: 'f3', polarity: '+', note: '' },
    { id: 'l3', from: 'f3', to: 'f1', polarity: '-', note: '' },
    { id: 'l4', from: 'f4', to: 'f2', polarity: '-', note: '' },
  ],
  actors: [{ id: 'a1', name: 'Moeder', role: 'parent', factors: ['f2', 'f4'] }],
  loops: [{ links: ['l1', 'l2', 'l3'], name: 'De schuldenspiraal' }],
};

function docWith(analysis: Analysis = BASE): Y.Doc {
  const doc = new Y.Doc();
  replaceAnalysis(doc, LOCAL, analysis);
  return doc;
}

describe('the Prullenbak', () => {
  it('keeps a deleted factor with its links, ties, time and who deleted it', () => {
    const doc = docWith();
    removeFactors(doc, LOCAL, ['f2'], { by: 'Sam', at: T0 });
    const [entry] = readTrash(doc);
    expect(entry).toEqual({
      type: 'factor',
      id: 'f2',
      deletedAt: T0,
      by: 'Sam',
      factor: BASE.factors[1],
      links: [BASE.links[0], BASE.links[1], BASE.links[3]],
      actorIds: ['a1'],
      extras: {},
    });
    expect(readTrash(doc)).toHaveLength(1);
  });

  it('brings a factor back with its links and ties as one undo step, and it leaves the Prullenbak', () => {
    const doc = docWith();
    const undo = new Y.UndoManager(Object.values(getMaps(doc)), { trackedOrigins: new Set([LOCAL]) });
    removeFactors(doc, LOCAL, ['f2'], { by: 'Sam', at: T0 });
    undo.stopCapturing();
    expect(readAnalysis(doc).links.map((l) => l.id)).toEqual(['l3']);
    expect(restoreFromTrash(doc, LOCAL, 'f2')).toEqual({ restored: true, linksLeftOut: 0 });
    expect(readAnalysis(doc)).toEqual(readAnalysis(docWith()));
    expect(readTrash(doc)).toEqual([]);
    // Undo of the restore: gone again, and back in the Prullenbak.
    undo.undo();
    expect(readAnalysis(doc).factors.map((f) => f.id)).toEqual(['f1', 'f3', 'f4']);
    expect(readTrash(doc).map((e) => e.id)).toEqual(['f2']);
  });

  it('undoing the delete takes the entry out of the Prullenbak again', () => {
    const doc = docWith();
    const undo = new Y.UndoManager(Object.values(getMaps(doc)), { trackedOrigins: new Set([LOCAL]) });
    removeFactors(doc, LOCAL, ['f1'], { at: T0 });
    undo.undo();
    expect(readAnalysis(doc)).toEqual(readAnalysis(docWith()));
    expect(readTrash(doc)).toEqual([]);
  });

  it('restores a link whose other end is also deleted once that factor is back', () => {
    const doc = docWith();
    removeFactors(doc, LOCAL, ['f1', 'f2'], { at: T0 });
    expect(restoreFromTrash(doc, LOCAL, 'f1')).toEqual({ restored: true, linksLeftOut: 1 });
    expect(readAnalysis(doc).links.map((l) => l.id)).toEqual(['l3']);
    restoreFromTrash(doc, LOCAL, 'f2');
    expect(readAnalysis(doc)).toEqual(readAnalysis(docWith()));
  });

  it('keeps single links, and brings one back only while both ends are there', () => {
    const doc = docWith();
    removeLinks(doc, LOCAL, ['l4', 'nope'], { by: 'Kim', at: T0 });
    expect(readTrash(doc)).toEqual([{ type: 'link', id: 'l4', deletedAt: T0, by: 'Kim', link: BASE.links[3] }]);
    removeFactors(doc, LOCAL, ['f4'], { at: T0 + 1 });
    expect(restoreFromTrash(doc, LOCAL, 'l4')).toEqual({ restored: false, linksLeftOut: 0 });
    restoreFromTrash(doc, LOCAL, 'f4');
    expect(restoreFromTrash(doc, LOCAL, 'l4')).toEqual({ restored: true, linksLeftOut: 0 });
    expect(readAnalysis(doc)).toEqual(readAnalysis(docWith()));
  });

  it('a deleted selection puts a selected link of a selected factor with that factor', () => {
    const doc = docWith();
    removeSelection(doc, LOCAL, { factors: ['f4'], links: ['l4', 'l2'] }, { at: T0 });
    const entries = readTrash(doc);
    expect(entries.map((e) => e.id).sort()).toEqual(['f4', 'l2']);
    restoreFromTrash(doc, LOCAL, 'f4');
    expect(readAnalysis(doc).links.map((l) => l.id)).toEqual(['l1', 'l3', 'l4']);
  });

  it('leaves out ties to people who are no longer there', () => {
    const doc = docWith();
    removeFactors(doc, LOCAL, ['f4'], { at: T0 });
    getMaps(doc).actors.delete('a1');
    const other = addActor(doc, LOCAL, { name: 'Oma', role: 'network' });
    setActorFactors(doc, LOCAL, other, ['f1'], true);
    restoreFromTrash(doc, LOCAL, 'f4');
    expect(readAnalysis(doc).actors).toEqual([{ id: other, name: 'Oma', role: 'network', factors: ['f1'] }]);
  });

  it('keeps the newest entries and none older than the limit', () => {
    const doc = docWith();
    removeLinks(doc, LOCAL, ['l1'], { at: T0 });
    removeLinks(doc, LOCAL, ['l2'], { at: T0 + (TRASH_LIMITS.days - 1) * DAY });
    removeLinks(doc, LOCAL, ['l3'], { at: T0 + (TRASH_LIMITS.days + 1) * DAY });
    expect(readTrash(doc).map((e) => e.id)).toEqual(['l3', 'l2']);

    const many = docWith({
      ...BASE,
      factors: Array.from({ length: TRASH_LIMITS.entries + 5 }, (_, i) => factor(`g${i}`, `F${i}`, i)),
      links: [],
      actors: [],
      loops: [],
    });
    for (let i = 0; i < TRASH_LIMITS.entries + 5; i++) removeFactors(many, LOCAL, [`g${i}`], { at: T0 + i });
    const kept = readTrash(many);
    expect(kept).toHaveLength(TRASH_LIMITS.entries);
    expect(kept[0]!.id).toBe(`g${TRASH_LIMITS.entries + 4}`);
    expect(kept.at(-1)!.id).toBe('g5');
  });

  it('reads only what an entry can be, whatever a client wrote', () => {
    const doc = docWith();
    const { trash } = getMaps(doc);
    doc.transact(() => {
      trash.set('x1', 'not a map');
      trash.set('x2', new Y.Map());
      const noTime = new Y.Map();
      noTime.set('type', 'factor');
      trash.set('x3', noTime);
    });
    removeFactors(doc, LOCAL, ['f1'], { by: 'A\u202eB', at: T0 });
    expect(readTrash(doc).map((e) => [e.id, e.by])).toEqual([['f1', 'AB']]);
    expect(restoreFromTrash(doc, LOCAL, 'x2')).toEqual({ restored: false, linksLeftOut: 0 });
  });

  it('a deletion does not go into the file, the versions or the exports', () => {
    const doc = docWith();
    removeFactors(doc, LOCAL, ['f1'], { at: T0 });
    expect(JSON.stringify(readAnalysis(doc))).not.toContain('Schulden');
  });

  it('a link taken back right after it was made stays out of the Prullenbak', () => {
    const doc = docWith();
    removeLinks(doc, LOCAL, ['l1'], { keep: false });
    expect(readTrash(doc)).toEqual([]);
  });

  it('keeps and brings back what a registered hook keeps (such as stances)', () => {
    const doc = docWith();
    const stances = doc.getMap<string>('hookTestStances');
    stances.set('f3', 'agree');
    registerTrashHook({
      key: 'hookTest',
      capture: (d, id) => d.getMap<string>('hookTestStances').get(id),
      restore: (d, _origin, id, data) => void (typeof data === 'string' && d.getMap<string>('hookTestStances').set(id, data)),
    });
    doc.transact(() => {
      removeFactors(doc, LOCAL, ['f3'], { at: T0 });
      stances.delete('f3');
    }, LOCAL);
    expect(readTrash(doc)[0]).toMatchObject({ extras: { hookTest: 'agree' } });
    restoreFromTrash(doc, LOCAL, 'f3');
    expect(stances.get('f3')).toBe('agree');
  });

  it('reaches another replica: a delete on one device can be brought back on another', () => {
    const a = docWith();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    removeFactors(a, LOCAL, ['f2'], { by: 'Sam', at: T0 });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    restoreFromTrash(b, 'b', 'f2');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    expect(readAnalysis(a)).toEqual(readAnalysis(docWith()));
    expect(readTrash(a)).toEqual([]);
  });
});
