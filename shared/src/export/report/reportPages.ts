/**
 * The case-file report as pages of drawing primitives (shapes.ts), in PDF points: first the diagram at a scale
 * where its smallest text is at least 8 pt (on one page when it fits; else an overview page and the diagram in
 * overlapping parts), then the sections of reportSections.ts flowed over portrait pages. Every page carries the
 * title, "vertrouwelijk", the date and time with its time zone, the version and its page number. renderReport.ts
 * draws these pages as a PDF or as SVG (for the PNG); nothing here draws.
 */
import { analysePatterns, type Patterns } from '../../graph/patterns.ts';
import type { Analysis } from '../../model/types.ts';
import { layoutExport, type ExportLayout, type ExportOptions } from '../layout.ts';
import { layoutLegend } from '../legendLayout.ts';
import type { Rect } from '../linkLayout.ts';
import { PAPER_SIZES, type Paper } from '../paper.ts';
import { REPORT_WORDS } from '../reportWords.ts';
import { textShape, translateShape, type Shape } from '../shapes.ts';
import { measureText, wrapText, type TextStyle } from '../textMetrics.ts';
import { COLOURS, KIND_COLOURS, KIND_FILLS } from '../theme.ts';
import { WORDS, formatExportDate } from '../words.ts';
import { REPORT_SECTIONS, chooseListedLoops, type Block, type ReportContext, type ReportSection } from './reportSections.ts';

/** No text in the report is smaller than this (points). */
export const MIN_TEXT_PT = 8;

export interface ReportOptions extends Omit<ExportOptions, 'legend'> {
  readonly paper?: Paper;
  /** The version the report shows (e.g. a saved version's name); default "the state of this moment". */
  readonly version?: string;
  /** The loops and break points, when the caller has them; else they are computed here. */
  readonly patterns?: Patterns;
  /** The sections after the diagram; default REPORT_SECTIONS. */
  readonly sections?: readonly ReportSection[];
}

/** Shapes placed on a page: page point = (x + scale · shape x, y + scale · shape y), cut off outside `clip`. */
export interface PageLayer {
  readonly shapes: readonly Shape[];
  readonly x: number;
  readonly y: number;
  readonly scale: number;
  readonly clip?: Rect;
}

export interface ReportPage {
  readonly width: number;
  readonly height: number;
  readonly layers: readonly PageLayer[];
}

export interface ReportLayout {
  readonly pages: readonly ReportPage[];
  readonly language: 'nl' | 'en';
  readonly title: string;
  /** Points per layout px the diagram is drawn at. */
  readonly diagramScale: number;
  /** How many pages the diagram is split over (1 when it fits one page). */
  readonly diagramParts: number;
  /** Every character drawn as text (to choose which font subsets an SVG needs). */
  readonly text: string;
}

const MARGIN = 36;
const LEGEND_SCALE = 0.75;
const GAP = 12;
/** Neighbouring parts of a tiled diagram overlap by this many layout px, so no factor is only ever seen cut. */
const TILE_OVERLAP = 60;
const CONFIDENTIAL_INK = '#b03a2e';

const STYLE = {
  headerTitle: { size: 10, weight: 700 } as TextStyle,
  headerMeta: { size: 8.5, weight: 400 } as TextStyle,
  footer: { size: 8.5, weight: 400 } as TextStyle,
  heading: { size: 15, weight: 700 } as TextStyle,
  subheading: { size: 11, weight: 700 } as TextStyle,
  body: { size: 10, weight: 400 } as TextStyle,
  soft: { size: 9, weight: 400 } as TextStyle,
  tileNumber: { size: 14, weight: 700 } as TextStyle,
} as const;

const lineHeight = (style: TextStyle) => Math.round(style.size * 1.4 * 100) / 100;

function pageSize(paper: Paper, portrait: boolean): { width: number; height: number } {
  const { width, height } = PAPER_SIZES[paper];
  return portrait ? { width: height, height: width } : { width, height };
}

interface Frame {
  readonly shapes: Shape[];
  /** Where the page's content may start and must end (y, points). */
  readonly top: number;
  readonly bottom: number;
}

interface HeaderText {
  readonly title: string;
  readonly confidential: string;
  readonly meta: string;
}

