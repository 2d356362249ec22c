/** One factor as a box: its size from its text (wrapped with the font's metrics), its border, icon and words. */
import type { Factor, FactorKind } from '../model/types.ts';
import { textShape, type Shape } from './shapes.ts';
import { measureText, wrapText, type TextStyle } from './textMetrics.ts';
import { BOX, COLOURS, KIND_BORDERS, KIND_COLOURS, KIND_FILLS, KIND_TEXT_COLOURS, TEXT, type BorderWidths } from './theme.ts';
import type { ExportWords } from './words.ts';

export interface BoxContent {
  readonly width: number;
  readonly height: number;
  /** The widest a line of text may be inside the box. */
  readonly innerWidth: number;
  readonly borders: BorderWidths;
  readonly labelLines: readonly string[];
  /** The box's shapes at (0, 0); the caller moves them into place. */
  readonly shapes: readonly Shape[];
}

interface MetaItem {
  readonly text: string;
  readonly style: TextStyle;
  readonly fill: string;
  readonly width: number;
}

/** The border widths a factor is drawn with (a dashed double line would not read as either). */
export function bordersOf(kind: FactorKind, hypothesis: boolean): BorderWidths {
  if (kind === 'perpetuating' && hypothesis) {
    const w = BOX.perpetuatingHypothesisWidth;
    return { top: w, right: w, bottom: w, left: w };
  }
  return KIND_BORDERS[kind];
}

/** The border of a box as rects and lines: a base line all round plus one thick side, or a double line. */
function borderShapes(kind: FactorKind, hypothesis: boolean, width: number, height: number, b: BorderWidths): Shape[] {
  const radius = kind === 'protective' ? BOX.protectiveRadius : BOX.radius;
  const stroke = KIND_COLOURS[kind];
  const dash = hypothesis ? BOX.dash : undefined;
  const inset = (d: number, strokeWidth: number): Shape => ({
    type: 'rect',
    x: d,
    y: d,
    width: width - 2 * d,
    height: height - 2 * d,
    radius: Math.max(0, radius - d),
    stroke,
    strokeWidth,
    ...(dash ? { dash } : {}),
  });
  const shapes: Shape[] = [{ type: 'rect', x: 0, y: 0, width, height, radius, fill: KIND_FILLS[kind] }];
  if (kind === 'perpetuating' && !hypothesis) {
    // CSS `double`: two lines and a gap, each a third of the border width.
    const third = b.top / 3;
    shapes.push(inset(third / 2, third), inset(b.top - third / 2, third));
    return shapes;
  }
  const base = Math.min(b.top, b.right, b.bottom, b.left);
  shapes.push(inset(base / 2, base));
  const side = (x1: number, y1: number, x2: number, y2: number, w: number): Shape => ({
    type: 'line',
    x1,
    y1,
    x2,
    y2,
    stroke,
    strokeWidth: w,
    cap: 'butt',
    ...(dash ? { dash } : {}),
  });
  if (b.top > base) shapes.push(side(radius, b.top / 2, width - radius, b.top / 2, b.top));
  if (b.bottom > base) shapes.push(side(radius, height - b.bottom / 2, width - radius, height - b.bottom / 2, b.bottom));
  if (b.left > base) shapes.push(side(b.left / 2, radius, b.left / 2, height - radius, b.left));
  if (b.right > base) shapes.push(side(width - b.right / 2, radius, width - b.right / 2, height - radius, b.right));
  return shapes;
}

function metaItems(factor: Factor, words: ExportWords): MetaItem[] {
  const item = (text: string, style: TextStyle, fill: string): MetaItem => ({ text, style, fill, width: measureText(text, style) });
  const items = [item(words.kind[factor.kind], TEXT.kindWord, KIND_TEXT_COLOURS[factor.kind])];
  if (factor.domain) items.push(item(`· ${words.domain[factor.domain]}`, TEXT.metaWord, COLOURS.inkSoft));
  if (factor.evidence === 'hypothesis') items.push(item(`· ${words.hypothesis}`, TEXT.metaWord, COLOURS.inkSoft));
  return items;
}

