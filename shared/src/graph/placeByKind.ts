/**
 * A simple deterministic placement for factors without a position: one column per kind, reading left to right
 * as an explanation (vulnerability → trigger → what keeps it going → what makes it worse → the problem), with
 * strengths in a column of their own. The full layered layout replaces this once the layout engine runs.
 */
import type { FactorKind, Position } from '../model/types.ts';

const COLUMN: Record<FactorKind, number> = {
  predisposing: 0,
  precipitating: 1,
  perpetuating: 2,
  aggravating: 3,
  problem: 4,
  protective: 5,
};

export const PLACE_SPACING = { x: 280, y: 120 } as const;

/** Returns a position for every factor id, stacked per kind column in input order. */
export function placeByKind(factors: ReadonlyArray<{ readonly id: string; readonly kind: FactorKind }>): Map<string, Position> {
  const rows = new Map<FactorKind, number>();
  const out = new Map<string, Position>();
  for (const f of factors) {
    const row = rows.get(f.kind) ?? 0;
    rows.set(f.kind, row + 1);
    out.set(f.id, { x: COLUMN[f.kind] * PLACE_SPACING.x, y: row * PLACE_SPACING.y });
  }
  return out;
}
