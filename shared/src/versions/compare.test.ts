import { describe, expect, it } from 'vitest';
import type { Analysis, Factor, FactorKind, Link, Polarity } from '../model/types.ts';
import { compareAnalyses, isUnchanged } from './compare.ts';
import { summarizeChangeParts, summarizeChanges } from './summary.ts';

function factor(id: string, label: string, kind: FactorKind, extra: Partial<Factor> = {}): Factor {
  return { id, label, kind, domain: null, evidence: 'observation', note: '', position: { x: 0, y: 0 }, ...extra };
}

function link(id: string, from: string, to: string, polarity: Polarity = '+'): Link {
  return { id, from, to, polarity, note: '' };
}

/** Session 1: a debt spiral (f1 → f2 → f3 → f1, named) and a worry. */
const session1: Analysis = {
  title: 'Gezin Voorbeeld',
  factors: [
    factor('f1', 'Schulden', 'perpetuating'),
    factor('f2', 'Stress bij moeder', 'perpetuating'),
    factor('f3', 'Rekeningen blijven liggen', 'perpetuating'),
    factor('f4', 'Zorgen om Sam', 'problem'),
  ],
  links: [link('l1', 'f1', 'f2'), link('l2', 'f2', 'f3'), link('l3', 'f3', 'f1'), link('l4', 'f2', 'f4')],
  actors: [{ id: 'a1', name: 'Moeder', role: 'parent', factors: ['f2'] }],
  loops: [{ links: ['l1', 'l2', 'l3'], name: 'De schuldenspiraal' }],
};

describe('compareAnalyses', () => {
  it('finds nothing between an analysis and itself', () => {
    const diff = compareAnalyses(session1, session1);
    expect(isUnchanged(diff)).toBe(true);
    expect(diff.factors).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.loops).toEqual({ appeared: [], gone: [], truncated: false });
    expect(summarizeChanges(diff, session1, session1, 'nl')).toBe('Geen veranderingen');
    expect(summarizeChanges(diff, session1, session1, 'en')).toBe('No changes');
  });

  it('names added, removed and changed factors and links with the fields that changed', () => {
    const session2: Analysis = {
      ...session1,
      factors: [
        factor('f1', 'Schulden', 'perpetuating', { position: { x: 10, y: 0 } }),
        factor('f2', 'Stress bij moeder', 'precipitating', { note: 'sinds de zomer' }),
        factor('f3', 'Rekeningen worden betaald', 'protective'),
        factor('f5', 'Schuldhulp', 'protective'),
      ],
      links: [link('l1', 'f1', 'f2', '-'), link('l2', 'f2', 'f3'), link('l3', 'f3', 'f1'), link('l5', 'f5', 'f1', '-')],
    };
    const diff = compareAnalyses(session1, session2);
    expect(diff.factors.added).toEqual(['f5']);
    expect(diff.factors.removed).toEqual(['f4']);
    expect(diff.factors.changed).toEqual([
      { id: 'f1', fields: ['position'] },
      { id: 'f2', fields: ['kind', 'note'] },
      { id: 'f3', fields: ['label', 'kind'] },
    ]);
    expect(diff.links).toEqual({ added: ['l5'], removed: ['l4'], changed: [{ id: 'l1', fields: ['polarity'] }] });
    // The loop is still there (same links), now balancing: not appeared, not gone.
    expect(diff.loops.appeared).toEqual([]);
    expect(diff.loops.gone).toEqual([]);
    expect(diff.actors).toEqual({ added: [], removed: [], changed: [] });
  });

  it('sees loops appear and go as lists of link ids', () => {
    const session2: Analysis = {
      ...session1,
      links: [link('l1', 'f1', 'f2'), link('l3', 'f3', 'f1'), link('l4', 'f2', 'f4'), link('l6', 'f4', 'f1')],
    };
    const diff = compareAnalyses(session1, session2);
    expect(diff.loops.gone).toEqual([['l1', 'l2', 'l3']]);
    expect(diff.loops.appeared).toEqual([['l1', 'l4', 'l6']]);
    expect(diff.links.removed).toEqual(['l2']);
    expect(diff.links.added).toEqual(['l6']);
    // The name of the gone loop stays in the file but no loop carries it: not a name change.
    expect(diff.loopNames).toEqual([]);
  });

  it('treats an actor’s factors as a set and notices title and loop-name changes', () => {
    const before: Analysis = { ...session1, actors: [{ id: 'a1', name: 'Moeder', role: 'parent', factors: ['f1', 'f2'] }] };
    const reordered: Analysis = { ...session1, actors: [{ id: 'a1', name: 'Moeder', role: 'parent', factors: ['f2', 'f1'] }] };
    expect(isUnchanged(compareAnalyses(before, reordered))).toBe(true);
    const renamed: Analysis = { ...before, title: 'Nieuwe titel', loops: [{ links: ['l2', 'l3', 'l1'], name: 'Geldzorgen' }] };
    const diff = compareAnalyses(before, renamed);
    expect(diff.title).toBe(true);
    expect(diff.loopNames).toEqual(['l1 l2 l3']);
  });
});

