import { describe, expect, it } from 'vitest';
import { analysePatterns } from '../graph/patterns.ts';
import { readExamples, tinyAnalysis } from '../testing/export.ts';
import { contrastRatio, mix, quieten, relativeLuminance } from './contrast.ts';
import { layoutExport, type ExportLayout } from './layout.ts';
import type { Shape } from './shapes.ts';
import { COLOURS, HIGHLIGHT, KIND_COLOURS, KIND_TEXT_COLOURS, POLARITY_COLOURS } from './theme.ts';

const AT = new Date('2025-03-12T13:05:00Z');

function colours(shapes: readonly Shape[]): { text: string[]; other: string[] } {
  const text: string[] = [];
  const other: string[] = [];
  for (const s of shapes) {
    if (s.type === 'text') text.push(s.fill);
    else if (s.type === 'icon') other.push(s.colour);
    else if (s.type === 'line') other.push(s.stroke);
    else if (s.type === 'polygon') other.push(s.fill);
    else if (s.stroke) other.push(s.stroke);
  }
  return { text, other };
}

function quietShapesOf(layout: ExportLayout): Shape[] {
  return [...layout.boxes.filter((b) => b.faded).flatMap((b) => b.shapes), ...layout.links.filter((l) => l.faded).flatMap((l) => l.shapes)];
}

describe('contrast', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // The WCAG example grey #767676 is the lightest grey with 4.5:1 on white.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 5);
  });

  it('quietens a colour to just above the floor, and never darkens one already below it', () => {
    const quiet = quieten(COLOURS.ink, 4.6, 0.9);
    expect(contrastRatio(quiet, '#ffffff')).toBeGreaterThanOrEqual(4.6);
    expect(contrastRatio(quiet, '#ffffff')).toBeLessThan(4.8);
    expect(quieten('#eeeeee', 4.6, 0.9)).toBe('#eeeeee');
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
  });
});

describe('a highlighted loop in an export', () => {
  it('keeps every quiet text at ≥ 4.5:1 and every quiet line at ≥ 3:1 against white', () => {
    for (const { analysis } of [{ analysis: tinyAnalysis() }, ...readExamples()]) {
      const loops = analysePatterns(analysis).loops.slice(0, 2);
      const layout = layoutExport(analysis, { exportedAt: AT, highlightLoops: loops, showActors: true });
      const quiet = colours(quietShapesOf(layout));
      expect(quiet.text.length).toBeGreaterThan(0);
      for (const c of quiet.text) expect(contrastRatio(c, COLOURS.page), c).toBeGreaterThanOrEqual(4.5);
      for (const c of quiet.other) expect(contrastRatio(c, COLOURS.page), c).toBeGreaterThanOrEqual(3);
    }
  });

  it('is still quieter than before: the dimmed colours are lighter than the originals', () => {
    const analysis = tinyAnalysis();
    const loop = analysePatterns(analysis).loops[0]!;
    const layout = layoutExport(analysis, { exportedAt: AT, highlightLoops: [loop] });
    const c = layout.boxes.find((b) => b.factorId === 'c')!;
    const label = c.shapes.find((s) => s.type === 'text' && s.text === 'Steunende zus');
    expect(label?.type === 'text' && relativeLuminance(label.fill)).toBeGreaterThan(relativeLuminance(COLOURS.ink));
    const l3 = layout.links.find((l) => l.linkId === 'l3')!;
    const line = l3.shapes.find((s) => s.type === 'line');
    expect(line?.type === 'line' && relativeLuminance(line.stroke)).toBeGreaterThan(relativeLuminance(POLARITY_COLOURS['-']));
    // The kinds' own colours are untouched where nothing is highlighted.
    const plain = layoutExport(analysis, { exportedAt: AT });
    expect(colours(plain.boxes.find((b) => b.factorId === 'c')!.shapes).other).toContain(KIND_COLOURS.protective);
    expect(colours(plain.boxes.find((b) => b.factorId === 'c')!.shapes).text).toContain(KIND_TEXT_COLOURS.protective);
  });

  it('draws the loop darker, outlines its factors and numbers it', () => {
    const analysis = tinyAnalysis();
    const loop = analysePatterns(analysis).loops[0]!;
    const layout = layoutExport(analysis, { exportedAt: AT, highlightLoops: [loop] });
    const l1 = layout.links.find((l) => l.linkId === 'l1')!;
    const line = l1.shapes.find((s) => s.type === 'line');
    expect(line?.type === 'line' && line.strokeWidth).toBeGreaterThan(2);
    expect(line?.type === 'line' && relativeLuminance(line.stroke)).toBeLessThan(relativeLuminance(POLARITY_COLOURS['+']));
    const outlines = layout.highlights.filter((s) => s.type === 'rect' && s.stroke === COLOURS.ink);
    expect(outlines).toHaveLength(2);
    const number = layout.highlights.find((s) => s.type === 'text');
    expect(number?.type === 'text' && number.text).toBe(loop.id);
    expect(number?.type === 'text' && number.style.size).toBe(HIGHLIGHT.badgeText.size);
    // The number sits on no factor.
    const badge = layout.highlights.find((s) => s.type === 'rect' && s.fill === COLOURS.ink)!;
    if (badge.type !== 'rect') throw new Error('no badge');
    for (const box of layout.boxes) {
      const apart =
        badge.x >= box.x + box.width || box.x >= badge.x + badge.width || badge.y >= box.y + box.height || box.y >= badge.y + badge.height;
      expect(apart, box.factorId).toBe(true);
    }
  });
});
