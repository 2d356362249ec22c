/**
 * Rendering an export in the browser, always of the whole analysis: the shared renderer's SVG (with our own fonts
 * embedded), for the PNG drawn into a canvas at the chosen scale and given the analysis file in a text chunk; the
 * PDF from the shared renderer, loaded only when asked for. Part of the export dialog's lazy chunk.
 */
import type { ExportLayout, ExportOptions } from '@samenzicht/shared/export/layout';
import { embedAnalysisInPng } from '@samenzicht/shared/export/pngText';
import type { Paper } from '@samenzicht/shared/export/renderPdf';
import { renderAnalysisSvg, renderLayoutSvg } from '@samenzicht/shared/export/renderSvg';
import { renderReportSvg } from '@samenzicht/shared/export/report/reportSvg';
import { COLOURS } from '@samenzicht/shared/export/theme';
import type { Analysis } from '@samenzicht/shared/model/types';
import { toAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { loadTtfFonts, loadWebFaces } from './exportFonts.ts';
import { exportFileName, planPngSize, reportFileName, type ExportFormat, type PngSize, type ReportAs } from './exportPlan.ts';

export type RenderFormat = Exclude<ExportFormat, 'file'>;

/** The steps a person sees in the progress bar. */
export type ExportStep = 'fonts' | 'drawing' | 'encoding' | 'saving';

export const STEPS: Record<RenderFormat, readonly ExportStep[]> = {
  png: ['fonts', 'drawing', 'encoding', 'saving'],
  svg: ['fonts', 'drawing', 'saving'],
  pdf: ['fonts', 'drawing', 'saving'],
  report: ['fonts', 'drawing', 'encoding', 'saving'],
};

export interface RenderRequest {
  readonly format: RenderFormat;
  /** PNG: 1–4. */
  readonly scale: number;
  /** PDF: A4 or A3 (landscape). */
  readonly paper: Paper;
  /** The report: a PDF, or one PNG of all its pages. */
  readonly reportAs?: ReportAs;
  readonly options: ExportOptions;
}

export interface RenderResult {
  readonly blob: Blob;
  readonly fileName: string;
  /** PNG only: the size made, and whether it was scaled down. */
  readonly png?: PngSize;
}

/** Why an export failed, for the sentence a person reads. */
export type RenderFailure = 'canvas' | 'fonts' | 'other';

export class RenderError extends Error {
  constructor(
    readonly reason: RenderFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Lets the progress bar paint before the next heavy step (a timer as well: frames stop in a hidden tab). */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

/** The SVG as an image the canvas can draw. Under the CSP it is a blob: URL (img-src allows blob:). */
async function loadSvgImage(svg: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

async function drawPng(analysis: Analysis, svg: string, size: PngSize, step: (s: ExportStep) => Promise<void>): Promise<Uint8Array> {
  const image = await loadSvgImage(svg);
  const canvas = document.createElement('canvas');
  try {
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d', { alpha: false });
    if (!context) throw new RenderError('canvas', 'no 2d context');
    context.fillStyle = COLOURS.page;
    context.fillRect(0, 0, size.width, size.height);
    // Drawn at the target size, so the vector picture is rasterised sharp at that size (not an upscaled bitmap).
    context.drawImage(image, 0, 0, size.width, size.height);
    await step('encoding');
    const blob = await toBlob(canvas);
    // A browser that cannot hold the canvas (memory) gives no blob rather than an error.
    if (!blob) throw new RenderError('canvas', `no PNG from a ${size.width} × ${size.height} canvas`);
    await step('saving');
    return embedAnalysisInPng(new Uint8Array(await blob.arrayBuffer()), toAnalysisFile(analysis));
  } finally {
    // Frees the pixels at once instead of at the next garbage collection.
    canvas.width = 0;
    canvas.height = 0;
  }
}

/**
 * Renders `analysis` as `request.format`. `onStep` is told each step before it starts; `signal` cancels between
 * steps. Throws RenderError (or the signal's reason).
 */
export async function renderExport(
  analysis: Analysis,
  request: RenderRequest,
  onStep: (step: ExportStep) => void,
  signal?: AbortSignal,
): Promise<RenderResult> {
  const step = async (s: ExportStep) => {
    signal?.throwIfAborted();
    onStep(s);
    await nextPaint();
    signal?.throwIfAborted();
  };
  const at = request.options.exportedAt ?? new Date();
  const reportAs = request.reportAs ?? 'pdf';
  const fileName =
    request.format === 'report'
      ? reportFileName(analysis.title, at, reportAs, request.options.language ?? 'nl')
      : exportFileName(analysis.title, at, request.format);
  await step('fonts');
  switch (request.format) {
    case 'report': {
      // The browser's own time zone is printed on every page (the default of the report's layout).
      const report = { ...request.options, paper: request.paper };
      if (reportAs === 'pdf') {
        const [{ renderReportPdf }, fonts] = await Promise.all([
          import('@samenzicht/shared/export/report/reportPdf'),
          loadFonts(loadTtfFonts),
        ]);
        await step('drawing');
        const pdf = await renderReportPdf(analysis, { ...report, fonts });
        await step('saving');
        return { blob: new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), fileName };
      }
      const fontFaces = await loadFonts(loadWebFaces);
      await step('drawing');
      const { svg, width, height } = renderReportSvg(analysis, { ...report, fontFaces });
      const size = planPngSize(width, height, request.scale);
      const png = await drawPng(analysis, svg, size, step);
      return { blob: new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), fileName, png: size };
    }
    case 'png': {
      const fontFaces = await loadFonts(loadWebFaces);
      await step('drawing');
      const { svg, width, height } = renderAnalysisSvg(analysis, { ...request.options, fontFaces });
      const size = planPngSize(width, height, request.scale);
      const png = await drawPng(analysis, svg, size, step);
      return { blob: new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), fileName, png: size };
    }
    case 'svg': {
      const fontFaces = await loadFonts(loadWebFaces);
      await step('drawing');
      const { svg } = renderAnalysisSvg(analysis, { ...request.options, fontFaces });
      await step('saving');
      return { blob: new Blob([svg], { type: 'image/svg+xml' }), fileName };
    }
    case 'pdf': {
      // pdf-lib and fontkit are large: their own chunk, fetched on the first PDF export only.
      const [{ renderAnalysisPdf }, fonts] = await Promise.all([import('@samenzicht/shared/export/renderPdf'), loadFonts(loadTtfFonts)]);
      await step('drawing');
      const pdf = await renderAnalysisPdf(analysis, { ...request.options, paper: request.paper, fonts });
      await step('saving');
      return { blob: new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), fileName };
    }
  }
}

