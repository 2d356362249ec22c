import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PAPER_SIZES, renderAnalysisPdf } from './renderPdf.ts';
import { readExamples, readTtfFonts, tinyAnalysis } from '../testing/export.ts';

const fonts = readTtfFonts();
const AT = new Date('2025-03-12T13:05:00Z');

describe('renderAnalysisPdf', () => {
  it.each(['A4', 'A3'] as const)('makes one landscape %s page', async (paper) => {
    const bytes = await renderAnalysisPdf(tinyAnalysis(), { paper, fonts, exportedAt: AT });
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeCloseTo(PAPER_SIZES[paper].width, 1);
    expect(height).toBeCloseTo(PAPER_SIZES[paper].height, 1);
    expect(width).toBeGreaterThan(height);
    expect(doc.getTitle()).toBe('Gezin Test');
  });

  it.each(readExamples())('renders $name on one A4 page', async ({ analysis }) => {
    const doc = await PDFDocument.load(await renderAnalysisPdf(analysis, { fonts, exportedAt: AT, showActors: true }));
    expect(doc.getPageCount()).toBe(1);
  });

  it('embeds the font (a subset), so no viewer needs it installed', async () => {
    const doc = await PDFDocument.load(await renderAnalysisPdf(tinyAnalysis(), { fonts, exportedAt: AT }));
    const descriptors = doc.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'));
    expect(descriptors).toHaveLength(2);
    for (const descriptor of descriptors) {
      expect(descriptor.get(PDFName.of('FontFile2'))).toBeDefined();
      expect(String(descriptor.get(PDFName.of('FontName')))).toMatch(/AtkinsonHyperlegible/);
    }
  });
});
