import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { castDraft } from 'immer';
import i18next from 'i18next';
import {
  addFactor,
  addLink,
  moveFactors,
  removeFactors,
  setLoopName,
  setTitle,
  updateFactors,
  updateLinks,
} from '@samenzicht/shared/ydoc/commands';
import { createProjection } from '@samenzicht/shared/ydoc/projection';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { loopKey } from '@samenzicht/shared/graph/loopKey';
import type { Patterns } from '@samenzicht/shared/graph/patterns';
import { createEditorStore } from '../store/editorStore.ts';
import { describeInWords } from '../panels/undoWords.ts';
import { nl } from '../i18n/nl.ts';
import { en } from '../i18n/en.ts';
import { describeChange, type ChangeDescription } from './describeChange.ts';
import { trackUndoDescriptions } from './undoDescriptions.ts';

function setUp() {
  const doc = new Y.Doc();
  const origin = { local: true };
  const projection = createProjection(doc);
  const store = createEditorStore(projection.get());
  projection.subscribe((state) => store.setState((s) => void (s.doc = castDraft(state))));
  const maps = getMaps(doc);
  // captureTimeout 0: every command is its own undo step.
  const undo = new Y.UndoManager([maps.meta, maps.factors, maps.links, maps.actors, maps.loopNames], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 0,
  });
  const stop = trackUndoDescriptions(doc, undo, projection, store);
  return { doc, origin, projection, store, undo, stop };
}

/** Runs `act` on a fresh projection and names the change it made. */
function describeAct(
  prepare: (doc: Y.Doc) => void,
  act: (doc: Y.Doc) => void,
  loopIdOf: (key: string) => string | null = () => null,
): ChangeDescription {
  const doc = new Y.Doc();
  prepare(doc);
  const projection = createProjection(doc);
  const before = projection.get();
  act(doc);
  return describeChange(before, projection.get(), loopIdOf);
}

const twoFactors = (doc: Y.Doc) => {
  addFactor(doc, null, { label: 'Schaamte', position: { x: 0, y: 0 } }, 'f1');
  addFactor(doc, null, { label: 'Schulden', position: { x: 300, y: 0 } }, 'f2');
};

describe('describeChange', () => {
  it('names each kind of command', () => {
    const none = () => {};
    expect(describeAct(none, (d) => addFactor(d, null, { label: 'Schaamte', position: { x: 0, y: 0 } }))).toEqual({
      kind: 'factorAdded',
      name: 'Schaamte',
    });
    expect(describeAct(twoFactors, (d) => removeFactors(d, null, ['f1']))).toEqual({ kind: 'factorRemoved', name: 'Schaamte' });
    expect(describeAct(twoFactors, (d) => removeFactors(d, null, ['f1', 'f2']))).toEqual({ kind: 'factorsRemoved', count: 2 });
    expect(describeAct(twoFactors, (d) => updateFactors(d, null, ['f1'], { label: 'Veel schaamte' }))).toEqual({
      kind: 'factorLabel',
      name: 'Schaamte',
    });
    expect(describeAct(twoFactors, (d) => updateFactors(d, null, ['f1'], { note: 'al lang' }))).toEqual({
      kind: 'factorNote',
      name: 'Schaamte',
    });
    expect(describeAct(twoFactors, (d) => updateFactors(d, null, ['f2'], { kind: 'perpetuating' }))).toEqual({
      kind: 'factorDetails',
      name: 'Schulden',
    });
    expect(describeAct(twoFactors, (d) => moveFactors(d, null, [{ id: 'f1', position: { x: 5, y: 5 } }]))).toEqual({
      kind: 'factorMoved',
      name: 'Schaamte',
    });
    expect(
      describeAct(twoFactors, (d) =>
        moveFactors(d, null, [
          { id: 'f1', position: { x: 5, y: 5 } },
          { id: 'f2', position: { x: 9, y: 9 } },
        ]),
      ),
    ).toEqual({ kind: 'factorsMoved', count: 2 });
    expect(describeAct(twoFactors, (d) => addLink(d, null, { from: 'f1', to: 'f2' }))).toEqual({
      kind: 'linkAdded',
      from: 'Schaamte',
      to: 'Schulden',
    });
    const linked = (d: Y.Doc) => {
      twoFactors(d);
      addLink(d, null, { from: 'f1', to: 'f2' }, 'l1');
    };
    expect(describeAct(linked, (d) => updateLinks(d, null, ['l1'], { polarity: '-' }))).toEqual({
      kind: 'linkPolarity',
      from: 'Schaamte',
      to: 'Schulden',
    });
    expect(describeAct(linked, (d) => updateLinks(d, null, ['l1'], { note: 'soms' }))).toEqual({
      kind: 'linkNote',
      from: 'Schaamte',
      to: 'Schulden',
    });
    expect(describeAct(none, (d) => setTitle(d, null, 'Gezin K.'))).toEqual({ kind: 'title' });
    // Removing a factor takes its links with it: still named after the factor.
    expect(describeAct(linked, (d) => removeFactors(d, null, ['f2']))).toEqual({ kind: 'factorRemoved', name: 'Schulden' });
  });

  it('names a loop by the number people see, when it is known', () => {
    const loop = (d: Y.Doc) => {
      twoFactors(d);
      addLink(d, null, { from: 'f1', to: 'f2' }, 'l1');
      addLink(d, null, { from: 'f2', to: 'f1' }, 'l2');
    };
    const key = loopKey(['l1', 'l2']);
    expect(
      describeAct(
        loop,
        (d) => setLoopName(d, null, ['l1', 'l2'], 'De schaamtecirkel'),
        (k) => (k === key ? 'R1' : null),
      ),
    ).toEqual({ kind: 'loopName', loop: 'R1' });
    expect(describeAct(loop, (d) => setLoopName(d, null, ['l1', 'l2'], 'De schaamtecirkel'))).toEqual({ kind: 'change' });
  });
});

