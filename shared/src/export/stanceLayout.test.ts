import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../model/types.ts';
import { readTtfFonts, tinyAnalysis } from '../testing/export.ts';
import { layoutExport } from './layout.ts';
import { renderAnalysisPdf } from './renderPdf.ts';
import { renderAnalysisSvg } from './renderSvg.ts';
import { ACTOR_COLOURS, linkStancesAt } from './stanceLayout.ts';
import { LINK } from './theme.ts';

const AT = new Date('2025-03-12T13:05:00Z');

/** Mother recognises a and b and the link a → b; the professional does not recognise b. */
function marked(): Analysis {
  return tinyAnalysis({
    actors: [
      { id: 'p1', name: 'Moeder', role: 'parent', factors: [] },
      { id: 'p2', name: 'Gezinsvoogd', role: 'professional', factors: [] },
    ],
    stances: [
      { actor: 'p1', on: 'a', stance: 'recognise' },
      { actor: 'p1', on: 'b', stance: 'recognise' },
      { actor: 'p2', on: 'b', stance: 'not-recognise' },
      { actor: 'p2', on: 'a', stance: 'recognise' },
      { actor: 'p1', on: 'l1', stance: 'doubt' },
    ],
  });
}

const texts = (shapes: readonly { type: string; text?: string }[]) => shapes.flatMap((s) => (s.type === 'text' ? [s.text!] : []));
const markRects = (shapes: readonly { type: string; stroke?: string }[], colour: string) =>
  shapes.filter((s) => s.type === 'rect' && s.stroke === colour);

describe('stances in the export', () => {
  it('prints the headline and the key under the title, and a mark per person on each factor and link', () => {
    const layout = layoutExport(marked(), { exportedAt: AT });
    const header = texts(layout.header).join(' ');
    expect(header).toContain('Gedeeld door iedereen: 1 van 3 factoren, 0 van 3 verbanden');
    expect(header).toContain('M = Moeder, G = Gezinsvoogd');
    const box = (id: string) => layout.boxes.find((b) => b.factorId === id)!;
    const [mother, professional] = [ACTOR_COLOURS[0], ACTOR_COLOURS[1]];
    expect(markRects(box('a').shapes, mother)).toHaveLength(1);
    expect(markRects(box('a').shapes, professional)).toHaveLength(1);
    // Not recognised: a square mark; each mark carries the initial.
    expect(markRects(box('b').shapes, professional)).toEqual([expect.objectContaining({ radius: 2 })]);
    expect(texts(box('b').shapes)).toEqual(expect.arrayContaining(['M', 'G']));
    expect(markRects(box('c').shapes, mother)).toHaveLength(0);
    const link = layout.links.find((l) => l.linkId === 'l1')!;
    expect(markRects(link.shapes, mother)).toEqual([expect.objectContaining({ dash: [3, 2] })]);
  });

  it('leaves them out with stances: false, exactly as an analysis nobody marked', () => {
    const without = layoutExport(marked(), { exportedAt: AT, stances: false });
    const unmarked = layoutExport({ ...marked(), stances: [] }, { exportedAt: AT });
    expect(without).toEqual(unmarked);
    expect(texts(without.header).join(' ')).not.toContain('Gedeeld');
  });

  it('in English too', () => {
    const layout = layoutExport(marked(), { exportedAt: AT, language: 'en' });
    expect(texts(layout.header).join(' ')).toContain('Shared by everyone: 1 of 3 factors, 0 of 3 connections');
  });

  it('draws them in the SVG and the PDF (the symbols are lines, which the font need not have)', async () => {
    const { svg } = renderAnalysisSvg(marked(), { exportedAt: AT });
    expect(svg).toContain(`stroke="${ACTOR_COLOURS[1]}"`);
    expect(svg).toContain('Gedeeld door iedereen');
    const doc = await PDFDocument.load(await renderAnalysisPdf(marked(), { fonts: readTtfFonts(), exportedAt: AT }));
    expect(doc.getPageCount()).toBe(1);
  });
});

describe('where a link’s stance marks stand', () => {
  it('at 40 % of a long line, and beside a short one, clear of the +/− mark', () => {
    expect(linkStancesAt({ x: 0, y: 0 }, { x: 400, y: 0 })).toEqual({ x: 160, y: 0 });
    for (const e of [
      { x: 60, y: 0 },
      { x: -60, y: 0 },
      { x: 0, y: 60 },
      { x: 40, y: 40 },
    ]) {
      const at = linkStancesAt({ x: 0, y: 0 }, e);
      const mark = { x: e.x * LINK.markAt, y: e.y * LINK.markAt };
      expect(Math.hypot(at.x - mark.x, at.y - mark.y), JSON.stringify(e)).toBeGreaterThan(24);
      // Beside a line that is not upright: above it.
      if (e.x !== 0) expect(at.y).toBeLessThan(e.y * 0.4 - 1);
    }
  });
});