/**
 * Renders a finished layout (the compare overlay, shared/src/export/compareLayout.ts) as PNG or PDF; the PNG carries
 * `analysis` (the newer side) like every exported PNG.
 */
export async function renderLayoutExport(
  layout: ExportLayout,
  analysis: Analysis,
  format: 'png' | 'pdf',
  fileName: string,
  options: { readonly scale?: number; readonly paper?: Paper; readonly language?: ExportOptions['language'] } = {},
): Promise<RenderResult> {
  const none = async () => undefined;
  if (format === 'png') {
    const fontFaces = await loadFonts(loadWebFaces);
    const svg = renderLayoutSvg(layout, fontFaces);
    const size = planPngSize(layout.width, layout.height, options.scale ?? 2);
    const png = await drawPng(analysis, svg, size, none);
    return { blob: new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), fileName, png: size };
  }
  const [{ renderLayoutPdf }, fonts] = await Promise.all([import('@samenzicht/shared/export/renderPdf'), loadFonts(loadTtfFonts)]);
  const pdf = await renderLayoutPdf(layout, layout.title, { paper: options.paper ?? 'A4', fonts, language: options.language ?? 'nl' });
  return { blob: new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), fileName };
}

async function loadFonts<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new RenderError('fonts', String(error));
  }
}

/** Lets the browser save `blob` as `fileName` (as exportFile.ts does for the analysis file). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
