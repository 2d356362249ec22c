/** Undo names the changes of the library engineer's fields: a factor's signal, the story, the language. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { setFactorSignal } from '@samenzicht/shared/ydoc/factorSignal';
import { createProjection } from '@samenzicht/shared/ydoc/projection';
import { setLanguage, setStory } from '@samenzicht/shared/ydoc/story';
import { describeChange } from './describeChange.ts';

function describeAct(act: (doc: Y.Doc) => void) {
  const doc = new Y.Doc();
  addFactor(doc, null, { label: 'Schaamte', position: { x: 0, y: 0 } }, 'f1');
  const projection = createProjection(doc);
  const before = projection.get();
  act(doc);
  return describeChange(before, projection.get(), () => null);
}

describe('naming signal, story and language changes', () => {
  it('a signal put on a factor is a change of its details, not a move', () => {
    expect(describeAct((doc) => setFactorSignal(doc, null, ['f1'], 'ouder-schaamte'))).toEqual({ kind: 'factorDetails', name: 'Schaamte' });
  });
  it('typing in the story and changing the language are named as such', () => {
    expect(describeAct((doc) => setStory(doc, null, 'Ons verhaal'))).toEqual({ kind: 'story' });
    expect(describeAct((doc) => setLanguage(doc, null, 'en'))).toEqual({ kind: 'language' });
  });
});
