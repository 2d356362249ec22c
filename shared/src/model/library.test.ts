import { describe, expect, it } from 'vitest';
import { FACTOR_LIBRARY, searchLibrary } from './library.ts';

describe('factor library', () => {
  it('holds the report’s signals in three groups, without duplicates', () => {
    expect(FACTOR_LIBRARY.map((g) => g.key)).toEqual(['parents', 'chain', 'strengths']);
    const labels = FACTOR_LIBRARY.flatMap((g) => g.items.map((i) => i.label));
    expect(new Set(labels).size).toBe(labels.length);
    expect(FACTOR_LIBRARY.find((g) => g.key === 'strengths')!.items.every((i) => i.kind === 'protective')).toBe(true);
  });

  it('finds items by every word, ignoring case and accents', () => {
    const found = searchLibrary('GGZ wacht');
    expect(found.flatMap((g) => g.items.map((i) => i.label))).toEqual(['Wachttijden GGZ']);
    expect(searchLibrary('zzzz')).toEqual([]);
    expect(searchLibrary('').flatMap((g) => g.items).length).toBe(FACTOR_LIBRARY.flatMap((g) => g.items).length);
  });
});
