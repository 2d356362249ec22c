import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addFactor, updateFactors } from '@samenzicht/shared/ydoc/commands';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { holdUndoStep } from './typingUndo.ts';

describe('holdUndoStep', () => {
  it('makes slow typing in one visit of a field one undo step, and the next visit another', () => {
    const doc = new Y.Doc();
    const origin = { local: true };
    addFactor(doc, 'setup', { label: 'Stress', position: { x: 0, y: 0 } }, 'f1');
    const undo = new Y.UndoManager(getMaps(doc).factors, { trackedOrigins: new Set([origin]), captureTimeout: 0 });
    const label = () => readAnalysis(doc).factors[0]!.label;
    // A capture time of 0: every keystroke is a step of its own unless the step is held (a pause longer than the
    // capture time, without waiting; lib0 reads the clock through a reference fake timers do not reach).
    const type = (text: string) => {
      for (const ch of text) updateFactors(doc, origin, ['f1'], { label: label() + ch });
    };

    let release = holdUndoStep(undo);
    type(' thuis');
    release();
    release = holdUndoStep(undo);
    type(' en werk');
    release();
    expect(label()).toBe('Stress thuis en werk');
    expect(undo.captureTimeout).toBe(0);
    undo.undo();
    expect(label()).toBe('Stress thuis');
    undo.undo();
    expect(label()).toBe('Stress');

    // Without holding, each keystroke is undone alone.
    type('!!');
    undo.undo();
    expect(label()).toBe('Stress!');
  });
});
