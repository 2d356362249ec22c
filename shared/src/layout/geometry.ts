/**
 * Plane geometry for judging a layout: straight links between box borders (as the canvas and the export draw them),
 * where their +/− mark sits, and whether segments, boxes and polygons meet. Pure; numbers in diagram px.
 */
import { borderPoint, centre } from '../export/linkLayout.ts';
import { LINK } from '../export/theme.ts';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The +/− button on the canvas is 24–28 px wide (linking.css); judged as a circle of this radius. */
export const MARK_RADIUS = 14;

/** The centre of a box (the export's link layout draws from the same point). */
export const centreOf: (r: Rect) => Point = centre;

export interface LinkLine {
  readonly s: Point;
  readonly e: Point;
  /** The centre of the +/− mark: 72 % of the way, as on the canvas (LinkEdge.tsx) and in the export. */
  readonly mark: Point;
}

/** The straight line of a link from box `a` to box `b`; `paired` when a link runs the other way too (drawn aside). */
export function linkLine(a: Rect, b: Rect, paired: boolean): LinkLine {
  const a0 = centreOf(a);
  const b0 = centreOf(b);
  const length = Math.hypot(b0.x - a0.x, b0.y - a0.y) || 1;
  const shift = paired ? LINK.pairShift : 0;
  const nx = (-(b0.y - a0.y) / length) * shift;
  const ny = ((b0.x - a0.x) / length) * shift;
  const start = borderPoint(a, { x: b0.x + nx, y: b0.y + ny });
  const end = borderPoint(b, { x: a0.x + nx, y: a0.y + ny });
  const s = { x: start.x + nx, y: start.y + ny };
  const e = { x: end.x + nx, y: end.y + ny };
  return { s, e, mark: { x: s.x + (e.x - s.x) * LINK.markAt, y: s.y + (e.y - s.y) * LINK.markAt } };
}

function cross(o: Point, a: Point, b: Point): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

function onSegment(p: Point, q: Point, r: Point): boolean {
  return (
    Math.min(p.x, r.x) - 1e-9 <= q.x &&
    q.x <= Math.max(p.x, r.x) + 1e-9 &&
    Math.min(p.y, r.y) - 1e-9 <= q.y &&
    q.y <= Math.max(p.y, r.y) + 1e-9
  );
}

/** Whether segments p1–p2 and q1–q2 meet (touching counts). */
export function segmentsMeet(p1: Point, p2: Point, q1: Point, q2: Point): boolean {
  const d1 = cross(q1, q2, p1);
  const d2 = cross(q1, q2, p2);
  const d3 = cross(p1, p2, q1);
  const d4 = cross(p1, p2, q2);
  const eps = 1e-9;
  if (((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps)) && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps))) return true;
  if (Math.abs(d1) <= eps && onSegment(q1, p1, q2)) return true;
  if (Math.abs(d2) <= eps && onSegment(q1, p2, q2)) return true;
  if (Math.abs(d3) <= eps && onSegment(p1, q1, p2)) return true;
  if (Math.abs(d4) <= eps && onSegment(p1, q2, p2)) return true;
  return false;
}

/** Whether segments cross properly: each one's ends strictly on either side of the other. */
export function segmentsCross(p1: Point, p2: Point, q1: Point, q2: Point): boolean {
  const d1 = cross(q1, q2, p1);
  const d2 = cross(q1, q2, p2);
  const d3 = cross(p1, p2, q1);
  const d4 = cross(p1, p2, q2);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** Whether the segment a–b passes through the rectangle grown by `margin` (Liang–Barsky clipping). */
export function segmentHitsRect(a: Point, b: Point, r: Rect, margin = 0): boolean {
  const x0 = r.x - margin;
  const y0 = r.y - margin;
  const x1 = r.x + r.width + margin;
  const y1 = r.y + r.height + margin;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const checks: Array<[number, number]> = [
    [-dx, a.x - x0],
    [dx, x1 - a.x],
    [-dy, a.y - y0],
    [dy, y1 - a.y],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** Whether a circle meets a rectangle. */
export function circleHitsRect(c: Point, radius: number, r: Rect): boolean {
  const nx = Math.max(r.x, Math.min(c.x, r.x + r.width));
  const ny = Math.max(r.y, Math.min(c.y, r.y + r.height));
  return (c.x - nx) ** 2 + (c.y - ny) ** 2 < radius * radius;
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Whether the closed polygon through `points` in this order is simple: no two sides meet except neighbours at
 * their shared corner, and no corner lies on a side. A polygon of 2 points (a loop of two factors) counts as
 * simple when the points differ.
 */
export function isSimplePolygon(points: readonly Point[]): boolean {
  const n = points.length;
  if (n < 2) return true;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (points[i]!.x === points[j]!.x && points[i]!.y === points[j]!.y) return false;
    }
  }
  if (n === 2) return true;
  for (let i = 0; i < n; i++) {
    const a1 = points[i]!;
    const a2 = points[(i + 1) % n]!;
    for (let j = i + 1; j < n; j++) {
      const b1 = points[j]!;
      const b2 = points[(j + 1) % n]!;
      const neighbours = j === i + 1 || (i === 0 && j === n - 1);
      if (neighbours) {
        // Adjacent sides share one corner; they must not fold back over each other.
        const shared = j === i + 1 ? a2 : a1;
        const other = j === i + 1 ? b2 : b1;
        const own = j === i + 1 ? a1 : a2;
        if (
          Math.abs(cross(shared, own, other)) < 1e-9 &&
          (other.x - shared.x) * (own.x - shared.x) + (other.y - shared.y) * (own.y - shared.y) > 0
        )
          return false;
        continue;
      }
      if (segmentsMeet(a1, a2, b1, b2)) return false;
    }
  }
  // Three or more corners on one line enclose nothing: not a ring.
  return Math.abs(polygonArea(points)) > 1e-6;
}

/** Signed area (positive when the corners run counter-clockwise in y-up coordinates). */
export function polygonArea(points: readonly Point[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % points.length]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
}
