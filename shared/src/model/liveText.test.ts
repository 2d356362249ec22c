import { describe, expect, it } from 'vitest';
import { diffText, transformOffset, type TextChange } from './liveText.ts';

const apply = (text: string, change: TextChange | null) =>
  change ? text.slice(0, change.index) + change.insert + text.slice(change.index + change.remove) : text;

describe('diffText', () => {
  it('finds the one place that changed', () => {
    expect(diffText('Schulden', 'Schulden')).toBeNull();
    expect(diffText('Schulden', 'Veel schulden')).toEqual({ index: 0, remove: 1, insert: 'Veel s' });
    expect(diffText('Veel stress', 'Veel stress thuis')).toEqual({ index: 11, remove: 0, insert: ' thuis' });
    expect(diffText('aaa', 'aa')).toEqual({ index: 2, remove: 1, insert: '' });
  });

  it('turns the old text into the new one, also across repeats and emoji, never splitting a surrogate pair', () => {
    const cases: Array<[string, string]> = [
      ['abab', 'ab'],
      ['\u{1F600}', '\u{1F601}'],
      ['x\u{1F600}y', 'x\u{1F601}y'],
      ['\u{1F600}\u{1F600}', '\u{1F600}'],
      ['', 'nieuw'],
      ['oud', ''],
    ];
    for (const [before, after] of cases) {
      const change = diffText(before, after);
      expect(apply(before, change)).toBe(after);
      if (change) {
        expect(change.insert).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
        const removed = before.slice(change.index, change.index + change.remove);
        expect(removed).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
      }
    }
  });
});

describe('diffText at the caret', () => {
  it('puts a letter typed next to the same letter at the caret, not after the repeat', () => {
    // Someone else's " Moeder" is already right of the caret; this person types a space at 6.
    expect(diffText('Begin. Moeder', 'Begin.  Moeder')).toEqual({ index: 7, remove: 0, insert: ' ' });
    expect(diffText('Begin. Moeder', 'Begin.  Moeder', 7)).toEqual({ index: 6, remove: 0, insert: ' ' });
    // A letter in the middle, a backspace, and a caret that fits only one place: as without it.
    expect(diffText('abc', 'abXc', 3)).toEqual({ index: 2, remove: 0, insert: 'X' });
    expect(diffText('abXc', 'abc', 2)).toEqual({ index: 2, remove: 1, insert: '' });
    expect(diffText('aab', 'aaab', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    // Never splits a surrogate pair.
    const change = diffText('a😀b', 'a😀😀b', 5)!;
    expect('a😀b'.slice(0, change.index) + change.insert + 'a😀b'.slice(change.index + change.remove)).toBe('a😀😀b');
    expect(change.index % 1).toBe(0);
    expect([1, 3]).toContain(change.index);
  });
});

describe('transformOffset', () => {
  const change = { index: 5, remove: 2, insert: 'abc' };
  it('leaves a caret before the change, pushes one after it, and puts one inside it at its end', () => {
    expect(transformOffset(3, change)).toBe(3);
    expect(transformOffset(5, change)).toBe(5);
    expect(transformOffset(9, change)).toBe(10);
    expect(transformOffset(7, change)).toBe(8);
    expect(transformOffset(6, change)).toBe(8);
  });
});
