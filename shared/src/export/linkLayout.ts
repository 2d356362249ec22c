/**
 * One link as the canvas draws it (web/src/canvas/LinkEdge.tsx): a straight line between the borders of two
 * boxes, an arrowhead, and a round +/− mark at 72 % of the line. Two links between the same factors in opposite
 * directions run side by side.
 */
import type { Link } from '../model/types.ts';
import type { LineShape, Point, Shape } from './shapes.ts';
import { COLOURS, LINK, POLARITY_COLOURS } from './theme.ts';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LinkGeometry {
  /** The straight pieces of the line (one, or three for a factor that influences itself). */
  readonly segments: readonly LineShape[];
  readonly tip: Point;
  readonly mark: Point;
  readonly shapes: readonly Shape[];
}

/** The centre of a box. */
export function centre(r: Rect): Point {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/** Where the line from the box's centre towards `target` leaves the box, `LINK.gap` px outside it. */
export function borderPoint(r: Rect, target: Point): Point {
  const c = centre(r);
  const w = r.width / 2 + LINK.gap;
  const h = r.height / 2 + LINK.gap;
  const dx = target.x - c.x;
  const dy = target.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = Math.min(w / Math.abs(dx || 1e-9), h / Math.abs(dy || 1e-9));
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

function line(a: Point, b: Point, stroke: string, strokeWidth: number): LineShape {
  return { type: 'line', x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke, strokeWidth, cap: 'butt' };
}

/** The round mark with a + or − in it, drawn as strokes (no font needed). */
export function polarityMark(at: Point, polarity: Link['polarity'], radius: number = LINK.markRadius): Shape[] {
  const colour = POLARITY_COLOURS[polarity];
  const ratio = radius / LINK.markRadius;
  const arm = LINK.markArm * ratio;
  const armWidth = LINK.markArmWidth * Math.max(ratio, 0.8);
  const shapes: Shape[] = [
    {
      type: 'circle',
      cx: at.x,
      cy: at.y,
      r: radius - LINK.markStroke / 2,
      fill: COLOURS.markFill,
      stroke: colour,
      strokeWidth: LINK.markStroke,
    },
    { type: 'line', x1: at.x - arm, y1: at.y, x2: at.x + arm, y2: at.y, stroke: colour, strokeWidth: armWidth, cap: 'round' },
  ];
  if (polarity === '+') {
    shapes.push({ type: 'line', x1: at.x, y1: at.y - arm, x2: at.x, y2: at.y + arm, stroke: colour, strokeWidth: armWidth, cap: 'round' });
  }
  return shapes;
}

/** An arrowhead with its tip at `tip`, pointing along `direction` (a unit vector). */
export function arrowHead(tip: Point, direction: Point, colour: string, scale = 1): Shape {
  const length = LINK.arrowLength * scale;
  const half = LINK.arrowHalfWidth * scale;
  const base = { x: tip.x - direction.x * length, y: tip.y - direction.y * length };
  return {
    type: 'polygon',
    points: [
      tip,
      { x: base.x - direction.y * half, y: base.y + direction.x * half },
      { x: base.x + direction.y * half, y: base.y - direction.x * half },
    ],
    fill: colour,
  };
}

/** A factor that influences itself: a small square loop over the box's top right corner. */
function layoutSelfLink(box: Rect, link: Link, strokeWidth: number, arrowScale: number): LinkGeometry {
  const colour = POLARITY_COLOURS[link.polarity];
  const right = box.x + box.width;
  const a = { x: right - 36, y: box.y - LINK.gap };
  const b = { x: right - 36, y: box.y - 28 };
  const c = { x: right - 12, y: b.y };
  const tip = { x: right - 12, y: box.y - LINK.gap };
  const beforeTip = { x: tip.x, y: tip.y - LINK.arrowLength * arrowScale };
  const segments = [line(a, b, colour, strokeWidth), line(b, c, colour, strokeWidth), line(c, beforeTip, colour, strokeWidth)];
  const mark = { x: (b.x + c.x) / 2, y: b.y };
  return {
    segments,
    tip,
    mark,
    shapes: [...segments, arrowHead(tip, { x: 0, y: 1 }, colour, arrowScale), ...polarityMark(mark, link.polarity)],
  };
}

/** Where along the line the mark may go, best first: the canvas's 72 %, then nearby, then anywhere visible. */
const MARK_PLACES = [LINK.markAt, 0.62, 0.82, 0.5, 0.9, 0.4, 0.3, 0.2] as const;

/** Answers whether a mark of radius `r` at `p` would be hidden (by a factor's box). */
export type IsCovered = (p: Point, r: number) => boolean;

/**
 * Lays out one link from box `from` to box `to`; `paired` when a link runs the other way between them too. A link
 * that passes under other boxes gets its mark moved along the line to where it is seen (else it stays at 72 %).
 */
export function layoutLink(
  link: Link,
  from: Rect,
  to: Rect,
  paired: boolean,
  highlighted: boolean,
  isCovered: IsCovered = () => false,
): LinkGeometry {
  const strokeWidth = highlighted ? LINK.highlightWidth : LINK.width;
  const arrowScale = highlighted ? 1.3 : 1;
  if (link.from === link.to) return layoutSelfLink(from, link, strokeWidth, arrowScale);
  const colour = POLARITY_COLOURS[link.polarity];
  const a0 = centre(from);
  const b0 = centre(to);
  const length = Math.hypot(b0.x - a0.x, b0.y - a0.y) || 1;
  const shift = paired ? LINK.pairShift : 0;
  const nx = (-(b0.y - a0.y) / length) * shift;
  const ny = ((b0.x - a0.x) / length) * shift;
  const start = borderPoint(from, { x: b0.x + nx, y: b0.y + ny });
  const end = borderPoint(to, { x: a0.x + nx, y: a0.y + ny });
  const s = { x: start.x + nx, y: start.y + ny };
  const tip = { x: end.x + nx, y: end.y + ny };
  const span = Math.hypot(tip.x - s.x, tip.y - s.y);
  const direction = span > 0 ? { x: (tip.x - s.x) / span, y: (tip.y - s.y) / span } : { x: 1, y: 0 };
  // The line stops where the arrowhead starts, so it never pokes through the tip.
  const back = Math.min(span, LINK.arrowLength * arrowScale * 0.8);
  const lineEnd = { x: tip.x - direction.x * back, y: tip.y - direction.y * back };
  const at = (t: number) => ({ x: s.x + (tip.x - s.x) * t, y: s.y + (tip.y - s.y) * t });
  const place = MARK_PLACES.find((t) => !isCovered(at(t), LINK.markRadius)) ?? LINK.markAt;
  const mark = at(place);
  const segment = line(s, lineEnd, colour, strokeWidth);
  return {
    segments: [segment],
    tip,
    mark,
    shapes: [segment, arrowHead(tip, direction, colour, arrowScale), ...polarityMark(mark, link.polarity)],
  };
}
