import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { extractAnalysisFromPng } from '../../../shared/src/export/pngText.ts';
import { layoutExport, type ExportLayout, type LinkLayout } from '../../../shared/src/export/layout.ts';
import { readExamples, tinyAnalysis } from '../../../shared/src/export/testing.ts';
import { LINK } from '../../../shared/src/export/theme.ts';
import type { Analysis } from '../../../shared/src/model/types.ts';
import { parseAnalysisFile } from '../../../shared/src/schema/parseAnalysisFile.ts';
import { PNG_LIMITS, fitScale, renderAnalysisPng } from './renderPng.ts';

const AT = new Date('2025-03-12T13:05:00Z');

function hexToRgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** Is any pixel within `radius` px of (x, y) close to `colour`? */
function hasColourNear(png: PNG, x: number, y: number, colour: string, radius: number): boolean {
  const [r, g, b] = hexToRgb(colour);
  for (let py = Math.round(y) - radius; py <= Math.round(y) + radius; py++) {
    for (let px = Math.round(x) - radius; px <= Math.round(x) + radius; px++) {
      if (px < 0 || py < 0 || px >= png.width || py >= png.height) continue;
      const i = (py * png.width + px) * 4;
      const d = Math.abs(png.data[i]! - r) + Math.abs(png.data[i + 1]! - g) + Math.abs(png.data[i + 2]! - b);
      if (d <= 45) return true;
    }
  }
  return false;
}

function distanceToSegment(p: { x: number; y: number }, s: LinkLayout['segments'][number]): number {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const t = Math.max(0, Math.min(1, ((p.x - s.x1) * dx + (p.y - s.y1) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(p.x - (s.x1 + t * dx), p.y - (s.y1 + t * dy));
}

/**
 * A point on the segment, as near its middle as possible, that nothing else covers: no box, no mark, no arrowhead
 * and no other link. Null when there is none (the line is hidden everywhere, which happens where boxes crowd).
 */
function visiblePointOf(layout: ExportLayout, link: LinkLayout, segment: LinkLayout['segments'][number]): { x: number; y: number } | null {
  const others = layout.links.filter((l) => l !== link);
  for (const t of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85, 0.1, 0.9]) {
    const p = { x: segment.x1 + (segment.x2 - segment.x1) * t, y: segment.y1 + (segment.y2 - segment.y1) * t };
    const inBox = layout.boxes.some((b) => p.x > b.x - 3 && p.x < b.x + b.width + 3 && p.y > b.y - 3 && p.y < b.y + b.height + 3);
    const nearMark = layout.links.some((l) => Math.hypot(l.mark.x - p.x, l.mark.y - p.y) < LINK.markRadius + 3);
    const nearOther = others.some(
      (l) =>
        l.segments.some((s) => distanceToSegment(p, s) < 5) ||
        l.shapes.some((s) => s.type === 'polygon' && s.points.some((q) => Math.hypot(q.x - p.x, q.y - p.y) < LINK.arrowLength + 4)),
    );
    if (!inBox && !nearMark && !nearOther) return p;
  }
  return null;
}

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
    let checked = 0;
    const missing: string[] = [];
    for (const link of layout.links) {
      for (const segment of link.segments) {
        const p = visiblePointOf(layout, link, segment);
        if (!p) continue;
        checked++;
        if (!hasColourNear(decoded, p.x * scale, p.y * scale, link.colour, 2)) missing.push(`${link.linkId} at ${p.x},${p.y}`);
      }
    }
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
