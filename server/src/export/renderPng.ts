/**
 * Analysis → PNG on the server: the export SVG rasterised by resvg (with our TTFs, no system fonts), then the
 * analysis file embedded in an iTXt chunk. Large pictures are scaled down to what a browser canvas can hold
 * (16,384 px a side, 268 million pixels), and the caller is told.
 */
import { renderAsync } from '@resvg/resvg-js';
import type { Analysis } from '@samenzicht/shared/model/types';
import { clampScale, fitScale } from '@samenzicht/shared/export/canvasLimits';
import { embedAnalysisInPng } from '@samenzicht/shared/export/pngText';
import { renderAnalysisSvg, type SvgOptions } from '@samenzicht/shared/export/renderSvg';
import { renderReportSvg, type ReportSvgOptions } from '@samenzicht/shared/export/report/reportSvg';
import { toAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { FONT_FAMILY } from '@samenzicht/shared/export/theme';
import { encodeOpaquePng } from './encodePng.ts';
import { TTF_PATHS } from './exportFonts.ts';
import { glyphOutlines } from './glyphOutlines.ts';

export { PNG_LIMITS, fitScale } from '@samenzicht/shared/export/canvasLimits';

export interface PngOptions extends Omit<SvgOptions, 'fontFaces'> {
  /** 1–4; default PNG_LIMITS.defaultScale (2). */
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
  /** Where the time went (ms): building the SVG, rasterising it, encoding the PNG with the analysis in it. */
  readonly phases: { readonly svgMs: number; readonly rasterMs: number; readonly encodeMs: number };
}

/** Renders the analysis as a PNG at `scale` (clamped to 1–4, then to the limits) carrying the analysis file. */
export async function renderAnalysisPng(analysis: Analysis, options: PngOptions = {}): Promise<RenderedPng> {
  const started = performance.now();
  const { svg, width, height } = renderAnalysisSvg(analysis, { ...options, glyphs: glyphOutlines() });
  return rasteriseSvg(analysis, svg, width, height, options.scale, started);
}

/**
 * The case-file report as one PNG: all its pages under each other (renderReport.ts), carrying the analysis file
 * like every PNG export.
 */
export async function renderReportPng(
  analysis: Analysis,
  options: Omit<ReportSvgOptions, 'glyphs' | 'fontFaces'> & { scale?: number },
): Promise<RenderedPng> {
  const started = performance.now();
  const { svg, width, height } = renderReportSvg(analysis, { ...options, glyphs: glyphOutlines() });
  return rasteriseSvg(analysis, svg, width, height, options.scale, started);
}

/** An SVG of `width` × `height` CSS px as a PNG at `scale` (clamped, then fitted to the limits), with the analysis in it. */
async function rasteriseSvg(
  analysis: Analysis,
  svg: string,
  width: number,
  height: number,
  wantedScale: number | undefined,
  started: number,
): Promise<RenderedPng> {
  const wanted = clampScale(wantedScale);
  const svgDone = performance.now();
  const scale = fitScale(width, height, wanted);
  // renderAsync rasterises on libuv's thread pool: a large export does not stall the sync connections.
  const rendered = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: false,
      fontFiles: [TTF_PATHS[400], TTF_PATHS[700]],
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    background: '#ffffff',
    logLevel: 'off',
  });
  const rasterDone = performance.now();
  // The getter copies the pixels out of resvg (tens of ms for a large picture): read it once.
  const pixels = rendered.pixels;
  const encoded = await encodeOpaquePng(
    new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength),
    rendered.width,
    rendered.height,
  );
  const png = embedAnalysisInPng(encoded, toAnalysisFile(analysis));
  const phases = { svgMs: svgDone - started, rasterMs: rasterDone - svgDone, encodeMs: performance.now() - rasterDone };
  return { png, scaled: scale < wanted, scale, width: rendered.width, height: rendered.height, phases };
}
