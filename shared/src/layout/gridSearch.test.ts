import { describe, expect, it } from 'vitest';
import { GridState, anneal, type Cell, type GridProblem } from './gridSearch.ts';

/** Six nodes on one loop, 0 → 1 → … → 5 → 0, started in a twisted order on a 4 × 3 grid. */
function twisted(): { problem: GridProblem; cells: Cell[] } {
  const loop = [0, 1, 2, 3, 4, 5];
  const problem: GridProblem = {
    sizes: loop.map(() => ({ width: 100, height: 40 })),
    links: loop.map((v) => ({ from: v, to: (v + 1) % 6, paired: false })),
    loops: [loop],
    cols: 4,
    rows: 3,
    cellWidth: 160,
    cellHeight: 100,
    allowed: loop.map(() => [0, 3] as const),
  };
  // Zig-zag: the loop's sides cross each other.
  const cells: Cell[] = [
    { col: 0, row: 0 },
    { col: 2, row: 2 },
    { col: 1, row: 0 },
    { col: 3, row: 2 },
    { col: 2, row: 0 },
    { col: 0, row: 2 },
  ];
  return { problem, cells };
}

describe('grid search', () => {
  it('anneals a twisted loop into a ring, never ending worse than it began', () => {
    const { problem, cells } = twisted();
    const state = new GridState(problem, cells);
    const before = state.totalCost();
    anneal(state, { steps: 4_000, seed: 1, hot: 100, cold: 2 });
    expect(state.totalCost()).toBeLessThan(before);
    // A ring costs no broken-ring term and no crossing: only the length of its six sides.
    expect(state.totalCost()).toBeLessThan(30);
  });

  it('is deterministic: the same seed gives the same cells; restore puts a snapshot back', () => {
    const runs = [1, 1].map(() => {
      const { problem, cells } = twisted();
      const state = new GridState(problem, cells);
      anneal(state, { steps: 2_000, seed: 7, hot: 100, cold: 2 });
      return state.cells.map((c) => ({ ...c }));
    });
    expect(runs[0]).toEqual(runs[1]);
    const { problem, cells } = twisted();
    const state = new GridState(problem, cells);
    const cost = state.totalCost();
    anneal(state, { steps: 500, seed: 3, hot: 100, cold: 2 });
    state.restore(cells);
    expect(state.cells).toEqual(cells);
    expect(state.totalCost()).toBe(cost);
    for (const c of cells) expect(state.occupantOf(c.col, c.row)).not.toBe(-1);
  });
});
