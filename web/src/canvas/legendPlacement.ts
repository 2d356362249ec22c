/**
 * Where the legend goes: the first corner of the canvas where it covers no factor. Pure geometry in screen
 * (canvas) coordinates, so the choice is tested without a browser.
 */
import type { Box } from './presentFit.ts';

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export const CORNERS: readonly Corner[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];

export interface CornerOptions {
  /** Distance from the canvas edge (React Flow's panel margin). */
  readonly margin: number;
  /** Extra distance from the bottom edge per corner, for controls that already sit there (zoom buttons, minimap). */
  readonly bottomInset?: Partial<Record<Corner, number>>;
  /** Corners to try, in order of preference. */
  readonly order?: readonly Corner[];
}

/** The legend's box in a corner of a canvas of `width` × `height`. */
export function cornerBox(
  corner: Corner,
  width: number,
  height: number,
  legend: { width: number; height: number },
  options: CornerOptions,
): Box {
  const { margin } = options;
  const left = corner.endsWith('left');
  const top = corner.startsWith('top');
  const inset = options.bottomInset?.[corner] ?? 0;
  return {
    x: left ? margin : width - margin - legend.width,
    y: top ? margin : height - margin - inset - legend.height,
    width: legend.width,
    height: legend.height,
  };
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The first corner (in `options.order`) where the legend fits on the canvas and covers none of `boxes`, or null. */
export function chooseCorner(
  width: number,
  height: number,
  legend: { width: number; height: number },
  boxes: readonly Box[],
  options: CornerOptions,
): Corner | null {
  for (const corner of options.order ?? CORNERS) {
    const box = cornerBox(corner, width, height, legend, options);
    if (box.x < 0 || box.y < 0 || box.x + box.width > width || box.y + box.height > height) continue;
    if (!boxes.some((b) => intersects(box, b))) return corner;
  }
  return null;
}
