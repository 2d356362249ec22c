/**
 * The one layout step of the export: model → positioned boxes, links, header and legend, as drawing primitives.
 * `renderAnalysisSvg` and `renderAnalysisPdf` both draw this, so the SVG, the PNG made from it and the PDF match.
 */
import type { Analysis, Factor, FactorKind } from '../model/types.ts';
import { clampPosition } from '../model/position.ts';
import { layoutBox } from './boxLayout.ts';
import { emphasisedLinkShapes, loopBadges, loopOutline, quietShapes } from './highlight.ts';
import { layoutLegend, type HighlightLoop, type LegendItem } from './legendLayout.ts';
import { layoutLink, type Rect } from './linkLayout.ts';
import { textShape, translateShape, type LineShape, type Point, type Shape } from './shapes.ts';
import { wrapText } from './textMetrics.ts';
import { BOX, COLOURS, LINK, PAGE, POLARITY_COLOURS, TEXT } from './theme.ts';
import { WORDS, formatExportDate, type ExportLanguage, type ExportWords } from './words.ts';
import { boxMarksAt, layoutStanceHeader, linkStancesAt, prepareStances, stanceMarkShapes } from './stanceLayout.ts';

export type { HighlightLoop, LegendItem };

export interface ExportOptions {
  /** Words of the header, boxes and legend; default Dutch. */
  readonly language?: ExportLanguage;
  /** Shown in the header; default now. */
  readonly exportedAt?: Date;
  /** The time zone of that date and time; default Europe/Amsterdam. */
  readonly timeZone?: string;
  /** Print the names of the people a factor concerns in its box. */
  readonly showActors?: boolean;
  /** Draw these loops' links thicker and darker, outline and number them, and draw the rest quieter (highlight.ts). */
  readonly highlightLoops?: readonly HighlightLoop[];
  /** Default true. */
  readonly legend?: boolean;
  /** Each person's stance marks and the shared-ness headline (when someone marked something); default true. */
  readonly stances?: boolean;
}

export interface BoxLayout extends Rect {
  readonly factorId: string;
  readonly kind: FactorKind;
  readonly hypothesis: boolean;
  readonly faded: boolean;
  /** The widest a text line may be, and where text lines start and must end. */
  readonly innerWidth: number;
  readonly innerLeft: number;
  readonly labelLines: readonly string[];
  readonly shapes: readonly Shape[];
}

export interface LinkLayout {
  readonly linkId: string;
  readonly polarity: '+' | '-';
  readonly colour: string;
  readonly highlighted: boolean;
  readonly faded: boolean;
  readonly segments: readonly LineShape[];
  readonly mark: Point;
  readonly shapes: readonly Shape[];
}

export interface ExportLayout {
  readonly width: number;
  readonly height: number;
  readonly language: ExportLanguage;
  /** The title as given (empty when the analysis has none). */
  readonly title: string;
  readonly header: readonly Shape[];
  readonly boxes: readonly BoxLayout[];
  readonly links: readonly LinkLayout[];
  /** Drawn over the factors: the outlines of factors on highlighted loops and the loops' numbers (R1, B2). */
  readonly highlights: readonly Shape[];
  /** Where the diagram (below the header) starts, and where the legend starts. */
  readonly diagramTop: number;
  readonly legendTop: number;
  /** Empty when the legend is off. */
  readonly legend: readonly LegendItem[];
  readonly legendShapes: readonly Shape[];
  /** Every character drawn as text (to choose which font subsets an SVG needs). */
  readonly text: string;
}

const DIAGRAM_PADDING = 16;

/** Whether a circle at `p` with radius `r` touches the rectangle. */
function overlaps(rect: Rect, p: Point, r: number): boolean {
  const nearestX = Math.max(rect.x, Math.min(p.x, rect.x + rect.width));
  const nearestY = Math.max(rect.y, Math.min(p.y, rect.y + rect.height));
  return (p.x - nearestX) ** 2 + (p.y - nearestY) ** 2 < r * r;
}

const CELL = 256;
/** A box or query wider than this many cells a side is checked directly instead of through the grid. */
const MAX_CELL_SPAN = 16;

/** The cells from `lo` to `hi`, or null when that span is not a small finite number of cells. */
function cellSpan(lo: number, hi: number): readonly [number, number] | null {
  const first = Math.floor(lo / CELL);
  const last = Math.floor(hi / CELL);
  if (!Number.isFinite(first) || !Number.isFinite(last) || last < first || last - first > MAX_CELL_SPAN) return null;
  return [first, last];
}

/**
 * Answers "does a circle touch any box?" from a grid of cells, so 500 boxes × 1,000 links stays quick. Every loop is
 * bounded by construction, whatever the coordinates: a box or a query that spans more than MAX_CELL_SPAN cells
 * (or has no finite extent) is checked against the boxes one by one instead.
 */
