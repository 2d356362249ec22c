/** Where imported, pasted and duplicated factors land: pure plans, no DOM. */
import type { Factor, Position } from '@samenzicht/shared/model/types';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Size assumed for a factor that has not been measured (the widest a factor node gets). */
export const DEFAULT_FACTOR_SIZE = { width: 220, height: 64 } as const;

/** The step between successive pastes of the same content. */
export const PASTE_STEP = 40;

/** The rectangle around some factors, or null when there are none. */
export function boundsOf(
  factors: readonly Pick<Factor, 'id' | 'position'>[],
  sizeOf: (id: string) => { width: number; height: number } = () => DEFAULT_FACTOR_SIZE,
): Rect | null {
  if (factors.length === 0) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const f of factors) {
    const size = sizeOf(f.id);
    left = Math.min(left, f.position.x);
    top = Math.min(top, f.position.y);
    right = Math.max(right, f.position.x + size.width);
    bottom = Math.max(bottom, f.position.y + size.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The shift that puts `incoming` to the right of `existing`, tops aligned, with a gap between them. */
export function offsetBesides(existing: Rect | null, incoming: Rect | null, gap = 160): Position {
  if (!existing || !incoming) return { x: 0, y: 0 };
  return { x: Math.round(existing.x + existing.width + gap - incoming.x), y: Math.round(existing.y - incoming.y) };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The shift for the `step`-th paste in a row (step 1 is the first: 40 right and down of the copied factors).
 * When that place cannot be seen (pasting into another analysis, or after scrolling away), the pasted factors are
 * centred in the visible part of the canvas instead, so a paste never seems to do nothing.
 */
export function pasteOffset(incoming: Rect, step: number, visible: Rect | null): Position {
  const shift = { x: PASTE_STEP * step, y: PASTE_STEP * step };
  const moved = { ...incoming, x: incoming.x + shift.x, y: incoming.y + shift.y };
  if (!visible || overlaps(moved, visible)) return shift;
  return {
    x: Math.round(visible.x + visible.width / 2 - (incoming.x + incoming.width / 2)),
    y: Math.round(visible.y + visible.height / 2 - (incoming.y + incoming.height / 2)),
  };
}
