/**
 * The look of the export, kept in step with the canvas (web/src/styles.css: .factor, .factor--<kind>, .link,
 * .link-polarity, .legend). Sizes are CSS px at 16 px per rem.
 */
import type { FactorKind, Polarity } from '../model/types.ts';
import type { TextStyle } from './textMetrics.ts';

export const FONT_FAMILY = 'Atkinson Hyperlegible';

export const COLOURS = {
  ink: '#1f2933',
  inkSoft: '#52606d',
  line: '#d9d6cf',
  accent: '#2f6f8f',
  page: '#ffffff',
  boxFill: '#ffffff',
  markFill: '#ffffff',
} as const;

/** --plus and --minus */
export const POLARITY_COLOURS: Record<Polarity, string> = { '+': '#2f6f8f', '-': '#b03a2e' };

/** --kind-* (borders and icons). */
export const KIND_COLOURS: Record<FactorKind, string> = {
  problem: '#d55e00',
  predisposing: '#7a5195',
  precipitating: '#0072b2',
  perpetuating: '#a0522d',
  aggravating: '#cc79a7',
  protective: '#009e73',
};

/** The kind word's colour (.factor--<kind> .factor-meta): three kinds get a darker ink for ≥ 4.5:1 on their fill. */
export const KIND_TEXT_COLOURS: Record<FactorKind, string> = {
  ...KIND_COLOURS,
  problem: '#ad4b00',
  aggravating: '#a8457e',
  protective: '#00795a',
};

export const KIND_FILLS: Record<FactorKind, string> = {
  problem: '#fff6f0',
  predisposing: COLOURS.boxFill,
  precipitating: COLOURS.boxFill,
  perpetuating: COLOURS.boxFill,
  aggravating: COLOURS.boxFill,
  protective: '#f0faf6',
};

export interface BorderWidths {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

function sides(all: number, extra: Partial<BorderWidths> = {}): BorderWidths {
  return { top: all, right: all, bottom: all, left: all, ...extra };
}

/** Border widths per kind (.factor--<kind>): one thick side, or a double line, tells kinds apart without colour. */
export const KIND_BORDERS: Record<FactorKind, BorderWidths> = {
  problem: sides(3),
  predisposing: sides(2, { bottom: 5 }),
  precipitating: sides(2, { left: 6 }),
  perpetuating: sides(4),
  aggravating: sides(2, { top: 5 }),
  protective: sides(2),
};

export const BOX = {
  minWidth: 140,
  maxWidth: 220,
  padX: 12,
  padY: 10,
  radius: 10,
  protectiveRadius: 22,
  /** .factor--hypothesis: border-style dashed. */
  dash: [6, 4] as readonly number[],
  /** .factor--perpetuating.factor--hypothesis */
  perpetuatingHypothesisWidth: 3,
  iconSize: 16,
  metaGap: 4,
  metaMarginBottom: 3,
  actorsMarginTop: 4,
  actorDotRadius: 3,
} as const;

export const TEXT = {
  label: { size: 15.2, weight: 400 } as TextStyle,
  labelLineHeight: 15.2 * 1.45,
  kindWord: { size: 11.52, weight: 700 } as TextStyle,
  metaWord: { size: 11.52, weight: 400 } as TextStyle,
  metaLineHeight: 11.52 * 1.45,
  actors: { size: 12, weight: 400 } as TextStyle,
  actorsLineHeight: 12 * 1.45,
  title: { size: 24, weight: 700 } as TextStyle,
  titleLineHeight: 24 * 1.3,
  subtitle: { size: 13.6, weight: 400 } as TextStyle,
  subtitleLineHeight: 13.6 * 1.45,
  legendTitle: { size: 14, weight: 700 } as TextStyle,
  legendItem: { size: 13.6, weight: 400 } as TextStyle,
  legendLineHeight: 13.6 * 1.45,
} as const;

export const LINK = {
  width: 2,
  highlightWidth: 4.5,
  /** Links end this far outside the factor's box (LinkEdge.tsx: borderPoint). */
  gap: 4,
  /** Two links between the same factors in opposite directions are drawn this far apart. */
  pairShift: 10,
  arrowLength: 11,
  arrowHalfWidth: 6.5,
  /** The polarity mark sits at this fraction of the line, as on the canvas. */
  markAt: 0.72,
  markRadius: 12,
  markStroke: 2,
  /** Half the length of the + and − strokes in the mark. */
  markArm: 5,
  markArmWidth: 2.5,
} as const;

/**
 * Highlighting loops: their links darker and thicker, their factors outlined, each loop numbered (R1, B2) on the
 * drawing. Everything else is drawn quieter, never below print contrast: a photocopy keeps it readable.
 */
export const HIGHLIGHT = {
  /** Text off the highlighted loops keeps at least this contrast against white (WCAG AA asks 4.5). */
  quietTextContrast: 4.6,
  /** Lines, borders, icons and marks off the loops keep at least this (WCAG non-text contrast asks 3). */
  quietLineContrast: 3,
  /** The furthest a quiet colour moves towards white. */
  quietMaxMix: 0.65,
  /** How much darker a highlighted link is drawn. */
  darken: 0.3,
  /** The outline around a factor on a highlighted loop, this far outside its box. */
  outlineGap: 3,
  outlineWidth: 2.5,
  /** The loop's number on the drawing: a pill of ink with white text. */
  badgeText: { size: 14, weight: 700 } as TextStyle,
  badgeHeight: 24,
  badgePadX: 8,
} as const;

export const PAGE = {
  margin: 32,
  minContentWidth: 720,
  headerGap: 24,
  legendGap: 32,
} as const;

export const LEGEND = {
  swatchWidth: 28,
  swatchHeight: 18,
  swatchIcon: 14,
  swatchGap: 8,
  itemGap: 24,
  rowGap: 8,
  titleGap: 8,
} as const;
