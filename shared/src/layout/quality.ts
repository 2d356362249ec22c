/**
 * How well a layout reads, measured on what the canvas draws (straight links between box borders, the +/− mark at
 * 72 %): overlapping factors, crossing links, links through factors they do not touch, marks under a factor or
 * another mark, loops that form a simple polygon in their order, and the zoom at which the whole diagram fits a
 * 1920 × 1080 screen. Used by the tests and the benchmark, for our layout and for ELK's alike.
 */
import type { Link } from '../model/types.ts';
import { TEXT } from '../export/theme.ts';
import {
  MARK_RADIUS,
  centreOf,
  circleHitsRect,
  isSimplePolygon,
  linkLine,
  rectsOverlap,
  segmentHitsRect,
  segmentsCross,
  type LinkLine,
  type Rect,
} from './geometry.ts';

export interface LayoutQuality {
  readonly factors: number;
  readonly links: number;
  /** Pairs of factors whose boxes overlap. */
  readonly overlaps: number;
  /** Pairs of links without a shared factor that cross. */
  readonly crossings: number;
  /** (link, factor) pairs where the link passes through a factor it does not connect. */
  readonly linksThroughFactors: number;
  /** +/− marks under a factor, plus pairs of marks on top of each other. */
  readonly markClashes: number;
  readonly loops: number;
  /** Loops whose factors, joined in loop order, form a simple polygon (a ring). */
  readonly loopsAsRings: number;
  readonly width: number;
  readonly height: number;
  /** Width / height of the diagram. */
  readonly aspect: number;
  /** The zoom at which the whole diagram fits a 1920 × 1080 screen (40 px margin). */
  readonly fitZoom: number;
  /** The size a factor label is drawn at that zoom, in css px (readable from 16). */
  readonly labelPx: number;
}

export const SCREEN = { width: 1920, height: 1080, margin: 40 } as const;

/** Measures a layout: `boxes` holds every factor's box (position and size), `loops` each loop's factors in order. */
export function measureLayout(
  links: readonly Pick<Link, 'id' | 'from' | 'to'>[],
  boxes: ReadonlyMap<string, Rect>,
  loops: readonly (readonly string[])[],
): LayoutQuality {
  const ids = [...boxes.keys()];
  const rects = ids.map((id) => boxes.get(id)!);
  let overlaps = 0;
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) if (rectsOverlap(rects[i]!, rects[j]!)) overlaps++;
  }
  const pairs = new Set(links.map((l) => `${l.from}\u0000${l.to}`));
  const drawn: Array<{ link: Pick<Link, 'id' | 'from' | 'to'>; line: LinkLine }> = [];
  for (const link of links) {
    const a = boxes.get(link.from);
    const b = boxes.get(link.to);
    if (!a || !b || link.from === link.to) continue;
    drawn.push({ link, line: linkLine(a, b, pairs.has(`${link.to}\u0000${link.from}`)) });
  }
  let crossings = 0;
  let markClashes = 0;
  for (let i = 0; i < drawn.length; i++) {
    const p = drawn[i]!;
    for (let j = i + 1; j < drawn.length; j++) {
      const q = drawn[j]!;
      const mp = p.line.mark;
      const mq = q.line.mark;
      if (Math.hypot(mp.x - mq.x, mp.y - mq.y) < 2 * MARK_RADIUS) markClashes++;
      const shared = p.link.from === q.link.from || p.link.from === q.link.to || p.link.to === q.link.from || p.link.to === q.link.to;
      if (!shared && segmentsCross(p.line.s, p.line.e, q.line.s, q.line.e)) crossings++;
    }
  }
  let linksThroughFactors = 0;
  for (const { link, line } of drawn) {
    ids.forEach((id, k) => {
      if (id === link.from || id === link.to) return;
      const r = rects[k]!;
      if (segmentHitsRect(line.s, line.e, r)) linksThroughFactors++;
      if (circleHitsRect(line.mark, MARK_RADIUS, r)) markClashes++;
    });
    // A mark on a very short link lands on its own factors.
    if (circleHitsRect(line.mark, MARK_RADIUS, boxes.get(link.from)!) || circleHitsRect(line.mark, MARK_RADIUS, boxes.get(link.to)!))
      markClashes++;
  }
  let loopsAsRings = 0;
  for (const loop of loops) {
    const points = loop
      .map((id) => boxes.get(id))
      .filter((r): r is Rect => r !== undefined)
      .map(centreOf);
    if (points.length === loop.length && isSimplePolygon(points)) loopsAsRings++;
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  const width = rects.length > 0 ? maxX - minX : 0;
  const height = rects.length > 0 ? maxY - minY : 0;
  const fitZoom = Math.min(
    (SCREEN.width - 2 * SCREEN.margin) / Math.max(1, width),
    (SCREEN.height - 2 * SCREEN.margin) / Math.max(1, height),
  );
  return {
    factors: rects.length,
    links: drawn.length,
    overlaps,
    crossings,
    linksThroughFactors,
    markClashes,
    loops: loops.length,
    loopsAsRings,
    width,
    height,
    aspect: height > 0 ? width / height : 0,
    fitZoom,
    labelPx: TEXT.label.size * fitZoom,
  };
}
