import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderAnalysisSvg } from '@samenzicht/shared/export/renderSvg';
import { readExamples } from '@samenzicht/shared/testing/export';
import { inflateSync } from 'node:zlib';
import { combineAdler32, compressRows, encodeOpaquePng } from './encodePng.ts';
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

  it('writes a large picture compressed in pieces as one valid zlib stream that decodes to the same pixels', async () => {
    // 4,200 × 4,200 px: ~70.6 MB of rows, so two pieces joined (zlib checks the combined Adler-32 when inflating).
    const width = 4_200;
    const height = 4_200;
    const rgba = new Uint8Array(width * height * 4).fill(255);
    let seed = 7;
    for (let i = 0; i < rgba.length; i += 4) {
      if (i % 97 !== 0 && (i >> 12) % 3 !== 0) continue;
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      rgba[i] = seed & 255;
      rgba[i + 1] = (seed >>> 8) & 255;
      rgba[i + 2] = (seed >>> 16) & 255;
    }
    const png = Buffer.from(await encodeOpaquePng(rgba, width, height));
    const decoded = PNG.sync.read(png);
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(Buffer.compare(decoded.data, Buffer.from(rgba))).toBe(0);
    // One IDAT whose zlib stream inflates (checksum verified) to every row with its filter byte.
    const idat = png.indexOf('IDAT');
    const length = png.readUInt32BE(idat - 4);
    expect(inflateSync(png.subarray(idat + 4, idat + 4 + length)).length).toBe((width * 4 + 1) * height);
    // It was made of pieces joined, not the fallback in one piece.
    const { zlib, pieces } = await compressRows(rgba, width, height);
    expect(pieces).toBe(2);
    expect(Buffer.compare(Buffer.from(zlib), png.subarray(idat + 4, idat + 4 + length))).toBe(0);
    expect((await compressRows(rgba.subarray(0, width * 100 * 4), width, 100)).pieces).toBe(1);
  });

  it('combines Adler-32 checksums as zlib does', () => {
    const adler = (bytes: Uint8Array) => {
      let a = 1;
      let b = 0;
      for (const byte of bytes) {
        a = (a + byte) % 65_521;
        b = (b + a) % 65_521;
      }
      return ((b << 16) | a) >>> 0;
    };
    const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31 + (i >> 7)) & 255);
    for (const cut of [0, 1, 65_521, 123_457, 200_000]) {
      expect(combineAdler32(adler(bytes.subarray(0, cut)), adler(bytes.subarray(cut)), bytes.length - cut)).toBe(adler(bytes));
    }
  });

  it('refuses a buffer of the wrong size', async () => {
    await expect(encodeOpaquePng(new Uint8Array(7), 2, 2)).rejects.toThrow(/does not match/);
  });
});

describe('text as glyph outlines', () => {
  it('rasterises like the same text set by resvg', () => {
    const { analysis } = readExamples().find((e) => e.name.startsWith('small'))!;
    const options = { showActors: true, exportedAt: new Date('2025-03-12T13:05:00Z') };
    const [asText, asPaths] = [
      renderAnalysisSvg(analysis, options).svg,
      renderAnalysisSvg(analysis, { ...options, glyphs: glyphOutlines() }).svg,
    ].map((svg) => new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: FONT }).render());
    expect(asPaths!.width).toBe(asText!.width);
    const a = asText!.pixels;
    const b = asPaths!.pixels;
    let differing = 0;
    for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i]! - b[i]!) > 80) differing++;
    expect(differing / (a.length / 4)).toBeLessThan(0.001);
    expect(asPaths!.width * asPaths!.height).toBeGreaterThan(0);
  });
});
