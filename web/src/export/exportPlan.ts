/**
 * The pure part of exporting in the browser: how large a PNG may be and what the file is called (both from
 * shared/src/export, as the server's), which loops are highlighted. Nothing here draws or downloads
 * (renderInBrowser.ts does), so it is tested without a browser.
 */
import type { HighlightLoop } from '@samenzicht/shared/export/layout';
import type { Loop } from '@samenzicht/shared/graph/loops';

export type ExportFormat = 'png' | 'svg' | 'pdf' | 'report' | 'file';

/** The case-file report as a PDF, or as one PNG with every page under each other. */
export type ReportAs = 'pdf' | 'png';

// The limits and the file name are shared with the server, so both make the same picture and name it alike.
export { PNG_LIMITS, PNG_SCALES, fitScale, planPngSize, type PngSize } from '@samenzicht/shared/export/canvasLimits';
export { exportFileName, reportFileName } from '@samenzicht/shared/export/fileName';

/** The loops to highlight, in the order they are listed, from the ids a person ticked (unknown ids are skipped). */
export function highlightLoopsFor(loops: readonly Loop[], chosen: ReadonlySet<string>): HighlightLoop[] {
  return loops
    .filter((loop) => chosen.has(loop.id))
    .map((loop) => ({ links: loop.links, id: loop.id, type: loop.type, ...(loop.name ? { name: loop.name } : {}) }));
}

/** Vicious loops first (they matter most in a case file), then the others; each group in id order. */
export function orderLoopsForExport(loops: readonly Loop[]): Loop[] {
  return [...loops.filter((l) => l.vicious), ...loops.filter((l) => !l.vicious)];
}
