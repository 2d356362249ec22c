import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderAnalysisSvg } from '../../../shared/src/export/renderSvg.ts';
import { readExamples } from '../../../shared/src/export/testing.ts';
import { encodeOpaquePng } from './encodePng.ts';
import { TTF_PATHS } from './exportFonts.ts';
import { glyphOutlines } from './glyphOutlines.ts';

const FONT = { loadSystemFonts: false, fontFiles: [TTF_PATHS[400], TTF_PATHS[700]], defaultFontFamily: 'Atkinson Hyperlegible' };

describe('encodeOpaquePng', () => {
  it('writes a PNG that decodes to the same pixels', async () => {
    const width = 37;
    const height = 5;
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < rgba.length; i++) rgba[i] = i % 4 === 3 ? 255 : (i * 7919) % 256;
    const decoded = PNG.sync.read(Buffer.from(await encodeOpaquePng(rgba, width, height)));
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(new Uint8Array(decoded.data)).toEqual(rgba);
  });

  it('refuses a buffer of the wrong size', async () => {
    await expect(encodeOpaquePng(new Uint8Array(7), 2, 2)).rejects.toThrow(/does not match/);
  });
});

describe('text as glyph outlines', () => {
  it('rasterises like the same text set by resvg', () => {
    const { analysis } = readExamples().find((e) => e.name.startsWith('small'))!;
    const options = { showActors: true, exportedAt: new Date('2025-03-12T13:05:00Z') };
    const [asText, asPaths] = [renderAnalysisSvg(analysis, options).svg, renderAnalysisSvg(analysis, { ...options, glyphs: glyphOutlines() }).svg].map(
      (svg) => new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: FONT }).render(),
    );
    expect(asPaths!.width).toBe(asText!.width);
    const a = asText!.pixels;
    const b = asPaths!.pixels;
    let differing = 0;
    for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i]! - b[i]!) > 80) differing++;
    expect(differing / (a.length / 4)).toBeLessThan(0.001);
    expect(asPaths!.width * asPaths!.height).toBeGreaterThan(0);
  });
});
