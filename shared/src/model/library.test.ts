import { describe, expect, it } from 'vitest';
import { FACTOR_KINDS, LIFE_DOMAINS } from './types.ts';
import { FACTOR_LIBRARY, libraryIn, searchLibrary, searchSignals } from './library.ts';
import { SIGNALS } from '../library/signals.ts';

const items = (groups: typeof FACTOR_LIBRARY) => groups.flatMap((g) => g.items);

describe('factor library', () => {
  it('is balanced: at least 80 items, a third strengths, every kind, every domain at least 6 times', () => {
    const all = items(FACTOR_LIBRARY);
    expect(all.length).toBeGreaterThanOrEqual(80);
    expect(all.filter((i) => i.kind === 'protective').length * 3).toBeGreaterThanOrEqual(all.length);
    for (const kind of FACTOR_KINDS) expect(all.filter((i) => i.kind === kind).length, kind).toBeGreaterThan(0);
    for (const domain of LIFE_DOMAINS) {
      expect(all.filter((i) => i.domain === domain).length, domain).toBeGreaterThanOrEqual(6);
      // Strengths in every domain: the child's, the parents', the family's, the help's own.
      expect(all.filter((i) => i.domain === domain && i.kind === 'protective').length, `strengths of ${domain}`).toBeGreaterThan(0);
    }
  });

  it('groups the way parents think, strengths last and only strengths there, without duplicate labels', () => {
    expect(FACTOR_LIBRARY.map((g) => g.key)).toEqual(['children', 'parents', 'family', 'living', 'help', 'strengths']);
    expect(FACTOR_LIBRARY.find((g) => g.key === 'strengths')!.items.every((i) => i.kind === 'protective')).toBe(true);
    expect(FACTOR_LIBRARY.filter((g) => g.key !== 'strengths').every((g) => g.items.every((i) => i.kind !== 'protective'))).toBe(true);
    expect(FACTOR_LIBRARY.find((g) => g.key === 'children')!.items.every((i) => i.domain === 'child')).toBe(true);
    for (const language of ['nl', 'en'] as const) {
      const labels = items(libraryIn(language)).map((i) => i.label);
      expect(new Set(labels).size, language).toBe(labels.length);
    }
  });

  it('uses no judging words or jargon in its labels', () => {
    const blocked =
      /toxisch|onbehandeld|weiger|afslaan|bereidheid|caseload|avg|versnipper|zorgmijd|ongemotiveerd|fraude|chaotisch|(^|\s)(toxic|untreated|refus|non-compliant|chaotic)/i;
    for (const s of SIGNALS) {
      expect(s.nl, s.code).not.toMatch(blocked);
      expect(s.en, s.code).not.toMatch(blocked);
    }
  });

  it('shows the same items in English, with English labels', () => {
    const nl = items(libraryIn('nl'));
    const en = items(libraryIn('en'));
    expect(en.map((i) => i.code)).toEqual(nl.map((i) => i.code));
    expect(en.find((i) => i.code === 'schulden')!.label).toBe('Debts');
    expect(nl.find((i) => i.code === 'schulden')!.label).toBe('Schulden');
  });

  it('finds items by every word, ignoring case and accents', () => {
    expect(items(searchLibrary('GEDUPEERDE bewijzen')).map((i) => i.code)).toEqual(['steeds-bewijzen-gedupeerd']);
    expect(searchLibrary('zzzz')).toEqual([]);
    expect(items(searchLibrary('')).length).toBe(items(FACTOR_LIBRARY).length);
    expect(items(searchLibrary('debts', libraryIn('en'))).map((i) => i.code)).toContain('schulden');
  });

  it('finds signals for the inspector by either language or by code', () => {
    expect(searchSignals('shame', 'nl').map((s) => s.code)).toContain('ouder-schaamte');
    expect(searchSignals('ouder-schaamte', 'en').map((s) => s.code)).toEqual(['ouder-schaamte']);
    expect(searchSignals('', 'nl').length).toBe(SIGNALS.length);
  });
});
