/**
 * The range a factor's position may take. Positions come from outside (files, and every sync client), and every
 * loop over geometry (the export's grid index, fitting a view, sizing a picture) is only bounded when they are.
 * A million px either way is far beyond any real diagram (a 5,000-factor analysis spans ~30,000 px) and keeps every
 * sum of coordinates and box sizes an exact integer in a double.
 */
import type { Position } from './types.ts';

export const POSITION_LIMIT = 1_000_000;

/** Whether `value` is a finite number within ±POSITION_LIMIT. */
export function isCoordinateInRange(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= POSITION_LIMIT;
}

/** `value` brought into ±POSITION_LIMIT (a value that is not a finite number becomes 0). */
export function clampCoordinate(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(POSITION_LIMIT, Math.max(-POSITION_LIMIT, value));
}

/** The position brought into range, for everything that writes or reads a position. */
export function clampPosition(position: Position): Position {
  return { x: clampCoordinate(position.x), y: clampCoordinate(position.y) };
}
