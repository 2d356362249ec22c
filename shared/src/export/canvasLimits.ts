/**
 * How large a PNG export may be, for the browser and the server alike, so both make the same picture: what a
 * browser canvas can hold (Chromium: 16,384 px a side is safe everywhere, 268 million pixels in all). Above it the
 * picture is scaled down (and the person told), never cut off.
 */

export const PNG_LIMITS = { maxSide: 16_384, maxPixels: 268_435_456, minScale: 1, maxScale: 4, defaultScale: 2 } as const;

/** The scales offered in the export dialog (and allowed on the server: any number from minScale to maxScale). */
export const PNG_SCALES = [1, 2, 3, 4] as const;

/** The largest scale ≤ `wanted` at which a `width` × `height` picture stays within PNG_LIMITS. */
export function fitScale(width: number, height: number, wanted: number): number {
  const limit = Math.min(PNG_LIMITS.maxSide / width, PNG_LIMITS.maxSide / height, Math.sqrt(PNG_LIMITS.maxPixels / (width * height)));
  if (wanted <= limit) return wanted;
  // Rounded down a little, so rounding the pixel size cannot cross a limit.
  return Math.floor(limit * 1000) / 1000;
}

/** `wanted` clamped to minScale–maxScale (a missing scale is the default). */
export function clampScale(wanted: number | undefined): number {
  return Math.min(PNG_LIMITS.maxScale, Math.max(PNG_LIMITS.minScale, wanted ?? PNG_LIMITS.defaultScale));
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
  const clamped = clampScale(wanted);
  const scale = fitScale(width, height, clamped);
  return { scale, width: Math.round(width * scale), height: Math.round(height * scale), scaled: scale < clamped };
}
