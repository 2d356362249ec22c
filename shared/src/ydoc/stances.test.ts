import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stanceKey } from '../model/stance.ts';
import type { Analysis } from '../model/types.ts';
import { addActor, addFactor, addLink, insertAnalysis, removeFactors, replaceAnalysis } from './commands.ts';
import { pasteAnalysis } from './paste.ts';
import { createProjection } from './projection.ts';
import { isFromNewerVersion, readAnalysis, readSchemaVersion } from './read.ts';
import { DOC_SCHEMA_VERSION, getMaps } from './shape.ts';
import { setSignalSettings, setStance } from './stances.ts';

function twoFactors(): Y.Doc {
  const doc = new Y.Doc();
  addFactor(doc, 'setup', { label: 'Schulden', position: { x: 0, y: 0 } }, 'f1');
  addFactor(doc, 'setup', { label: 'Stress', position: { x: 200, y: 0 } }, 'f2');
  addLink(doc, 'setup', { from: 'f1', to: 'f2' }, 'l1');
  addActor(doc, 'setup', { name: 'Moeder', role: 'parent' }, 'a1');
  addActor(doc, 'setup', { name: 'Gezinsvoogd', role: 'professional' }, 'a2');
  return doc;
}

describe('stances in the live document', () => {
  it('sets, changes and clears one stance per person and factor or link, stamping schema version 4', () => {
    const doc = twoFactors();
    setStance(doc, 'me', 'a1', 'f1', 'recognise');
    setStance(doc, 'me', 'a1', 'l1', 'doubt');
    setStance(doc, 'me', 'a2', 'f1', 'not-recognise');
    expect(readSchemaVersion(doc)).toBe(4);
    expect(DOC_SCHEMA_VERSION).toBe(4);
    expect(readAnalysis(doc).stances).toEqual([
      { actor: 'a1', on: 'f1', stance: 'recognise' },
      { actor: 'a1', on: 'l1', stance: 'doubt' },
      { actor: 'a2', on: 'f1', stance: 'not-recognise' },
    ]);
    setStance(doc, 'me', 'a1', 'f1', 'doubt');
    setStance(doc, 'me', 'a1', 'l1', null);
    expect(readAnalysis(doc).stances).toEqual([
      { actor: 'a1', on: 'f1', stance: 'doubt' },
      { actor: 'a2', on: 'f1', stance: 'not-recognise' },
    ]);
  });

  it('a tap is one undo step', () => {
    const doc = twoFactors();
    const origin = { local: true };
    const undo = new Y.UndoManager([getMaps(doc).stances], { trackedOrigins: new Set([origin]) });
    setStance(doc, origin, 'a1', 'f1', 'recognise');
    undo.stopCapturing();
    setStance(doc, origin, 'a1', 'f1', 'not-recognise');
    undo.undo();
    expect(readAnalysis(doc).stances).toEqual([{ actor: 'a1', on: 'f1', stance: 'recognise' }]);
    undo.undo();
    expect(readAnalysis(doc).stances).toBeUndefined();
  });

  it('two people marking the same factor at once both keep their stance', () => {
    const a = twoFactors();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setStance(a, 'a', 'a1', 'f1', 'recognise');
    setStance(b, 'b', 'a2', 'f1', 'doubt');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readAnalysis(a).stances).toEqual(readAnalysis(b).stances);
    expect(readAnalysis(a).stances).toHaveLength(2);
  });

  it('does not read a stance whose factor is deleted, and brings it back when the factor is restored by undo', () => {
    const doc = twoFactors();
    const origin = { local: true };
    setStance(doc, origin, 'a1', 'f2', 'recognise');
    setStance(doc, origin, 'a2', 'l1', 'doubt');
    const undo = new Y.UndoManager([getMaps(doc).factors, getMaps(doc).links], { trackedOrigins: new Set([origin]) });
    removeFactors(doc, origin, ['f2']);
    expect(readAnalysis(doc).stances).toBeUndefined();
    expect(getMaps(doc).stances.size).toBe(2);
    undo.undo();
    expect(readAnalysis(doc).stances).toHaveLength(2);
  });

  it('skips stray values and values stored under another key', () => {
    const doc = twoFactors();
    getMaps(doc).stances.set('x', { actor: 'a1', on: 'f1', stance: 'recognise' });
    getMaps(doc).stances.set(stanceKey('a1', 'f2'), { actor: 'a1', on: 'f2', stance: 'maybe' });
    getMaps(doc).stances.set(stanceKey('a2', 'f2'), 'recognise');
    expect(readAnalysis(doc).stances).toBeUndefined();
  });

  it('replaceAnalysis clears and writes stances and signals; insertAnalysis remaps their ids', () => {
    const doc = twoFactors();
    setStance(doc, 'me', 'a1', 'f1', 'recognise');
    setSignalSettings(doc, 'me', { share: true, team: 'Noord' });
    const file: Analysis = {
      title: 'Ander gezin',
      factors: [{ id: 'x1', label: 'Zorgen', kind: 'problem', domain: null, evidence: 'observation', note: '', position: { x: 0, y: 0 } }],
      links: [],
      actors: [{ id: 'b1', name: 'Vader', role: 'parent', factors: [] }],
      loops: [],
      stances: [{ actor: 'b1', on: 'x1', stance: 'doubt' }],
    };
    replaceAnalysis(doc, 'import', file);
    expect(readAnalysis(doc)).toEqual(file);
    const ids = insertAnalysis(doc, 'import', file);
    expect(readAnalysis(doc).stances).toContainEqual({ actor: ids.get('b1'), on: ids.get('x1'), stance: 'doubt' });
    expect(readAnalysis(doc).stances).toHaveLength(2);
  });

  it('a pasted person who is already present keeps their stances on the pasted factors', () => {
    const doc = twoFactors();
    const ids = pasteAnalysis(
      doc,
      'paste',
      {
        title: '',
        factors: [{ id: 'f1', label: 'Kopie', kind: 'problem', domain: null, evidence: 'observation', note: '', position: { x: 0, y: 0 } }],
        links: [],
        actors: [{ id: 'a9', name: 'Moeder', role: 'parent', factors: ['f1'] }],
        loops: [],
        stances: [{ actor: 'a9', on: 'f1', stance: 'recognise' }],
      },
      { x: 0, y: 300 },
    );
    expect(readAnalysis(doc).stances).toEqual([{ actor: 'a1', on: ids.get('f1'), stance: 'recognise' }]);
  });

  it('the projection follows stances and signals', () => {
    const doc = twoFactors();
    const projection = createProjection(doc);
    const before = projection.get();
    setStance(doc, 'me', 'a1', 'f1', 'recognise');
    expect([...projection.get().stances.values()]).toEqual([{ actor: 'a1', on: 'f1', stance: 'recognise' }]);
    expect(projection.get().factors).toBe(before.factors);
    setSignalSettings(doc, 'me', { share: true });
    expect(projection.get().signals).toEqual({ share: true, team: '' });
    setStance(doc, 'me', 'a1', 'f1', null);
    expect(projection.get().stances.size).toBe(0);
    projection.destroy();
  });

  it('a version-3 client knows a document with stances is newer than it (it goes read-only); never lowered', () => {
    const doc = twoFactors();
    setStance(doc, 'me', 'a1', 'f1', 'recognise');
    expect(readSchemaVersion(doc) > 3).toBe(true);
    getMaps(doc).meta.set('schemaVersion', 5);
    expect(isFromNewerVersion(doc)).toBe(true);
    setStance(doc, 'me', 'a2', 'f1', 'recognise');
    expect(readSchemaVersion(doc)).toBe(5);
  });
});