/** The header band every page carries, and the footer's page number. */
function frame(width: number, height: number, header: HeaderText, page: string): Frame {
  const shapes: Shape[] = [];
  const inner = width - 2 * MARGIN;
  const confidentialWidth = measureText(header.confidential, STYLE.headerTitle);
  const titleLines = wrapText(header.title, inner - confidentialWidth - 16, STYLE.headerTitle);
  const title = titleLines.length > 1 ? `${titleLines[0]!.replace(/\s+\S*$/, '')} …` : (titleLines[0] ?? '');
  const h1 = lineHeight(STYLE.headerTitle);
  shapes.push(textShape(MARGIN, MARGIN, h1, title, STYLE.headerTitle, COLOURS.ink));
  shapes.push(textShape(width - MARGIN - confidentialWidth, MARGIN, h1, header.confidential, STYLE.headerTitle, CONFIDENTIAL_INK));
  let y = MARGIN + h1;
  for (const line of wrapText(header.meta, inner, STYLE.headerMeta)) {
    shapes.push(textShape(MARGIN, y, lineHeight(STYLE.headerMeta), line, STYLE.headerMeta, COLOURS.inkSoft));
    y += lineHeight(STYLE.headerMeta);
  }
  y += 4;
  shapes.push({ type: 'line', x1: MARGIN, y1: y, x2: width - MARGIN, y2: y, stroke: COLOURS.line, strokeWidth: 0.75, cap: 'butt' });
  const footerTop = height - MARGIN + 8;
  const pageWidth = measureText(page, STYLE.footer);
  shapes.push(textShape(width - MARGIN - pageWidth, footerTop, lineHeight(STYLE.footer), page, STYLE.footer, COLOURS.inkSoft));
  shapes.push(textShape(MARGIN, footerTop, lineHeight(STYLE.footer), `Samenzicht · ${header.confidential}`, STYLE.footer, COLOURS.inkSoft));
  return { shapes, top: y + GAP, bottom: footerTop - GAP };
}

