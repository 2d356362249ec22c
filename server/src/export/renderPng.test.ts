import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { extractAnalysisFromPng } from '@samenzicht/shared/export/pngText';
import { layoutExport } from '@samenzicht/shared/export/layout';
import { checkLinkPixels } from '@samenzicht/shared/testing/pngPixels';
import { readExamples, tinyAnalysis } from '@samenzicht/shared/testing/export';
import type { Analysis } from '@samenzicht/shared/model/types';
import { parseAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { PNG_LIMITS, fitScale, renderAnalysisPng } from './renderPng.ts';

const AT = new Date('2025-03-12T13:05:00Z');

describe.each(readExamples())('the PNG of $name', ({ name, analysis }) => {
  // The large example at scale 1 keeps the test quick; the others at 2.
  const scale = analysis.factors.length > 100 ? 1 : 2;
  const options = { exportedAt: AT, showActors: true };
  const rendered = renderAnalysisPng(analysis, { ...options, scale });
  const layout = layoutExport(analysis, options);

  it('decodes to the layout size times the scale', async () => {
    const { png, scaled, width, height } = await rendered;
    const decoded = PNG.sync.read(Buffer.from(png));
    expect([decoded.width, decoded.height]).toEqual([layout.width * scale, layout.height * scale]);
    expect([width, height]).toEqual([decoded.width, decoded.height]);
    expect(scaled).toBe(false);
  });

  it('shows every link in its colour along its line', async () => {
    const decoded = PNG.sync.read(Buffer.from((await rendered).png));
    const { checked, missing } = checkLinkPixels(decoded, layout, scale);
    expect(missing, name).toEqual([]);
    // Most links have a stretch that nothing covers; the check must not pass by skipping everything.
    expect(checked).toBeGreaterThanOrEqual(Math.floor(layout.links.length * 0.66));
  });

  it('carries the analysis, which reads back equal', async () => {
    const file = extractAnalysisFromPng((await rendered).png);
    const parsed = parseAnalysisFile(file);
    expect(parsed.ok && parsed.value).toEqual(analysis);
  });
});

describe('renderAnalysisPng', () => {
  it('draws the label text in ink', async () => {
    const { png } = await renderAnalysisPng(tinyAnalysis(), { exportedAt: AT, scale: 1 });
    const decoded = PNG.sync.read(Buffer.from(png));
    const layout = layoutExport(tinyAnalysis(), { exportedAt: AT });
    const box = layout.boxes[0]!;
    const text = box.shapes.find((s) => s.type === 'text' && s.text === 'Schulden')!;
    if (text.type !== 'text') throw new Error('no text');
    // Somewhere on the word's baseline band there are dark pixels: the font was found and used.
    let dark = 0;
    for (let x = Math.floor(text.x); x < text.x + text.width; x++) {
      for (let y = Math.floor(text.y - 10); y < text.y; y++) {
        const i = (y * decoded.width + x) * 4;
        if (decoded.data[i]! < 100 && decoded.data[i + 1]! < 100) dark++;
      }
    }
    expect(dark).toBeGreaterThan(30);
  });

  it('clamps the scale to 1–4', async () => {
    const small = await renderAnalysisPng(tinyAnalysis(), { exportedAt: AT, scale: 9 });
    expect(small.scale).toBe(4);
    expect(small.scaled).toBe(false);
  });

  it('scales a picture down to the canvas limits, and says so', async () => {
    const wide: Analysis = tinyAnalysis({
      factors: tinyAnalysis().factors.map((f, i) => ({ ...f, position: { x: i * 3000, y: 0 } })),
    });
    const result = await renderAnalysisPng(wide, { exportedAt: AT, scale: 4 });
    expect(result.scaled).toBe(true);
    expect(result.width).toBeLessThanOrEqual(PNG_LIMITS.maxSide);
    expect(result.scale).toBeLessThan(4);
    const decoded = PNG.sync.read(Buffer.from(result.png));
    expect(decoded.width).toBe(result.width);
  });
});

describe('fitScale', () => {
  it('keeps the wanted scale when it fits', () => {
    expect(fitScale(1000, 800, 4)).toBe(4);
  });
  it('keeps each side within 16,384 px and the whole within 268 million pixels', () => {
    expect(fitScale(8000, 100, 4) * 8000).toBeLessThanOrEqual(PNG_LIMITS.maxSide);
    const s = fitScale(10_000, 10_000, 4);
    expect(Math.ceil(10_000 * s) ** 2).toBeLessThanOrEqual(PNG_LIMITS.maxPixels);
  });
});