describe('summarizeChanges', () => {
  it('says what changed in plain Dutch and English, naming the broken vicious circle by number and name', () => {
    const session2: Analysis = {
      ...session1,
      factors: [
        ...session1.factors.map((f) => (f.id === 'f2' ? { ...f, kind: 'precipitating' as const } : f)),
        factor('f5', 'Schuldhulp', 'protective'),
        factor('f6', 'Oma helpt', 'protective'),
        factor('f7', 'Sport voor Sam', 'protective'),
      ],
    };
    const diff = compareAnalyses(session1, session2);
    expect(summarizeChanges(diff, session1, session2, 'nl')).toBe(
      "3 factoren erbij, 1 vicieuze cirkel doorbroken (R1 'De schuldenspiraal'), 'Stress bij moeder' van “houdt het in stand” naar “aanleiding”",
    );
    expect(summarizeChanges(diff, session1, session2, 'en')).toBe(
      "3 factors added, 1 vicious circle broken (R1 'De schuldenspiraal'), 'Stress bij moeder' from “keeps it going” to “what set it off”",
    );
  });

  it('keeps the loop number of the older version and names new vicious circles', () => {
    // Two vicious circles: R1 (two links) and R2 (the named spiral, three links). Breaking R2 keeps the name R2.
    const before: Analysis = {
      ...session1,
      factors: [...session1.factors, factor('f8', 'Ruzie thuis', 'aggravating')],
      links: [...session1.links, link('l7', 'f2', 'f8'), link('l8', 'f8', 'f2')],
    };
    const after: Analysis = {
      ...before,
      links: [...before.links.filter((l) => l.id !== 'l3'), link('l9', 'f4', 'f2'), link('l0', 'f3', 'f4')],
    };
    const diff = compareAnalyses(before, after);
    const parts = summarizeChangeParts(diff, before, after, 'nl');
    expect(parts).toContain("1 vicieuze cirkel doorbroken (R2 'De schuldenspiraal')");
    // f2 → f4 → f2 (l4, l9) is new and two links long, f2 → f3 → f4 → f2 three: the lowest free numbers follow R1.
    expect(parts).toContain('2 nieuwe vicieuze cirkels (R2, R3)');
  });

  it('names polarity and label changes and counts the small ones, never a move', () => {
    const after: Analysis = {
      ...session1,
      factors: session1.factors.map((f) =>
        f.id === 'f1' ? { ...f, label: 'Geldzorgen' } : f.id === 'f4' ? { ...f, note: 'school belde', position: { x: 5, y: 5 } } : f,
      ),
      links: session1.links.map((l) => (l.id === 'l4' ? { ...l, polarity: '-' as const } : l)),
      actors: [{ id: 'a1', name: 'Mama', role: 'parent', factors: ['f2'] }],
    };
    const diff = compareAnalyses(session1, after);
    expect(summarizeChangeParts(diff, session1, after, 'nl')).toEqual([
      "'Schulden' heet nu 'Geldzorgen'",
      "'Stress bij moeder' vermindert nu 'Zorgen om Sam'",
      '2 andere kleine wijzigingen',
    ]);
    const moved: Analysis = { ...session1, factors: session1.factors.map((f) => ({ ...f, position: { x: 1, y: 1 } })) };
    expect(summarizeChanges(compareAnalyses(session1, moved), session1, moved, 'en')).toBe('No changes');
  });

  it('names at most three kind changes and counts the rest', () => {
    const after: Analysis = { ...session1, factors: session1.factors.map((f) => ({ ...f, kind: 'protective' as const })) };
    const parts = summarizeChangeParts(compareAnalyses(session1, after), session1, after, 'en');
    expect(parts.filter((p) => p.includes(' to “strength”'))).toHaveLength(3);
    expect(parts).toContain('and 1 more');
  });
});
