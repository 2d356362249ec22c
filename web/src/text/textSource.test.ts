import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyDelta, mergeComposition, transformThroughDelta, type TextDelta } from './textSource.ts';

/** The delta of one remote update applied to a Y.Text that holds `before`. */
function deltaOf(before: string, change: (text: Y.Text) => void): TextDelta {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, before);
  let delta: TextDelta = [];
  text.observe((event) => void (delta = event.delta as TextDelta));
  change(text);
  return delta;
}

describe('the caret moved through a Y.Text delta', () => {
  it('two people each starting with a space at the same place: the caret stays behind its own space', () => {
    // Moeder typed a space at 6 (caret 7); Ingrid's space is placed before hers: the caret moves along, to 8.
    const before = deltaOf('Begin. ', (t) => t.insert(6, ' '));
    expect(applyDelta('Begin. ', before)).toBe('Begin.  ');
    expect(transformThroughDelta(7, before)).toBe(8);
    // Placed after hers: the caret stays at 7, so her next letter follows her own space.
    const after = deltaOf('Begin. ', (t) => t.insert(7, ' '));
    expect(transformThroughDelta(7, after)).toBe(7);
  });

  it('deletes before the caret pull it back, deletes around it put it at their start', () => {
    const delta = deltaOf('Schulden en stress', (t) => t.delete(0, 9));
    expect(transformThroughDelta(18, delta)).toBe(9);
    expect(transformThroughDelta(3, delta)).toBe(0);
    expect(applyDelta('anders', delta)).toBeNull();
  });
});

describe('mergeComposition', () => {
  it("puts a word a phone keyboard composed into the document's text, after what someone else typed meanwhile", () => {
    // The field showed "Stress" when composing " thuis" began; meanwhile someone put "Veel " in front.
    const remote = deltaOf('Stress', (t) => t.insert(0, 'Veel '));
    expect(mergeComposition('Stress', 'Stress thuis', 'Veel Stress', [remote])).toEqual({ text: 'Veel Stress thuis', caret: 17 });
    // Without the deltas (an older document's string): the same, from the two texts.
    expect(mergeComposition('Stress', 'Stress thuis', 'Veel Stress', null)).toEqual({ text: 'Veel Stress thuis', caret: 17 });
    // Nothing composed: the document's text as it is.
    expect(mergeComposition('Stress', 'Stress', 'Veel Stress', null)).toEqual({ text: 'Veel Stress', caret: null });
  });
});
