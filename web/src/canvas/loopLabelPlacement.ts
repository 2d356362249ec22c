/**
 * Where each loop's "R1"/"B1" label goes on the canvas: near the middle of the loop's factors (the mean of their
 * centres), moved outwards step by step until it covers no factor and no label placed before it. A loop for which
 * no free place is found near its middle gets no label: one drawn on top of others could not be read (seen with the
 * 40 loops of the medium example); it is still listed, with its number, in the Patronen panel.
 */
import type { Box } from './presentFit.ts';
import { intersects } from './legendPlacement.ts';

export interface LabelPoint {
  readonly x: number;
  readonly y: number;
}

/** The label's box in diagram coordinates (a little larger than drawn, so it keeps a gap). */
export const LOOP_LABEL_SIZE = { width: 56, height: 34 } as const;
const RINGS = 12;
const STEP = 28;
const DIRECTIONS = 12;

function boxAt(point: LabelPoint, scale: number): Box {
  const width = LOOP_LABEL_SIZE.width * scale;
  const height = LOOP_LABEL_SIZE.height * scale;
  return { x: point.x - width / 2, y: point.y - height / 2, width, height };
}

/** Label centres per loop id; loops whose factors have no box get none. */
export function placeLoopLabels(
  loops: readonly { readonly id: string; readonly factors: readonly string[] }[],
  boxes: ReadonlyMap<string, Box>,
  /** How much larger than LOOP_LABEL_SIZE the labels are drawn (zoomed out, they keep a readable screen size). */
  scale = 1,
): Map<string, LabelPoint> {
  const all = [...boxes.values()];
  const placed: Box[] = [];
  const result = new Map<string, LabelPoint>();
  for (const loop of loops) {
    const own = loop.factors.map((id) => boxes.get(id)).filter((b): b is Box => b !== undefined);
    if (own.length === 0) continue;
    const centre = {
      x: own.reduce((sum, b) => sum + b.x + b.width / 2, 0) / own.length,
      y: own.reduce((sum, b) => sum + b.y + b.height / 2, 0) / own.length,
    };
    const free = (point: LabelPoint) => {
      const box = boxAt(point, scale);
      return !all.some((b) => intersects(box, b)) && !placed.some((b) => intersects(box, b));
    };
    let chosen: LabelPoint | null = null;
    search: for (let ring = 0; ring <= RINGS; ring++) {
      const count = ring === 0 ? 1 : DIRECTIONS;
      for (let i = 0; i < count; i++) {
        const angle = (i / count) * 2 * Math.PI;
        const point = { x: centre.x + Math.cos(angle) * ring * STEP * scale, y: centre.y + Math.sin(angle) * ring * STEP * scale };
        if (free(point)) {
          chosen = point;
          break search;
        }
      }
    }
    if (chosen === null) continue;
    placed.push(boxAt(chosen, scale));
    result.set(loop.id, chosen);
  }
  return result;
}
