import { describe, expect, it } from 'vitest';
import { castDraft } from 'immer';
import * as Y from 'yjs';
import { addFactor, addLink, removeFactors } from '@samenzicht/shared/ydoc/commands';
import { createProjection } from '@samenzicht/shared/ydoc/projection';
import { createEditorStore, type Peer } from '../store/editorStore.ts';
import { watchDeletedWhileEditing } from './deletedWhileEditing.ts';

function setup() {
  const doc = new Y.Doc();
  const origin = { local: true };
  addFactor(doc, 'setup', { label: 'Schulden', note: 'Ik typte dit', position: { x: 0, y: 0 } }, 'f1');
  addFactor(doc, 'setup', { label: 'Stress', position: { x: 0, y: 0 } }, 'f2');
  addLink(doc, 'setup', { from: 'f1', to: 'f2' });
  const projection = createProjection(doc);
  const store = createEditorStore(projection.get());
  const undo = new Y.UndoManager(doc.getMap('factors'), { trackedOrigins: new Set([origin]) });
  const stop = watchDeletedWhileEditing({ projection, store, origin, undo });
  const peer = (selection: string[]): Peer => ({
    clientId: 9,
    name: 'Moeder',
    colour: '#aa3300',
    cursor: null,
    drags: {},
    selection,
    editing: null,
  });
  return { doc, origin, store, stop, peer };
}

describe('watchDeletedWhileEditing', () => {
  it('keeps the factor someone else deleted while I typed in it, with its links, and names who had it selected', () => {
    const { doc, store, peer } = setup();
    store.setState((s) => void (s.peers = castDraft([peer(['f1'])])));
    store.setState((s) => void (s.typing = { id: 'f1', field: 'note' }));
    removeFactors(doc, 'remote', ['f1']);
    const notice = store.getState().deletedWhileEditing;
    expect(notice?.by).toBe('Moeder');
    expect(notice?.snapshot.factor).toMatchObject({ id: 'f1', label: 'Schulden', note: 'Ik typte dit' });
    expect(notice?.snapshot.links.map((l) => [l.from, l.to])).toEqual([['f1', 'f2']]);
  });

  it('says nothing when I was not typing in it, or deleted it myself', () => {
    const { doc, origin, store } = setup();
    store.setState((s) => void (s.typing = { id: 'f2', field: 'label' }));
    removeFactors(doc, 'remote', ['f1']);
    expect(store.getState().deletedWhileEditing).toBeNull();
    removeFactors(doc, origin, ['f2']);
    expect(store.getState().deletedWhileEditing).toBeNull();
  });

  it('without anyone else having it selected, the notice names nobody', () => {
    const { doc, store } = setup();
    store.setState((s) => void (s.editingId = 'f1'));
    removeFactors(doc, 'remote', ['f1']);
    expect(store.getState().deletedWhileEditing?.by).toBeNull();
    expect(store.getState().editingId).toBeNull();
  });
});