function boxIndex(rects: readonly Rect[]): (p: Point, r: number) => boolean {
  const cells = new Map<string, Rect[]>();
  const unindexed: Rect[] = [];
  for (const rect of rects) {
    const xs = cellSpan(rect.x, rect.x + rect.width);
    const ys = cellSpan(rect.y, rect.y + rect.height);
    if (xs === null || ys === null) {
      unindexed.push(rect);
      continue;
    }
    for (let cx = xs[0]; cx <= xs[1]; cx++) {
      for (let cy = ys[0]; cy <= ys[1]; cy++) {
        const key = `${cx},${cy}`;
        const list = cells.get(key);
        if (list) list.push(rect);
        else cells.set(key, [rect]);
      }
    }
  }
  return (p, r) => {
    if (unindexed.some((rect) => overlaps(rect, p, r))) return true;
    const xs = cellSpan(p.x - r, p.x + r);
    const ys = cellSpan(p.y - r, p.y + r);
    if (xs === null || ys === null) return rects.some((rect) => overlaps(rect, p, r));
    for (let cx = xs[0]; cx <= xs[1]; cx++) {
      for (let cy = ys[0]; cy <= ys[1]; cy++) {
        if (cells.get(`${cx},${cy}`)?.some((rect) => overlaps(rect, p, r))) return true;
      }
    }
    return false;
  };
}

/** Where a link's stance marks go: between its start and its +/− mark, or beside a short line (as on the canvas). */
function markBefore(geometry: { segments: readonly LineShape[]; mark: Point }): Point {
  const start = geometry.segments[0];
  if (!start) return geometry.mark;
  // The line's end, from its start and the +/− mark at LINK.markAt of the way.
  const end = {
    x: start.x1 + (geometry.mark.x - start.x1) / LINK.markAt,
    y: start.y1 + (geometry.mark.y - start.y1) / LINK.markAt,
  };
  return linkStancesAt({ x: start.x1, y: start.y1 }, end);
}

function actorNamesByFactor(analysis: Analysis): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const actor of analysis.actors) {
    for (const id of actor.factors) names.set(id, [...(names.get(id) ?? []), actor.name.trim() || '?']);
  }
  return names;
}

function fadedShapes(faded: boolean, shapes: readonly Shape[]): readonly Shape[] {
  return faded ? quietShapes(shapes) : shapes;
}

/** The title and the line under it (date and time, size); returns its shapes and height. */
function layoutHeader(analysis: Analysis, words: ExportWords, options: ExportOptions, width: number): { shapes: Shape[]; height: number } {
  const shapes: Shape[] = [];
  let y = 0;
  for (const line of wrapText(analysis.title.trim() || words.untitled, width, TEXT.title)) {
    shapes.push(textShape(0, y, TEXT.titleLineHeight, line, TEXT.title, COLOURS.ink));
    y += TEXT.titleLineHeight;
  }
  const { date, time } = formatExportDate(options.exportedAt ?? new Date(), options.language ?? 'nl', options.timeZone);
  const subtitle = `${words.exportedAt(date, time)} · ${words.factors(analysis.factors.length)} · ${words.links(analysis.links.length)}`;
  for (const line of wrapText(subtitle, width, TEXT.subtitle)) {
    shapes.push(textShape(0, y, TEXT.subtitleLineHeight, line, TEXT.subtitle, COLOURS.inkSoft));
    y += TEXT.subtitleLineHeight;
  }
  return { shapes, height: y };
}

/**
 * Lays out an analysis for export: the factors where they stand on the canvas (positions are top-left corners),
 * sized from their text; the links between their borders; a header with the title and the time of export; a legend.
 */
