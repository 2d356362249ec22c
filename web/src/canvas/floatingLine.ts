/**
 * Floating lines: a link is drawn between the borders of its two factors, on the line through their centres, so it
 * attaches wherever the other factor lies. The link on the canvas and the preview while connecting share this.
 */
import type { InternalNode } from '@xyflow/react';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Line {
  readonly s: Point;
  readonly e: Point;
}

/** Space between a factor's border and the end of a line, so the arrowhead stays visible. */
const GAP = 4;
/** How far two links in opposite directions between the same factors are drawn apart, each side. */
const PAIR_SHIFT = 10;

/** The factor's box in flow coordinates: the measured size, or the estimate an undrawn factor carries (nodeSize.ts). */
export function boxOf(node: InternalNode): Box {
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width ?? node.initialWidth ?? 0, height: node.measured.height ?? node.initialHeight ?? 0 };
}

function centre(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Where the line from the box's centre towards `target` leaves the box (plus the gap). */
export function borderPoint(box: Box, target: Point): Point {
  const c = centre(box);
  const w = box.width / 2 + GAP;
  const h = box.height / 2 + GAP;
  const dx = target.x - c.x;
  const dy = target.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = Math.min(w / Math.abs(dx || 1e-9), h / Math.abs(dy || 1e-9));
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

/** The straight line between two factors' borders; `paired`: a link the other way exists, so both move aside. */
export function lineBetween(from: Box, to: Box, paired: boolean): Line {
  const a0 = centre(from);
  const b0 = centre(to);
  const len = Math.hypot(b0.x - a0.x, b0.y - a0.y) || 1;
  const shift = paired ? PAIR_SHIFT : 0;
  const nx = (-(b0.y - a0.y) / len) * shift;
  const ny = ((b0.x - a0.x) / len) * shift;
  const start = borderPoint(from, { x: b0.x + nx, y: b0.y + ny });
  const end = borderPoint(to, { x: a0.x + nx, y: a0.y + ny });
  return { s: { x: start.x + nx, y: start.y + ny }, e: { x: end.x + nx, y: end.y + ny } };
}

/** The line from a factor's border to a free point (the pointer, while no factor is under it). */
export function lineToPoint(from: Box, to: Point): Line {
  return { s: borderPoint(from, to), e: to };
}