/** The widest line of `text` when nothing wraps it. */
function naturalWidth(text: string, style: TextStyle): number {
  return Math.max(0, ...wrapText(text, Number.POSITIVE_INFINITY, style).map((line) => measureText(line, style)));
}

/**
 * Lays out one factor like the canvas node (.factor): 140–220 px wide, as narrow as its text allows; a meta line
 * (icon, kind word, life domain, "denken we"), the label, and optionally the names of the people it concerns.
 */
export function layoutBox(factor: Factor, words: ExportWords, actorNames: readonly string[]): BoxContent {
  const hypothesis = factor.evidence === 'hypothesis';
  const b = bordersOf(factor.kind, hypothesis);
  const meta = metaItems(factor, words);
  const label = factor.label.trim();
  const labelText = label === '' ? words.emptyLabel : label;
  const labelFill = label === '' ? COLOURS.inkSoft : COLOURS.ink;
  const actorsText = actorNames.join(', ');
  const actorIndent = BOX.actorDotRadius * 2 + 4;

  const iconSpace = BOX.iconSize + BOX.metaGap;
  const natural = Math.max(
    iconSpace + meta.reduce((sum, m, i) => sum + m.width + (i > 0 ? BOX.metaGap : 0), 0),
    naturalWidth(labelText, TEXT.label),
    actorsText ? actorIndent + naturalWidth(actorsText, TEXT.actors) : 0,
  );
  const chrome = 2 * BOX.padX + b.left + b.right;
  const width = Math.min(BOX.maxWidth, Math.max(BOX.minWidth, Math.ceil(natural + chrome)));
  const innerWidth = width - chrome;
  const left = b.left + BOX.padX;
  const shapes: Shape[] = [];
  let y = b.top + BOX.padY;

  // Meta line(s): the items wrap as wholes, continuing under the first word, as flex items would.
  shapes.push({
    type: 'icon',
    kind: factor.kind,
    x: left,
    y: y + (TEXT.metaLineHeight - BOX.iconSize) / 2,
    size: BOX.iconSize,
    colour: KIND_TEXT_COLOURS[factor.kind],
  });
  let x = iconSpace;
  meta.forEach((m, i) => {
    const gap = i > 0 ? BOX.metaGap : 0;
    if (i > 0 && x + gap + m.width > innerWidth) {
      y += TEXT.metaLineHeight;
      x = iconSpace;
    } else {
      x += gap;
    }
    shapes.push(textShape(left + x, y, TEXT.metaLineHeight, m.text, m.style, m.fill));
    x += m.width;
  });
  y += TEXT.metaLineHeight + BOX.metaMarginBottom;

  const labelLines = wrapText(labelText, innerWidth, TEXT.label);
  for (const line of labelLines) {
    if (line !== '') shapes.push(textShape(left, y, TEXT.labelLineHeight, line, TEXT.label, labelFill));
    y += TEXT.labelLineHeight;
  }

  if (actorsText) {
    y += BOX.actorsMarginTop;
    const lines = wrapText(actorsText, innerWidth - actorIndent, TEXT.actors);
    shapes.push({
      type: 'circle',
      cx: left + BOX.actorDotRadius,
      cy: y + TEXT.actorsLineHeight / 2,
      r: BOX.actorDotRadius,
      fill: COLOURS.accent,
    });
    for (const line of lines) {
      shapes.push(textShape(left + actorIndent, y, TEXT.actorsLineHeight, line, TEXT.actors, COLOURS.inkSoft));
      y += TEXT.actorsLineHeight;
    }
  }

  const height = Math.ceil(y + BOX.padY + b.bottom);
  return {
    width,
    height,
    innerWidth,
    borders: b,
    labelLines,
    shapes: [...borderShapes(factor.kind, hypothesis, width, height, b), ...shapes],
  };
}
