/** The legend of an export: what the kinds, dashed borders, + and − and highlighted loops mean, in wrapping rows. */
import { FACTOR_KINDS, type FactorKind } from '../model/types.ts';
import { arrowHead, polarityMark } from './linkLayout.ts';
import { textShape, translateShape, type Shape } from './shapes.ts';
import { measureText, wrapText } from './textMetrics.ts';
import { COLOURS, KIND_BORDERS, KIND_FILLS, KIND_TEXT_COLOURS, LEGEND, LINK, POLARITY_COLOURS, TEXT } from './theme.ts';
import type { ExportWords } from './words.ts';

/** A loop to highlight, e.g. one of `analysePatterns(analysis).loops`. */
export interface HighlightLoop {
  readonly links: readonly string[];
  /** R1, B2, … */
  readonly id?: string;
  readonly name?: string;
  readonly type?: 'reinforcing' | 'balancing';
}

export interface LegendItem {
  readonly label: string;
  readonly shapes: readonly Shape[];
}

function kindSwatch(kind: FactorKind): Shape[] {
  const b = KIND_BORDERS[kind];
  const w = LEGEND.swatchWidth;
  const h = LEGEND.swatchHeight;
  const colour = KIND_TEXT_COLOURS[kind];
  const shapes: Shape[] = [
    {
      type: 'rect',
      x: 1,
      y: 1,
      width: w - 2,
      height: h - 2,
      radius: kind === 'protective' ? 8 : 4,
      fill: KIND_FILLS[kind],
      stroke: colour,
      strokeWidth: 2,
    },
  ];
  if (b.bottom > 2) shapes.push({ type: 'line', x1: 4, y1: h - 2, x2: w - 4, y2: h - 2, stroke: colour, strokeWidth: 4, cap: 'butt' });
  if (b.top > 2) shapes.push({ type: 'line', x1: 4, y1: 2, x2: w - 4, y2: 2, stroke: colour, strokeWidth: 4, cap: 'butt' });
  if (b.left > 2) shapes.push({ type: 'line', x1: 2, y1: 4, x2: 2, y2: h - 4, stroke: colour, strokeWidth: 4, cap: 'butt' });
  const icon = LEGEND.swatchIcon;
  shapes.push({ type: 'icon', kind, x: (w - icon) / 2, y: (h - icon) / 2, size: icon, colour });
  return shapes;
}

function linkSwatch(polarity: '+' | '-', strokeWidth: number = LINK.width): Shape[] {
  const colour = POLARITY_COLOURS[polarity];
  const y = LEGEND.swatchHeight / 2;
  const w = LEGEND.swatchWidth + 20;
  return [
    { type: 'line', x1: 0, y1: y, x2: w - 7, y2: y, stroke: colour, strokeWidth, cap: 'butt' },
    arrowHead({ x: w, y }, { x: 1, y: 0 }, colour, 0.8),
    ...polarityMark({ x: w * 0.45, y }, polarity, 8),
  ];
}

interface LegendEntry {
  readonly label: string;
  readonly swatch: Shape[];
  readonly swatchWidth: number;
}

function legendItems(words: ExportWords, loops: readonly HighlightLoop[]): LegendEntry[] {
  const items: LegendEntry[] = FACTOR_KINDS.map((kind) => ({
    label: words.kind[kind],
    swatch: kindSwatch(kind),
    swatchWidth: LEGEND.swatchWidth,
  }));
  items.push({
    label: words.legendHypothesis,
    swatch: [
      {
        type: 'rect',
        x: 1,
        y: 1,
        width: LEGEND.swatchWidth - 2,
        height: LEGEND.swatchHeight - 2,
        radius: 4,
        stroke: COLOURS.inkSoft,
        strokeWidth: 2,
        dash: [4, 3],
      },
    ],
    swatchWidth: LEGEND.swatchWidth,
  });
  items.push({ label: words.plus, swatch: linkSwatch('+'), swatchWidth: LEGEND.swatchWidth + 20 });
  items.push({ label: words.minus, swatch: linkSwatch('-'), swatchWidth: LEGEND.swatchWidth + 20 });
  for (const loop of loops) {
    const type = loop.type ? words[loop.type] : '';
    const label = [loop.id, loop.name, type].filter((part) => part).join(' · ');
    if (label === '') continue;
    const y = LEGEND.swatchHeight / 2;
    items.push({
      label,
      swatch: [
        { type: 'line', x1: 0, y1: y, x2: LEGEND.swatchWidth, y2: y, stroke: COLOURS.ink, strokeWidth: LINK.highlightWidth, cap: 'butt' },
      ],
      swatchWidth: LEGEND.swatchWidth,
    });
  }
  return items;
}

/** The legend as rows of items that wrap at `width`; returns its items, its title and its height. */
export function layoutLegend(
  words: ExportWords,
  loops: readonly HighlightLoop[],
  width: number,
): { items: LegendItem[]; shapes: Shape[]; height: number } {
  const shapes: Shape[] = [
    { type: 'line', x1: 0, y1: 0, x2: width, y2: 0, stroke: COLOURS.line, strokeWidth: 1, cap: 'butt' },
    textShape(0, 12, TEXT.legendLineHeight, words.legendTitle, TEXT.legendTitle, COLOURS.ink),
  ];
  const rowHeight = Math.max(LEGEND.swatchHeight, TEXT.legendLineHeight);
  let y = 12 + TEXT.legendLineHeight + LEGEND.titleGap;
  let x = 0;
  const items: LegendItem[] = [];
  for (const item of legendItems(words, loops)) {
    const labelLines = wrapText(item.label, Math.max(80, width - item.swatchWidth - LEGEND.swatchGap), TEXT.legendItem);
    const labelWidth = Math.max(...labelLines.map((l) => measureText(l, TEXT.legendItem)));
    const itemWidth = item.swatchWidth + LEGEND.swatchGap + labelWidth;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      y += rowHeight + LEGEND.rowGap;
    }
    const swatchTop = y + (rowHeight - LEGEND.swatchHeight) / 2;
    const itemShapes: Shape[] = item.swatch.map((s) => translateShape(s, x, swatchTop));
    labelLines.forEach((line, i) => {
      const top = y + (rowHeight - TEXT.legendLineHeight) / 2 + i * TEXT.legendLineHeight;
      itemShapes.push(textShape(x + item.swatchWidth + LEGEND.swatchGap, top, TEXT.legendLineHeight, line, TEXT.legendItem, COLOURS.ink));
    });
    items.push({ label: item.label, shapes: itemShapes });
    x += itemWidth + LEGEND.itemGap;
    y += (labelLines.length - 1) * TEXT.legendLineHeight;
  }
  return { items, shapes, height: y + rowHeight };
}
