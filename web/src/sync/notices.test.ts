import { describe, expect, it } from 'vitest';
import { FOLD_WINDOW_MS, MAX_NOTICES, foldAdded, nameInPresence, type AddedNotice } from './notices.ts';

describe('foldAdded', () => {
  it('folds a burst by one person into one notice, and starts a new one after a pause', () => {
    let notices: AddedNotice[] = [];
    notices = foldAdded(notices, { who: 'Moeder', factorIds: ['f1'] }, 1_000, 1);
    notices = foldAdded(notices, { who: 'Moeder', factorIds: ['f2'] }, 2_000, 2);
    notices = foldAdded(notices, { who: 'Moeder', factorIds: ['f3', 'f2'] }, 2_500, 3);
    expect(notices).toEqual([{ id: 1, who: 'Moeder', factorIds: ['f1', 'f2', 'f3'], at: 2_500 }]);
    notices = foldAdded(notices, { who: 'Moeder', factorIds: ['f4'] }, 2_500 + FOLD_WINDOW_MS + 1, 4);
    expect(notices.map((n) => n.id)).toEqual([1, 4]);
  });

  it('keeps people apart, and at most MAX_NOTICES', () => {
    let notices: AddedNotice[] = [];
    const people = ['Moeder', null, 'Vader', 'Ingrid'];
    people.forEach((who, i) => (notices = foldAdded(notices, { who, factorIds: [`f${i}`] }, 1_000, i + 1)));
    expect(notices).toHaveLength(MAX_NOTICES);
    expect(notices.map((n) => n.who)).toEqual([null, 'Vader', 'Ingrid']);
    // Someone unknown again, within the window: folds into that notice, which moves to the end.
    notices = foldAdded(notices, { who: null, factorIds: ['f9'] }, 1_500, 9);
    expect(notices.map((n) => [n.who, n.factorIds.length])).toEqual([
      ['Vader', 1],
      ['Ingrid', 1],
      [null, 2],
    ]);
  });
});

describe('nameInPresence', () => {
  it('reads a name defensively from an untrusted awareness state', () => {
    expect(nameInPresence({ user: { name: '  Moeder ' } })).toBe('Moeder');
    expect(nameInPresence({ user: { name: 'Moe\u202Eder\u0007' } })).toBe('Moeder');
    expect(nameInPresence({ user: { name: 'x'.repeat(100) } })).toHaveLength(40);
    for (const state of [null, undefined, 3, {}, { user: null }, { user: { name: 5 } }, { user: { name: '   ' } }])
      expect(nameInPresence(state)).toBeNull();
  });
});
