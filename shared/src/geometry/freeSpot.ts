/**
 * Where a new factor goes: the free spot nearest to where the person is looking. Pure and deterministic, so two
 * people adding at once each get a spot computed from what they see, and a test can replay it.
 */

/** A box in flow coordinates: top-left corner and size. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface FreeSpotOptions {
  /** Space kept free around every existing box (px). */
  readonly margin?: number;
  /** Distance between candidate spots (px). */
  readonly step?: number;
}

const DEFAULT_MARGIN = 24;
const DEFAULT_STEP = 20;

function hits(x: number, y: number, width: number, height: number, boxes: readonly Box[], margin: number): boolean {
  for (const b of boxes) {
    if (x < b.x + b.width + margin && b.x < x + width + margin && y < b.y + b.height + margin && b.y < y + height + margin) return true;
  }
  return false;
}

/**
 * The top-left corner for a box of `size` whose centre is as close to `centre` as possible without coming within
 * `margin` of any of `boxes`. Candidates lie on a grid around the centre, searched ring by ring; ties go to the
 * first in a fixed order (right, down, left, up), so the answer depends only on the input.
 */
export function findFreeSpot(
  centre: { readonly x: number; readonly y: number },
  size: { readonly width: number; readonly height: number },
  boxes: readonly Box[],
  options: FreeSpotOptions = {},
): { x: number; y: number } {
  const margin = options.margin ?? DEFAULT_MARGIN;
  const step = Math.max(1, options.step ?? DEFAULT_STEP);
  const originX = Math.round(centre.x - size.width / 2);
  const originY = Math.round(centre.y - size.height / 2);
  const valid = boxes.filter((b) => [b.x, b.y, b.width, b.height].every(Number.isFinite));
  if (!hits(originX, originY, size.width, size.height, valid, margin)) return { x: originX, y: originY };

  // Beyond this ring every candidate lies outside all boxes, so the search always ends.
  let reach = 0;
  for (const b of valid) {
    reach = Math.max(
      reach,
      Math.abs(b.x - originX),
      Math.abs(b.x + b.width - originX),
      Math.abs(b.y - originY),
      Math.abs(b.y + b.height - originY),
    );
  }
  const maxRing = Math.ceil((reach + Math.max(size.width, size.height) + 2 * margin) / step) + 1;

  let best: { x: number; y: number; distance: number } | null = null;
  for (let ring = 1; ring <= maxRing; ring++) {
    // Every spot on a later ring is at least ring * step away: nothing there can beat what we have.
    if (best && best.distance <= ring * step) break;
    for (const [dx, dy] of ringOffsets(ring)) {
      const distance = Math.hypot(dx, dy) * step;
      if (best && distance >= best.distance) continue;
      const x = originX + dx * step;
      const y = originY + dy * step;
      if (!hits(x, y, size.width, size.height, valid, margin)) best = { x, y, distance };
    }
  }
  if (best) return { x: best.x, y: best.y };
  return { x: originX + maxRing * step, y: originY };
}

/** The grid offsets at Chebyshev distance `ring`, starting to the right and going clockwise (y points down). */
function ringOffsets(ring: number): [number, number][] {
  const offsets: [number, number][] = [];
  for (let i = 0; i < 2 * ring; i++) offsets.push([ring, -ring + 1 + i]); // right side, downwards
  for (let i = 0; i < 2 * ring; i++) offsets.push([ring - 1 - i, ring]); // bottom, leftwards
  for (let i = 0; i < 2 * ring; i++) offsets.push([-ring, ring - 1 - i]); // left side, upwards
  for (let i = 0; i < 2 * ring; i++) offsets.push([-ring + 1 + i, -ring]); // top, rightwards
  return offsets;
}
