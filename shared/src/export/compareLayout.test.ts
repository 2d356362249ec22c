import { describe, expect, it } from 'vitest';
import type { Analysis, Factor } from '../model/types.ts';
import { compareAnalyses } from '../versions/compare.ts';
import { COMPARE_LETTERS, compareUnion, layoutCompare } from './compareLayout.ts';
import { renderLayoutSvg } from './renderSvg.ts';

function factor(id: string, label: string, kind: Factor['kind'], x: number): Factor {
  return { id, label, kind, domain: null, evidence: 'observation', note: '', position: { x, y: 0 } };
}

const BEFORE: Analysis = {
  title: 'Gezin (fictief)',
  factors: [
    factor('f1', 'Schulden', 'perpetuating', 0),
    factor('f2', 'Stress', 'perpetuating', 300),
    factor('f3', 'Post blijft liggen', 'aggravating', 600),
  ],
  links: [
    { id: 'l1', from: 'f1', to: 'f2', polarity: '+', note: '' },
    { id: 'l2', from: 'f2', to: 'f3', polarity: '+', note: '' },
    { id: 'l3', from: 'f3', to: 'f1', polarity: '+', note: '' },
  ],
  actors: [],
  loops: [],
};
const AFTER: Analysis = {
  ...BEFORE,
  factors: [
    factor('f1', 'Schulden', 'perpetuating', 0),
    factor('f2', 'Stress', 'precipitating', 300),
    factor('f4', 'Budgetcoach', 'protective', 900),
  ],
  links: [
    { id: 'l1', from: 'f1', to: 'f2', polarity: '-', note: '' },
    { id: 'l5', from: 'f4', to: 'f1', polarity: '-', note: '' },
  ],
};

describe('the compare overlay', () => {
  const diff = compareAnalyses(BEFORE, AFTER);

  it('draws the newer side with the removed factors and links as ghosts, each with its mark', () => {
    const { analysis, marks } = compareUnion(BEFORE, AFTER, diff);
    expect(analysis.factors.map((f) => f.id).sort()).toEqual(['f1', 'f2', 'f3', 'f4']);
    expect(analysis.links.map((l) => l.id).sort()).toEqual(['l1', 'l2', 'l3', 'l5']);
    expect(Object.fromEntries(marks.factors)).toEqual({ f2: 'changed', f3: 'removed', f4: 'added' });
    expect(Object.fromEntries(marks.links)).toEqual({ l1: 'changed', l2: 'removed', l3: 'removed', l5: 'added' });
  });

  it('is readable without colour: letters, what a changed factor was, a dashed faded ghost, the key and the summary', () => {
    const layout = layoutCompare(BEFORE, AFTER, diff, {
      language: 'nl',
      title: 'Gezin — Sessie 1 → nu',
      summary: 'Een zin over wat er veranderde.',
    });
    const texts = layout.legendShapes.flatMap((s) => (s.type === 'text' ? [s.text] : []));
    for (const letter of Object.values(COMPARE_LETTERS)) expect(texts).toContain(letter);
    expect(texts.filter((t) => t === COMPARE_LETTERS.removed).length).toBe(1 + 2 + 1); // f3, l2, l3, and the key
    expect(texts).toContain('eerst: Houdt het in stand');
    expect(texts).toContain('Een zin over wat er veranderde.');
    expect(texts).toContain('weg (gestippeld en vaag)');
    const ghost = layout.boxes.find((b) => b.factorId === 'f3')!;
    expect(ghost.faded).toBe(true);
    expect(layout.legendShapes.some((s) => s.type === 'rect' && s.dash && s.x < ghost.x && s.y < ghost.y)).toBe(true);
    expect(layout.links.find((l) => l.linkId === 'l2')!.shapes.some((s) => s.type === 'line' && s.dash)).toBe(true);
    const svg = renderLayoutSvg(layout);
    expect(svg).toContain('Gezin — Sessie 1 → nu');
    expect(svg).toContain('Een zin over wat er veranderde.');
  });

  it('marks nothing when nothing changed but a move', () => {
    const moved = { ...BEFORE, factors: BEFORE.factors.map((f) => ({ ...f, position: { x: f.position.x + 10, y: 5 } })) };
    const { marks } = compareUnion(BEFORE, moved, compareAnalyses(BEFORE, moved));
    expect(marks.factors.size + marks.links.size).toBe(0);
  });
});