function bounds(rects: readonly Rect[]): Rect {
  const minX = Math.min(...rects.map((r) => r.x));
  const minY = Math.min(...rects.map((r) => r.y));
  const maxX = Math.max(...rects.map((r) => r.x + r.width));
  const maxY = Math.max(...rects.map((r) => r.y + r.height));
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

function shapeBounds(shape: Shape): Rect {
  switch (shape.type) {
    case 'rect':
    case 'icon':
      return {
        x: shape.x,
        y: shape.y,
        width: 'width' in shape ? shape.width : shape.size,
        height: 'height' in shape ? shape.height : shape.size,
      };
    case 'line':
      return {
        x: Math.min(shape.x1, shape.x2),
        y: Math.min(shape.y1, shape.y2),
        width: Math.abs(shape.x2 - shape.x1),
        height: Math.abs(shape.y2 - shape.y1),
      };
    case 'circle':
      return { x: shape.cx - shape.r, y: shape.cy - shape.r, width: 2 * shape.r, height: 2 * shape.r };
    case 'polygon':
      return bounds(shape.points.map((p) => ({ x: p.x, y: p.y, width: 0, height: 0 })));
    case 'text':
      return { x: shape.x, y: shape.y - shape.style.size, width: shape.width, height: shape.style.size * 1.3 };
  }
}

/** The diagram's shapes (links under factors under highlights), and the rectangle they cover with a little air. */
function diagramScene(layout: ExportLayout): { shapes: Shape[]; box: Rect } {
  const shapes = [...layout.links.flatMap((l) => l.shapes), ...layout.boxes.flatMap((b) => b.shapes), ...layout.highlights];
  if (shapes.length === 0) return { shapes, box: { x: 0, y: 0, width: 1, height: 1 } };
  const b = bounds(shapes.map(shapeBounds));
  const pad = 8;
  return { shapes, box: { x: b.x - pad, y: b.y - pad, width: b.width + 2 * pad, height: b.height + 2 * pad } };
}

/** The same diagram with no text: factors as coloured boxes, links as thin lines (for the overview of the parts). */
function overviewShapes(layout: ExportLayout): Shape[] {
  return [
    ...layout.links.flatMap((l) => l.segments.map((s) => ({ ...s, stroke: '#9aa5b1', strokeWidth: 2 }))),
    ...layout.boxes.map((b): Shape => ({
      type: 'rect',
      x: b.x,
      y: b.y,
      width: b.width,
      height: b.height,
      radius: 10,
      fill: KIND_FILLS[b.kind],
      stroke: KIND_COLOURS[b.kind],
      strokeWidth: 4,
    })),
    // The loops' outlines, not their numbers: a number this small could not be read.
    ...layout.highlights.filter((s) => s.type === 'rect' && s.fill === undefined),
  ];
}

function minTextSize(shapes: readonly Shape[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const s of shapes) if (s.type === 'text' && s.text !== '') min = Math.min(min, s.style.size);
  return Number.isFinite(min) ? min : MIN_TEXT_PT;
}

/** A flowed line of text, with what it needs around it. */
interface FlowLine {
  readonly text: string;
  readonly style: TextStyle;
  readonly fill: string;
  readonly indent: number;
  readonly height: number;
  readonly gapBefore: number;
  /** A bullet drawn before the line (first line of an item). */
  readonly bullet: boolean;
  /** How many following lines must stand on the same page (a heading is never the last line of a page). */
  readonly keep: number;
}

const ITEM_INDENT = 14;

function blockLines(block: Block, width: number): FlowLine[] {
  const make = (style: TextStyle, fill: string, gapBefore: number, keep: number, indent = 0, bullet = false) =>
    wrapText(block.text, width - indent, style).map((text, i): FlowLine => ({
      text,
      style,
      fill,
      indent,
      height: lineHeight(style),
      gapBefore: i === 0 ? gapBefore : 0,
      bullet: bullet && i === 0,
      keep: i === 0 ? keep : 0,
    }));
  switch (block.kind) {
    case 'heading':
      return make(STYLE.heading, COLOURS.ink, 18, 2);
    case 'subheading':
      return make(STYLE.subheading, COLOURS.ink, 9, 1);
    case 'paragraph':
      return block.soft ? make(STYLE.soft, COLOURS.inkSoft, 2, 0) : make(STYLE.body, COLOURS.ink, 2, 0);
    case 'item':
      return make(STYLE.body, COLOURS.ink, 4, 0, ITEM_INDENT, true);
  }
}

/** Flows the lines over as many pages as they need; returns each page's shapes. */
function flowLines(lines: readonly FlowLine[], left: number, top: number, bottom: number): Shape[][] {
  const pages: Shape[][] = [];
  let shapes: Shape[] = [];
  let y = top;
  lines.forEach((line, i) => {
    let needed = line.gapBefore + line.height;
    for (let k = 1; k <= line.keep && i + k < lines.length; k++) needed += lines[i + k]!.gapBefore + lines[i + k]!.height;
    if (y > top && y + needed > bottom) {
      pages.push(shapes);
      shapes = [];
      y = top;
    }
    if (y > top) y += line.gapBefore;
    if (line.bullet) shapes.push(textShape(left + 3, y, line.height, '•', line.style, line.fill));
    if (line.text !== '') shapes.push(textShape(left + line.indent, y, line.height, line.text, line.style, line.fill));
    y += line.height;
  });
  if (shapes.length > 0) pages.push(shapes);
  return pages;
}

interface PageDraft {
  readonly width: number;
  readonly height: number;
  /** Content layers, placed below a header of `frame` height: filled in once the frame is known. */
  readonly content: (top: number, bottom: number) => PageLayer[];
}

/** The diagram's pages: one page, or an overview and the parts. */
function diagramDrafts(
  layout: ExportLayout,
  legend: { shapes: Shape[]; height: number },
  paper: Paper,
  probe: (width: number, height: number) => { top: number; bottom: number },
  tiledText: (parts: number, from: number, to: number) => string,
  tileText: (n: number, total: number, row: number, column: number) => string,
): { drafts: PageDraft[]; scale: number; parts: number } {
  const scene = diagramScene(layout);
  const { box } = scene;
  const minScale = (MIN_TEXT_PT + 0.01) / minTextSize(scene.shapes);
  const legendHeight = legend.height * LEGEND_SCALE;
  const moved = scene.shapes.map((s) => translateShape(s, -box.x, -box.y));

  // One page, in the orientation where the diagram is largest.
  const options = [false, true].map((portrait) => {
    const size = pageSize(paper, portrait);
    const { top, bottom } = probe(size.width, size.height);
    const width = size.width - 2 * MARGIN;
    const height = bottom - top - legendHeight - GAP;
    return { portrait, size, scale: Math.min(1, width / box.width, height / box.height) };
  });
  const best = options[1]!.scale > options[0]!.scale + 1e-6 ? options[1]! : options[0]!;
  const legendLayer = (y: number): PageLayer => ({ shapes: legend.shapes, x: MARGIN, y, scale: LEGEND_SCALE });
  if (best.scale >= minScale) {
    const scale = best.scale;
    return {
      scale,
      parts: 1,
      drafts: [
        {
          ...best.size,
          content: (top) => [
            { shapes: moved, x: (best.size.width - box.width * scale) / 2, y: top, scale },
            legendLayer(top + box.height * scale + GAP),
          ],
        },
      ],
    };
  }

  // Parts at the smallest readable scale, in the orientation that needs the fewest pages.
  const scale = minScale;
  const captionHeight = lineHeight(STYLE.body) + 4;
  const grids = [false, true].map((portrait) => {
    const size = pageSize(paper, portrait);
    const { top, bottom } = probe(size.width, size.height);
    const window = { width: (size.width - 2 * MARGIN) / scale, height: (bottom - top - captionHeight) / scale };
    const count = (length: number, span: number) => (length <= span ? 1 : Math.ceil((length - TILE_OVERLAP) / (span - TILE_OVERLAP)));
    const columns = count(box.width, window.width);
    const rows = count(box.height, window.height);
    return { size, window, columns, rows };
  });
  const grid = grids[1]!.columns * grids[1]!.rows < grids[0]!.columns * grids[0]!.rows ? grids[1]! : grids[0]!;
  // Each part is one cell of an even grid over the diagram, printed with the air around it up to the page's edge
  // (so neighbouring parts overlap); the overview shows the cells.
  const cell = { width: box.width / grid.columns, height: box.height / grid.rows };
  const start = (length: number, span: number, cellSpan: number, i: number) =>
    length <= span ? (length - span) / 2 : Math.max(0, Math.min(length - span, (i + 0.5) * cellSpan - span / 2));
  const tiles: Array<{ x: number; y: number; row: number; column: number }> = [];
  for (let row = 0; row < grid.rows; row++) {
    for (let column = 0; column < grid.columns; column++) {
      tiles.push({
        x: start(box.width, grid.window.width, cell.width, column),
        y: start(box.height, grid.window.height, cell.height, row),
        row,
        column,
      });
    }
  }
  const parts = tiles.length;

  const overview: PageDraft = {
    ...best.size,
    content: (top, bottom) => {
      const width = best.size.width - 2 * MARGIN;
      const intro = wrapText(tiledText(parts, 2, parts + 1), width, STYLE.body);
      const introShapes = intro.map((line, i) =>
        textShape(MARGIN, top + i * lineHeight(STYLE.body), lineHeight(STYLE.body), line, STYLE.body, COLOURS.ink),
      );
      const mapTop = top + intro.length * lineHeight(STYLE.body) + GAP;
      const mapHeight = bottom - mapTop - legendHeight - GAP;
      const k = Math.min(width / box.width, mapHeight / box.height);
      const left = (best.size.width - box.width * k) / 2;
      const map = overviewShapes(layout).map((s) => translateShape(s, -box.x, -box.y));
      const frames: Shape[] = tiles.flatMap((t, i) => {
        const x = left + t.column * cell.width * k;
        const y = mapTop + t.row * cell.height * k;
        const w = cell.width * k;
        const h = cell.height * k;
        const label = String(i + 1);
        const labelWidth = measureText(label, STYLE.tileNumber);
        const pill = Math.max(22, labelWidth + 12);
        return [
          { type: 'rect', x, y, width: w, height: h, radius: 0, stroke: COLOURS.ink, strokeWidth: 1, dash: [4, 3] },
          { type: 'rect', x: x + w / 2 - pill / 2, y: y + h / 2 - 11, width: pill, height: 22, radius: 11, fill: COLOURS.ink },
          textShape(x + w / 2 - labelWidth / 2, y + h / 2 - 11, 22, label, STYLE.tileNumber, COLOURS.page),
        ];
      });
      return [
        { shapes: introShapes, x: 0, y: 0, scale: 1 },
        { shapes: map, x: left, y: mapTop, scale: k },
        { shapes: frames, x: 0, y: 0, scale: 1 },
        legendLayer(mapTop + box.height * k + GAP),
      ];
    },
  };
  const tileDrafts = tiles.map((t, i): PageDraft => ({
    ...grid.size,
    content: (top, bottom) => {
      const caption = tileText(i + 1, parts, t.row + 1, t.column + 1);
      const windowTop = top + captionHeight;
      const clip = { x: MARGIN, y: windowTop, width: grid.size.width - 2 * MARGIN, height: bottom - windowTop };
      return [
        { shapes: [textShape(MARGIN, top, lineHeight(STYLE.body), caption, STYLE.body, COLOURS.inkSoft)], x: 0, y: 0, scale: 1 },
        { shapes: moved, x: MARGIN - t.x * scale, y: windowTop - t.y * scale, scale, clip },
      ];
    },
  }));
  return { drafts: [overview, ...tileDrafts], scale, parts };
}

/** Lays out the whole report. Pure: runs in the browser, on the server's worker and in the CLI. */
export function layoutReport(analysis: Analysis, options: ReportOptions = {}): ReportLayout {
  const language = options.language ?? 'nl';
  const words = REPORT_WORDS[language];
  const exportWords = WORDS[language];
  const paper = options.paper ?? 'A4';
  const at = options.exportedAt ?? new Date();
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { date, time } = formatExportDate(at, language, timeZone);
  const header: HeaderText = {
    title: analysis.title.trim() || exportWords.untitled,
    confidential: words.confidential,
    meta: [words.reportTitle, words.madeAt(date, time, timeZone), words.version(options.version?.trim() || words.currentVersion)].join(
      ' · ',
    ),
  };
  // The page number's width does not change the frame's height: probe with a placeholder.
  const probe = (width: number, height: number) => frame(width, height, header, words.page(1, 1));

  const layout = layoutExport(analysis, { ...options, legend: false });
  const legendWidth = (PAPER_SIZES[paper].height - 2 * MARGIN) / LEGEND_SCALE;
  const legendLayout = layoutLegend(exportWords, options.highlightLoops ?? [], legendWidth);
  const legend = { shapes: [...legendLayout.shapes, ...legendLayout.items.flatMap((i) => i.shapes)], height: legendLayout.height };
  const diagram = diagramDrafts(layout, legend, paper, probe, words.diagramTiled, words.tile);

  const patterns = options.patterns ?? analysePatterns(analysis, { maxLoops: 10_000, timeBudgetMs: 2_000 });
  const factorById = new Map(analysis.factors.map((f) => [f.id, f]));
  const context: ReportContext = {
    analysis,
    patterns,
    words,
    exportWords,
    label: (id) => factorById.get(id)?.label.trim() || exportWords.emptyLabel,
    listedLoops: chooseListedLoops(patterns.loops),
    formatAt: (iso) => {
      const moment = formatExportDate(new Date(iso), language, timeZone);
      return `${moment.date} ${moment.time}`;
    },
  };
  const blocks = (options.sections ?? REPORT_SECTIONS).flatMap((section) => section.blocks(context));
  const portrait = pageSize(paper, true);
  const textFrame = probe(portrait.width, portrait.height);
  const lines = blocks.flatMap((block) => blockLines(block, portrait.width - 2 * MARGIN));
  const textDrafts = flowLines(lines, MARGIN, textFrame.top, textFrame.bottom).map((shapes): PageDraft => ({
    ...portrait,
    content: () => [{ shapes, x: 0, y: 0, scale: 1 }],
  }));

  const drafts = [...diagram.drafts, ...textDrafts];
  const pages = drafts.map((draft, i): ReportPage => {
    const f = frame(draft.width, draft.height, header, words.page(i + 1, drafts.length));
    return {
      width: draft.width,
      height: draft.height,
      layers: [{ shapes: f.shapes, x: 0, y: 0, scale: 1 }, ...draft.content(f.top, f.bottom)],
    };
  });
  const text = pages
    .flatMap((p) => p.layers.flatMap((l) => l.shapes))
    .flatMap((s) => (s.type === 'text' ? [s.text] : []))
    .join('\n');
  return { pages, language, title: analysis.title, diagramScale: diagram.scale, diagramParts: diagram.parts, text };
}