describe('describeInWords', () => {
  it('reads as the sentence on the undo button, in Dutch and English', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { nl: { translation: nl }, en: { translation: en } }, lng: 'nl', interpolation: { escapeValue: false } });
    const t = i18n.t.bind(i18n);
    expect(t('undo.undoWhat', { what: describeInWords(t, { kind: 'factorAdded', name: 'Schaamte' }) })).toBe(
      "Ongedaan maken: factor 'Schaamte' toegevoegd",
    );
    expect(t('undo.undoWhat', { what: describeInWords(t, { kind: 'loopName', loop: 'R1' }) })).toBe(
      'Ongedaan maken: naam van kringloop R1',
    );
    expect(describeInWords(t, { kind: 'factorsAdded', count: 3 })).toBe('3 factoren toegevoegd');
    expect(describeInWords(t, { kind: 'factorAdded', name: '' })).toBe("factor 'Nieuwe factor' toegevoegd");
    await i18n.changeLanguage('en');
    expect(t('undo.undone', { what: describeInWords(t, { kind: 'factorRemoved', name: 'Shame' }) })).toBe("Undone: factor 'Shame' deleted");
    expect(describeInWords(t, { kind: 'linksAdded', count: 1 })).toBe('1 connection added');
  });
});

describe('trackUndoDescriptions', () => {
  it('keeps what the next undo and redo do, and says what an undo did', () => {
    const { doc, origin, store, undo } = setUp();
    addFactor(doc, origin, { label: 'Schaamte', position: { x: 0, y: 0 } }, 'f1');
    expect(store.getState().undoDescription).toEqual({ kind: 'factorAdded', name: 'Schaamte' });
    updateFactors(doc, origin, ['f1'], { label: 'Veel schaamte' });
    expect(store.getState().undoDescription).toEqual({ kind: 'factorLabel', name: 'Schaamte' });

    undo.undo();
    expect(store.getState().undoStatus).toMatchObject({ action: 'undo', description: { kind: 'factorLabel', name: 'Schaamte' } });
    expect(store.getState().undoDescription).toEqual({ kind: 'factorAdded', name: 'Schaamte' });
    expect(store.getState().redoDescription).toEqual({ kind: 'factorLabel', name: 'Schaamte' });

    undo.undo();
    expect(store.getState().doc.factors.size).toBe(0);
    expect(store.getState().undoDescription).toBeNull();
    expect(store.getState().redoDescription).toEqual({ kind: 'factorAdded', name: 'Schaamte' });

    undo.redo();
    expect(store.getState().undoStatus).toMatchObject({ action: 'redo', description: { kind: 'factorAdded', name: 'Schaamte' } });
    expect(store.getState().undoDescription).toEqual({ kind: 'factorAdded', name: 'Schaamte' });
    expect(store.getState().redoDescription).toEqual({ kind: 'factorLabel', name: 'Schaamte' });
  });

  it('describes a step that several quick changes joined from its start: a new factor and its text', () => {
    const doc = new Y.Doc();
    const origin = { local: true };
    const projection = createProjection(doc);
    const store = createEditorStore(projection.get());
    const maps = getMaps(doc);
    const undo = new Y.UndoManager([maps.factors], { trackedOrigins: new Set([origin]), captureTimeout: 60_000 });
    trackUndoDescriptions(doc, undo, projection, store);
    addFactor(doc, origin, { position: { x: 0, y: 0 } }, 'f1');
    updateFactors(doc, origin, ['f1'], { label: 'Schaamte' });
    expect(undo.undoStack).toHaveLength(1);
    expect(store.getState().undoDescription).toEqual({ kind: 'factorAdded', name: 'Schaamte' });
  });

  it('names a loop with its number from the patterns shown', () => {
    const { doc, origin, store } = setUp();
    twoFactors(doc);
    addLink(doc, null, { from: 'f1', to: 'f2' }, 'l1');
    addLink(doc, null, { from: 'f2', to: 'f1' }, 'l2');
    const key = loopKey(['l1', 'l2']);
    store.setState(
      (s) =>
        void (s.patterns = castDraft({
          loops: [{ id: 'R1', key, type: 'reinforcing', vicious: true, virtuous: false, factors: ['f1', 'f2'], links: ['l1', 'l2'] }],
        } as unknown as Patterns)),
    );
    setLoopName(doc, origin, ['l1', 'l2'], 'De schaamtecirkel');
    expect(store.getState().undoDescription).toEqual({ kind: 'loopName', loop: 'R1' });
  });

  it("ignores other people's changes (not on this person's undo stack)", () => {
    const { doc, store } = setUp();
    addFactor(doc, 'someone else', { label: 'Schaamte', position: { x: 0, y: 0 } });
    expect(store.getState().undoDescription).toBeNull();
  });
});