export function layoutExport(analysis: Analysis, options: ExportOptions = {}): ExportLayout {
  const language = options.language ?? 'nl';
  const words = WORDS[language];
  const loops = options.highlightLoops ?? [];
  const highlighted = new Set(loops.flatMap((l) => l.links));
  const linkById = new Map(analysis.links.map((l) => [l.id, l]));
  const onLoop = new Set([...highlighted].flatMap((id) => (linkById.has(id) ? [linkById.get(id)!.from, linkById.get(id)!.to] : [])));
  const fading = highlighted.size > 0;
  const names = options.showActors ? actorNamesByFactor(analysis) : new Map<string, string[]>();

  // Boxes in diagram coordinates first, to know the diagram's extent.
  // Positions are brought into range here too, so no caller can hand the layout coordinates it cannot draw.
  const contents = analysis.factors.map((f: Factor) => ({
    factor: { ...f, position: clampPosition(f.position) },
    content: layoutBox(f, words, names.get(f.id) ?? []),
  }));
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const { factor, content } of contents) {
    minX = Math.min(minX, factor.position.x);
    minY = Math.min(minY, factor.position.y);
    maxX = Math.max(maxX, factor.position.x + content.width);
    maxY = Math.max(maxY, factor.position.y + content.height);
  }
  // Room for self-links above a box and for marks of side-by-side links.
  const pad = DIAGRAM_PADDING + (analysis.links.some((l) => l.from === l.to) ? 32 : 0);
  const diagramWidth = contents.length > 0 ? maxX - minX + 2 * pad : 0;
  const diagramHeight = contents.length > 0 ? maxY - minY + 2 * pad : 0;
  const contentWidth = Math.max(PAGE.minContentWidth, Math.ceil(diagramWidth));

  const stances = options.stances === false ? null : prepareStances(analysis);
  const baseHeader = layoutHeader(analysis, words, options, contentWidth);
  const stanceHeader = stances ? layoutStanceHeader(stances, language, contentWidth, baseHeader.height) : null;
  const header = stanceHeader
    ? { shapes: [...baseHeader.shapes, ...stanceHeader.shapes], height: baseHeader.height + stanceHeader.height }
    : baseHeader;
  const diagramTop = PAGE.margin + header.height + PAGE.headerGap;
  const dx = PAGE.margin + pad - (contents.length > 0 ? minX : 0);
  const dy = diagramTop + pad - (contents.length > 0 ? minY : 0);

  const boxes: BoxLayout[] = contents.map(({ factor, content }) => {
    const x = factor.position.x + dx;
    const y = factor.position.y + dy;
    return {
      factorId: factor.id,
      kind: factor.kind,
      hypothesis: factor.evidence === 'hypothesis',
      faded: fading && !onLoop.has(factor.id),
      x,
      y,
      width: content.width,
      height: content.height,
      innerWidth: content.innerWidth,
      innerLeft: x + content.borders.left + BOX.padX,
      labelLines: content.labelLines,
      shapes: [
        ...fadedShapes(
          fading && !onLoop.has(factor.id),
          content.shapes.map((s) => translateShape(s, x, y)),
        ),
        ...(stances
          ? stanceMarkShapes(stances, factor.id, boxMarksAt({ x, y, height: content.height }, x + content.borders.left + BOX.padX))
          : []),
      ],
    };
  });
  const boxById = new Map(boxes.map((b) => [b.factorId, b]));
  const isCovered = boxIndex(boxes);
  const pairs = new Set(analysis.links.map((l) => `${l.from}\u0000${l.to}`));
  const links: LinkLayout[] = [];
  for (const link of analysis.links) {
    const from = boxById.get(link.from);
    const to = boxById.get(link.to);
    if (!from || !to) continue;
    const isHighlighted = highlighted.has(link.id);
    const paired = link.from !== link.to && pairs.has(`${link.to}\u0000${link.from}`);
    const geometry = layoutLink(link, from, to, paired, isHighlighted, isCovered);
    links.push({
      linkId: link.id,
      polarity: link.polarity,
      colour: POLARITY_COLOURS[link.polarity],
      highlighted: isHighlighted,
      faded: fading && !isHighlighted,
      segments: geometry.segments,
      mark: geometry.mark,
      shapes: [
        ...(isHighlighted ? emphasisedLinkShapes(geometry.shapes) : fadedShapes(fading, geometry.shapes)),
        ...(stances ? stanceMarkShapes(stances, link.id, markBefore(geometry), true) : []),
      ],
    });
  }
  const highlights: Shape[] = [
    ...boxes.filter((b) => onLoop.has(b.factorId)).map((b) => loopOutline(b, b.kind === 'protective')),
    ...loopBadges(
      loops.map((l) => ({ id: l.id ?? '', factors: l.links.flatMap((id) => (linkById.has(id) ? [linkById.get(id)!.from] : [])) })),
      boxById,
      links.map((l) => ({
        x: l.mark.x - LINK.markRadius,
        y: l.mark.y - LINK.markRadius,
        width: 2 * LINK.markRadius,
        height: 2 * LINK.markRadius,
      })),
    ),
  ];

  const legendTop = diagramTop + diagramHeight + PAGE.legendGap;
  const legend = options.legend === false ? { items: [], shapes: [], height: -PAGE.legendGap } : layoutLegend(words, loops, contentWidth);
  const move = (shapes: readonly Shape[], x: number, y: number) => shapes.map((s) => translateShape(s, x, y));
  const legendItemsPlaced = legend.items.map((item) => ({ label: item.label, shapes: move(item.shapes, PAGE.margin, legendTop) }));
  const headerShapes = move(header.shapes, PAGE.margin, PAGE.margin);
  const legendShapes = move(legend.shapes, PAGE.margin, legendTop);

  const allText = [
    ...headerShapes,
    ...legendShapes,
    ...legendItemsPlaced.flatMap((i) => i.shapes),
    ...boxes.flatMap((b) => b.shapes),
    ...(stances ? links.flatMap((l) => l.shapes) : []),
    ...highlights,
  ]
    .flatMap((s) => (s.type === 'text' ? [s.text] : []))
    .join('\n');

  return {
    width: Math.ceil(contentWidth + 2 * PAGE.margin),
    height: Math.ceil(legendTop + legend.height + PAGE.margin),
    language,
    title: analysis.title,
    header: headerShapes,
    boxes,
    links,
    highlights,
    diagramTop,
    legendTop,
    legend: legendItemsPlaced,
    legendShapes,
    text: allText,
  };
}
