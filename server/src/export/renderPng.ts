/**
 * Analysis → PNG on the server: the export SVG rasterised by resvg (with our TTFs, no system fonts), then the
 * analysis file embedded in an iTXt chunk. Large pictures are scaled down to what a browser canvas can hold
 * (16,384 px a side, 268 million pixels), and the caller is told.
 */
import { renderAsync } from '@resvg/resvg-js';
import type { Analysis } from '../../../shared/src/model/types.ts';
import { embedAnalysisInPng } from '../../../shared/src/export/pngText.ts';
import { renderAnalysisSvg, type SvgOptions } from '../../../shared/src/export/renderSvg.ts';
import { toAnalysisFile } from '../../../shared/src/schema/parseAnalysisFile.ts';
import { FONT_FAMILY } from '../../../shared/src/export/theme.ts';
import { encodeOpaquePng } from './encodePng.ts';
import { TTF_PATHS } from './exportFonts.ts';
import { glyphOutlines } from './glyphOutlines.ts';

export const PNG_LIMITS = { maxSide: 16_384, maxPixels: 268_435_456, minScale: 1, maxScale: 4 } as const;

export interface PngOptions extends Omit<SvgOptions, 'fontFaces'> {
  /** 1–4; default 2. */
  readonly scale?: number;
}

export interface RenderedPng {
  readonly png: Uint8Array;
  /** True when the picture was made smaller than asked, to stay within the limits. */
  readonly scaled: boolean;
  /** The scale used. */
  readonly scale: number;
  readonly width: number;
  readonly height: number;
}

/** The largest scale ≤ `wanted` at which a `width` × `height` picture stays within PNG_LIMITS. */
export function fitScale(width: number, height: number, wanted: number): number {
  const limit = Math.min(
    PNG_LIMITS.maxSide / width,
    PNG_LIMITS.maxSide / height,
    Math.sqrt(PNG_LIMITS.maxPixels / (width * height)),
  );
  if (wanted <= limit) return wanted;
  // Round down a little so rounding up of the pixel size cannot cross a limit.
  return Math.floor(limit * 1000) / 1000;
}

/** Renders the analysis as a PNG at `scale` (clamped to 1–4, then to the limits) carrying the analysis file. */
export async function renderAnalysisPng(analysis: Analysis, options: PngOptions = {}): Promise<RenderedPng> {
  const wanted = Math.min(PNG_LIMITS.maxScale, Math.max(PNG_LIMITS.minScale, options.scale ?? 2));
  const { svg, width, height } = renderAnalysisSvg(analysis, { ...options, glyphs: glyphOutlines() });
  const scale = fitScale(width, height, wanted);
  // renderAsync rasterises on libuv's thread pool: a large export does not stall the sync connections.
  const rendered = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: false, fontFiles: [TTF_PATHS[400], TTF_PATHS[700]], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    background: '#ffffff',
    logLevel: 'off',
  });
  const pixels = rendered.pixels;
  const encoded = await encodeOpaquePng(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength), rendered.width, rendered.height);
  const png = embedAnalysisInPng(encoded, toAnalysisFile(analysis));
  return { png, scaled: scale < wanted, scale, width: rendered.width, height: rendered.height };
}
