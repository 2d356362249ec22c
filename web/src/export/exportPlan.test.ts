import { describe, expect, it } from 'vitest';
import type { Loop } from '@samenzicht/shared/graph/loops';
import { PNG_LIMITS, exportFileName, fitScale, highlightLoopsFor, orderLoopsForExport, planPngSize } from './exportPlan.ts';

const loop = (id: string, vicious: boolean, name?: string): Loop => ({
  id,
  key: id,
  type: id.startsWith('R') ? 'reinforcing' : 'balancing',
  vicious,
  virtuous: false,
  factors: ['a', 'b'],
  links: [`${id}-1`, `${id}-2`],
  ...(name ? { name } : {}),
});

describe('planPngSize', () => {
  it('keeps the asked scale when the picture fits: the layout size times the scale', () => {
    expect(planPngSize(1673, 594, 2)).toEqual({ scale: 2, width: 3346, height: 1188, scaled: false });
  });

  it('clamps the scale to 1–4 without calling that scaling down', () => {
    expect(planPngSize(100, 100, 9)).toMatchObject({ scale: 4, scaled: false });
    expect(planPngSize(100, 100, 0.5)).toMatchObject({ scale: 1, scaled: false });
  });

  it('scales a wide picture down to 16,384 px, never more, and keeps its proportions', () => {
    const size = planPngSize(6400, 400, 4);
    expect(size.scaled).toBe(true);
    expect(size.width).toBeLessThanOrEqual(PNG_LIMITS.maxSide);
    expect(size.width).toBeGreaterThan(PNG_LIMITS.maxSide - 10);
    expect(size.width / size.height).toBeCloseTo(6400 / 400, 1);
  });

  it('keeps a large square picture within 268 million pixels', () => {
    const size = planPngSize(9000, 9000, 4);
    expect(size.scaled).toBe(true);
    expect(size.width * size.height).toBeLessThanOrEqual(PNG_LIMITS.maxPixels);
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(PNG_LIMITS.maxSide);
  });

  it('agrees with fitScale', () => {
    expect(planPngSize(8000, 100, 4).scale).toBe(fitScale(8000, 100, 4));
  });
});

describe('exportFileName', () => {
  const at = new Date('2025-03-12T13:05:00Z');
  it('names the file as the server does: title without accents, hyphens, the date in the Netherlands', () => {
    expect(exportFileName('Gezin Öztürk — één "analyse" / deel 2', at, 'png')).toBe('Gezin-Ozturk-een-analyse-deel-2-2025-03-12.png');
    expect(exportFileName('Gezin', new Date('2025-12-31T23:30:00Z'), 'pdf')).toBe('Gezin-2026-01-01.pdf');
  });

  it('is never empty', () => {
    expect(exportFileName('  — ', at, 'svg')).toBe('samenzicht-analyse-2025-03-12.svg');
  });
});

describe('loops to highlight', () => {
  const loops = [loop('R1', false), loop('R2', true, 'De schuldenspiraal'), loop('B1', true)];

  it('lists vicious loops first, each group in its own order', () => {
    expect(orderLoopsForExport(loops).map((l) => l.id)).toEqual(['R2', 'B1', 'R1']);
  });

  it('gives the ticked loops with their links, id, type and name; unknown ids are skipped', () => {
    expect(highlightLoopsFor(loops, new Set(['R2', 'R1', 'X9']))).toEqual([
      { links: ['R1-1', 'R1-2'], id: 'R1', type: 'reinforcing' },
      { links: ['R2-1', 'R2-2'], id: 'R2', type: 'reinforcing', name: 'De schuldenspiraal' },
    ]);
    expect(highlightLoopsFor(loops, new Set())).toEqual([]);
  });
});
