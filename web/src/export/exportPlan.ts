/**
 * The pure part of exporting in the browser: how large a PNG may be, what the file is called, which loops are
 * highlighted. Nothing here draws or downloads (renderInBrowser.ts does), so it is tested without a browser.
 */
import type { HighlightLoop } from '../../../shared/src/export/layout.ts';
import type { Loop } from '../../../shared/src/graph/loops.ts';

export type ExportFormat = 'png' | 'svg' | 'pdf' | 'file';

/**
 * What a browser canvas can hold (Chromium: 16,384 px a side is safe everywhere, 268 million pixels in all).
 * The same numbers as the server's PNG_LIMITS (server/src/export/renderPng.ts), so both make the same picture.
 */
export const PNG_LIMITS = { maxSide: 16_384, maxPixels: 268_435_456, minScale: 1, maxScale: 4, defaultScale: 2 } as const;

export const PNG_SCALES = [1, 2, 3, 4] as const;

/** The largest scale ≤ `wanted` at which a `width` × `height` picture stays within PNG_LIMITS (as the server's). */
export function fitScale(width: number, height: number, wanted: number): number {
  const limit = Math.min(PNG_LIMITS.maxSide / width, PNG_LIMITS.maxSide / height, Math.sqrt(PNG_LIMITS.maxPixels / (width * height)));
  if (wanted <= limit) return wanted;
  // Rounded down a little, so rounding the pixel size cannot cross a limit.
  return Math.floor(limit * 1000) / 1000;
}

export interface PngSize {
  /** The scale used: the one asked for, or less when the picture would not fit. */
  readonly scale: number;
  readonly width: number;
  readonly height: number;
  /** True when the picture is made smaller than asked (never cut off). */
  readonly scaled: boolean;
}

/** The pixel size of the PNG of a `width` × `height` layout at the `wanted` scale (clamped to 1–4, then to the limits). */
export function planPngSize(width: number, height: number, wanted: number): PngSize {
  const clamped = Math.min(PNG_LIMITS.maxScale, Math.max(PNG_LIMITS.minScale, wanted));
  const scale = fitScale(width, height, clamped);
  return { scale, width: Math.round(width * scale), height: Math.round(height * scale), scaled: scale < clamped };
}

/**
 * The file name of an export, as the server names it (server/src/exportApi.ts `toExportFileName`): the title in
 * letters without accents, digits and hyphens (at most 80), then the date in the Netherlands; never empty.
 */
export function exportFileName(title: string, at: Date, format: Exclude<ExportFormat, 'file'>): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  return `${base || 'samenzicht-analyse'}-${day}.${format}`;
}

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
