/**
 * One small icon per factor kind (24×24 SVG path data), shared by the canvas (web/src/canvas/KindIcon.tsx) and the
 * export, so a kind looks the same on screen and in the case file. Filled kinds are drawn as shapes, the others
 * as 2 px outlines with round caps and joins.
 */
import type { FactorKind } from '../model/types.ts';

export const KIND_ICON_PATHS: Record<FactorKind, string> = {
  // A circle with a dot: the concern at the centre of the analysis.
  problem: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zm0 6a3 3 0 1 1 0 6a3 3 0 1 1 0-6z',
  // Layers: what lay underneath before.
  predisposing: 'M12 3l9 5l-9 5l-9-5zm-9 9l9 5l9-5M3 16l9 5l9-5',
  // A lightning bolt: what set it off.
  precipitating: 'M13 2L4 14h7l-1 8l9-12h-7z',
  // Circling arrows: what keeps it going.
  perpetuating: 'M4 12a8 8 0 0 1 14-5.3M20 12a8 8 0 0 1-14 5.3M18 3v4h-4M6 21v-4h4',
  // An arrow up: what makes it worse.
  aggravating: 'M12 20V5M5 11l7-7l7 7',
  // A shield: what protects.
  protective: 'M12 2l8 3v6c0 5-3.5 9-8 11c-4.5-2-8-6-8-11V5z',
};

/** Kinds whose icon is a filled shape (even-odd rule) rather than an outline. */
export const FILLED_KIND_ICONS: ReadonlySet<FactorKind> = new Set(['problem', 'precipitating']);

/** The icons' own coordinate space: a 24 × 24 box. */
export const KIND_ICON_VIEWBOX = 24;
