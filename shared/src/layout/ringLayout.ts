/**
 * "Netjes maken": the layout that reads as an explanation. Bands left to right follow the method: where it began
 * (predisposing, precipitating) → what keeps it going and makes it worse, with every loop drawn as a ring (its
 * factors in loop order round a centre; loops that share factors share ring sides) → the concern(s); strengths
 * stand beside what they act on. Factors sit in a grid so no two overlap; a hill climb and seeded simulated
 * annealing (gridSearch.ts) then move them until no link runs through a factor and no +/− mark hides under one, with
 * as few crossings and broken rings as they can. The result is pulled together towards the screen's shape where that
 * breaks nothing (`squeeze`). After a small edit only the factors out of line move, when that is about as good
 * (`repaired`). Pure and deterministic: the same analysis and sizes give the same positions.
 */
import type { FactorKind, Position } from '../model/types.ts';
import { COST, GridState, anneal, improve, type Cell, type GridProblem } from './gridSearch.ts';
import { measureLayout, type LayoutQuality } from './quality.ts';
import { rectsOverlap, type Rect } from './geometry.ts';
import { hopDistances, stressLayout } from './stress.ts';

export interface LayoutFactor {
  readonly id: string;
  readonly kind: FactorKind;
  readonly position: Position;
}

export interface LayoutLink {
  readonly id: string;
  readonly from: string;
  readonly to: string;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface RingLayoutInput {
  readonly factors: readonly LayoutFactor[];
  readonly links: readonly LayoutLink[];
  /** The drawn size of every factor (canvas measurement or the export's box layout). */
  readonly sizes: ReadonlyMap<string, Size>;
  /** Loops as factor ids in order (shortest first). */
  readonly loops: readonly (readonly string[])[];
  /** Told the share of the work done (0 to 1) after each stage of the search; last with 1. */
  readonly onProgress?: (share: number) => void;
}

export interface Move {
  readonly id: string;
  readonly position: Position;
}

/** Space between boxes: across (between columns) and down (between rows). */
export const GAP = { x: 56, y: 52 } as const;
/** Loops that take part in the search (the shortest); longer or further loops are measured, not steered. */
const MAX_STEERED_LOOPS = 300;
/** A cluster of loops up to this many factors is laid out as rings round a rectangle; larger ones as a block. */
const MAX_RING = 18;
/**
 * The shares of grid cells that hold a factor, tried when sizing the grid: roomy grids untangle best, tight ones
 * fit the screen at a readable zoom; the cost (layoutCost) chooses. Small diagrams try all, large ones the roomiest.
 */
const FILLS = [0.35, 0.5, 0.65, 0.8] as const;
/**
 * Up to this many factors the diagram should fit 1920 × 1080 with readable labels (tight grids are tried, and a
 * label under 16 px costs as much as a few broken rings). The goal is for up to 30; the margin keeps a diagram of 30
 * that gains a factor or two from falling apart into a roomy layout.
 */
const SCREEN_FACTORS = 40;
/**
 * The one grid size tried above `SCREEN_FACTORS`: roomy, since such a diagram is read zoomed in anyway and room
 * untangles (the medium example: 45 crossings at 0.25 against 75 at 0.35); a little tighter for large diagrams,
 * where the search is shorter and a roomy grid left more links through factors.
 */
const ROOMY_FILL = 0.25;
const BIG_FILL = 0.35;
/** Simulated annealing after the hill climb (gridSearch.ts `anneal`): moves tried per factor, and temperatures. */
const ANNEAL = {
  shortStepsPerFactor: 300,
  stepsPerFactor: 800,
  roomyStepsPerFactor: 400,
  bigStepsPerFactor: 100,
  hot: 100,
  keptHot: 40,
  cold: 2,
} as const;
/** Current positions (and a layout started from them) are kept unless a fresh layout is better by more than this share of the cost. */
const KEEP_MARGIN = 0.1;
/** Current positions are kept when they cost at most this share more than the layout made now. */
const SAME_MARGIN = 0.02;

type Band = 0 | 1 | 2;

function bandOf(kind: FactorKind, onLoop: boolean): Band {
  if (onLoop) return 1;
  switch (kind) {
    case 'predisposing':
    case 'precipitating':
      return 0;
    case 'problem':
      return 2;
    case 'perpetuating':
    case 'aggravating':
    case 'protective':
      return 1;
  }
}

/** Order of kinds within a band column, top to bottom. */
const KIND_ORDER: Record<FactorKind, number> = {
  predisposing: 0,
  precipitating: 1,
  perpetuating: 2,
  aggravating: 3,
  problem: 4,
  protective: 5,
};

/** Sets of factors joined by shared loops; each list in a circular order that follows as many loops as it can. */
function loopClusters(n: number, loops: readonly (readonly number[])[]): number[][] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const loop of loops) for (const v of loop) parent[find(v)] = find(loop[0]!);
  const groups = new Map<number, number[][]>();
  for (const loop of loops) {
    const root = find(loop[0]!);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push([...loop]);
  }
  const out: number[][] = [];
  for (const group of groups.values()) {
    // Start from the longest loop; add each further loop's new factors between the placed ones they run between.
    const sorted = [...group].sort((a, b) => b.length - a.length);
    const base = sorted.find((l) => l.length <= MAX_RING) ?? sorted[sorted.length - 1]!;
    const order = [...base];
    const placed = new Set(order);
    let changed = true;
    while (changed) {
      changed = false;
      for (const loop of [...group].sort((a, b) => a.length - b.length)) {
        const k = loop.length;
        const start = loop.findIndex((v) => placed.has(v));
        if (start === -1 || loop.every((v) => placed.has(v))) continue;
        for (let step = 1; step <= k; step++) {
          const v = loop[(start + step) % k]!;
          if (placed.has(v)) continue;
          const before = loop[(start + step - 1 + k) % k]!;
          order.splice(order.indexOf(before) + 1, 0, v);
          placed.add(v);
          changed = true;
        }
      }
    }
    out.push(order);
  }
  return out.sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

/** Cells round the border of a w × h rectangle, clockwise from the top-left. */
function ringCells(w: number, h: number): Cell[] {
  const cells: Cell[] = [];
  for (let c = 0; c < w; c++) cells.push({ col: c, row: 0 });
  for (let r = 1; r < h; r++) cells.push({ col: w - 1, row: r });
  if (h > 1) for (let c = w - 2; c >= 0; c--) cells.push({ col: c, row: h - 1 });
  if (w > 1) for (let r = h - 2; r >= 1; r--) cells.push({ col: 0, row: r });
  return cells;
}

/** Local cells for a cluster in circular order: round a rectangle (a ring), or a back-and-forth block when large. */
function clusterShape(k: number): { width: number; height: number; cells: Cell[] } {
  if (k <= MAX_RING) {
    let best = { w: 2, h: 1 };
    let bestScore = Infinity;
    for (let h = 1; h <= k; h++) {
      for (let w = h; w <= h + 3; w++) {
        const perimeter = w === 1 || h === 1 ? w * h : 2 * (w + h) - 4;
        if (perimeter < k) continue;
        const score = perimeter - k + (w - h) * 0.5 + (h === 1 && k > 2 ? 10 : 0);
        if (score < bestScore) {
          bestScore = score;
          best = { w, h };
        }
      }
    }
    const ring = ringCells(best.w, best.h);
    const cells = Array.from({ length: k }, (_, i) => ring[Math.floor((i * ring.length) / k)]!);
    return { width: best.w, height: best.h, cells };
  }
  const w = Math.ceil(Math.sqrt(k * 1.6));
  const h = Math.ceil(k / w);
  const cells = Array.from({ length: k }, (_, i) => {
    const row = Math.floor(i / w);
    const col = i % w;
    return { col: row % 2 === 0 ? col : w - 1 - col, row };
  });
  return { width: w, height: h, cells };
}

interface Plan {
  readonly problem: GridProblem;
  readonly cells: Cell[];
}

/** The grid, the bands and a first placement: bands in columns, loop clusters as rings, the rest near their links. */
function firstPlan(input: RingLayoutInput, index: ReadonlyMap<string, number>, fill: number): Plan {
  const n = input.factors.length;
  const sizes = input.factors.map((f) => input.sizes.get(f.id) ?? { width: 180, height: 64 });
  const pairs = new Set(input.links.map((l) => `${l.from}\u0000${l.to}`));
  const links = input.links
    .filter((l) => l.from !== l.to && index.has(l.from) && index.has(l.to))
    .map((l) => ({ from: index.get(l.from)!, to: index.get(l.to)!, paired: pairs.has(`${l.to}\u0000${l.from}`) }));
  const seen = new Set<string>();
  const loops: number[][] = [];
  for (const loop of input.loops) {
    if (!loop.every((id) => index.has(id))) continue;
    const key = loop.join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    loops.push(loop.map((id) => index.get(id)!));
    if (loops.length >= MAX_STEERED_LOOPS) break;
  }
  const onLoop = new Set(loops.flat());
  const bands = input.factors.map((f, v) => bandOf(f.kind, onLoop.has(v)));
  const cellWidth = Math.max(...sizes.map((s) => s.width)) + GAP.x;
  const cellHeight = Math.max(...sizes.map((s) => s.height)) + GAP.y;

  const clusters = loopClusters(n, loops);
  const shapes = clusters.map((c) => clusterShape(c.length));
  const count = (b: Band) => bands.filter((x) => x === b).length;
  // Rows and columns for a 16:9 diagram with room to move.
  const cellsWanted = Math.ceil(n / fill) + 2;
  const rows = Math.max(2, Math.round(Math.sqrt((cellsWanted * cellWidth * 9) / (cellHeight * 16))), ...shapes.map((s) => s.height));
  const leftCols = count(0) > 0 ? Math.ceil(count(0) / rows) : 0;
  const rightCols = count(2) > 0 ? Math.ceil(count(2) / rows) : 0;
  // Middle: pack the clusters on shelves, then leave room for the factors of the middle band that are on no loop.
  const loose = count(1) - clusters.reduce((s, c) => s + c.length, 0);
  const wantedMiddle = Math.max(1, Math.ceil(cellsWanted / rows) - leftCols - rightCols);
  let middleCols = Math.max(wantedMiddle, ...shapes.map((s) => s.width), Math.ceil(loose / rows) + 1);
  const placements: Cell[] = [];
  const pack = (width: number): number => {
    placements.length = 0;
    let x = 0;
    let y = 0;
    let shelf = 0;
    for (const s of shapes) {
      if (x > 0 && x + s.width > width) {
        x = 0;
        y += shelf + 1;
        shelf = 0;
      }
      placements.push({ col: x, row: y });
      x += s.width + 1;
      shelf = Math.max(shelf, s.height);
    }
    return y + shelf;
  };
  while (pack(middleCols) > rows && middleCols < 4 * n) middleCols++;
  const offsetY = Math.max(0, Math.floor((rows - pack(middleCols)) / 2));
  const cols = leftCols + middleCols + rightCols;
  const cells: Cell[] = new Array<Cell>(n);
  const taken = new Set<number>();
  const put = (v: number, col: number, row: number) => {
    cells[v] = { col, row };
    taken.add(row * cols + col);
  };
  clusters.forEach((cluster, i) => {
    const at = placements[i]!;
    cluster.forEach((v, k) => put(v, leftCols + at.col + shapes[i]!.cells[k]!.col, at.row + offsetY + shapes[i]!.cells[k]!.row));
  });
  const allowed: Array<[number, number]> = input.factors.map((f, v) => {
    const band = bands[v]!;
    if (band === 0) return [0, Math.max(0, leftCols - 1)];
    if (band === 2) return [leftCols + middleCols, cols - 1];
    // Strengths and loop factors that are concerns may stand beside the concerns too.
    if (f.kind === 'protective' || f.kind === 'problem') return [leftCols, cols - 1];
    return [leftCols, leftCols + middleCols - 1];
  });
  // The edge bands: stacked by kind, centred.
  for (const band of [0, 2] as const) {
    const members = input.factors
      .map((f, v) => ({ f, v }))
      .filter(({ v }) => bands[v] === band)
      .sort((a, b) => KIND_ORDER[a.f.kind] - KIND_ORDER[b.f.kind] || a.v - b.v);
    const first = band === 0 ? 0 : leftCols + middleCols;
    const perCol = Math.ceil(members.length / Math.max(1, band === 0 ? leftCols : rightCols));
    members.forEach(({ v }, i) => {
      const col = first + Math.floor(i / perCol);
      const inCol = Math.min(perCol, members.length - Math.floor(i / perCol) * perCol);
      put(v, col, Math.floor((rows - inCol) / 2) + (i % perCol));
    });
  }
  // Everything else: the free allowed cell closest to its placed neighbours, most-connected first.
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  for (const l of links) {
    neighbours[l.from]!.push(l.to);
    neighbours[l.to]!.push(l.from);
  }
  const rest = new Set(input.factors.map((_, v) => v).filter((v) => cells[v] === undefined));
  while (rest.size > 0) {
    let pick = -1;
    let pickScore = -1;
    for (const v of rest) {
      const score = neighbours[v]!.filter((u) => cells[u] !== undefined).length;
      if (score > pickScore) {
        pick = v;
        pickScore = score;
      }
    }
    const placedNeighbours = neighbours[pick]!.filter((u) => cells[u] !== undefined);
    const [first, last] = allowed[pick]!;
    const target =
      placedNeighbours.length > 0
        ? {
            col: placedNeighbours.reduce((s, u) => s + cells[u]!.col, 0) / placedNeighbours.length,
            row: placedNeighbours.reduce((s, u) => s + cells[u]!.row, 0) / placedNeighbours.length,
          }
        : { col: (first + last) / 2, row: rows / 2 };
    let best: Cell | null = null;
    let bestDistance = Infinity;
    for (let row = 0; row < rows; row++) {
      for (let col = first; col <= last; col++) {
        if (taken.has(row * cols + col)) continue;
        const d = Math.hypot(col - target.col, (row - target.row) * (cellHeight / cellWidth));
        if (d < bestDistance - 1e-9) {
          bestDistance = d;
          best = { col, row };
        }
      }
    }
    if (!best) throw new Error('layout grid is full');
    put(pick, best.col, best.row);
    rest.delete(pick);
  }
  const problem: GridProblem = { sizes, links, loops, cols, rows, cellWidth, cellHeight, allowed };
  return { problem, cells: untangle(problem, cells, bands, [leftCols, leftCols + middleCols - 1]) };
}

/**
 * Moves the middle band to where stress majorization puts it (starting from the rings), then back onto free cells:
 * the rings keep their order, and the rest of the graph unfolds around them with few crossings. The edge bands
 * keep their columns and take the order the stress layout gives them, top to bottom.
 */
function untangle(problem: GridProblem, start: readonly Cell[], bands: readonly Band[], middle: readonly [number, number]): Cell[] {
  const { cellWidth, cellHeight, rows, cols } = problem;
  const n = start.length;
  const points = start.map((c) => ({ x: (c.col + 0.5) * cellWidth, y: (c.row + 0.5) * cellHeight }));
  const distance = hopDistances(
    n,
    problem.links.map((l) => [l.from, l.to] as const),
  ).map((row) => row.map((d) => d * cellWidth * 0.9));
  const placed = stressLayout(points, distance, 80);
  const cells: Cell[] = new Array<Cell>(n);
  const taken = new Set<number>();
  // Edge bands: same columns, rows in the order of the stress layout.
  for (const band of [0, 2] as const) {
    const byCol = new Map<number, number[]>();
    start.forEach((c, v) => {
      if (bands[v] !== band) return;
      if (!byCol.has(c.col)) byCol.set(c.col, []);
      byCol.get(c.col)!.push(v);
    });
    for (const [col, members] of byCol) {
      const rowsUsed = members.map((v) => start[v]!.row).sort((a, b) => a - b);
      const order = [...members].sort((a, b) => placed[a]!.y - placed[b]!.y || a - b);
      order.forEach((v, i) => {
        cells[v] = { col, row: rowsUsed[i]! };
        taken.add(rowsUsed[i]! * cols + col);
      });
    }
  }
  // Middle band: scaled into its columns, each factor on the free allowed cell nearest to where stress put it.
  const mids = start.map((_, v) => v).filter((v) => bands[v] === 1 || cells[v] === undefined);
  if (mids.length === 0) return cells;
  const xs = mids.map((v) => placed[v]!.x);
  const ys = mids.map((v) => placed[v]!.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const areaW = (middle[1] - middle[0] + 1) * cellWidth;
  const areaH = rows * cellHeight;
  const scale = Math.min(1, (areaW - cellWidth) / Math.max(1, maxX - minX), (areaH - cellHeight) / Math.max(1, maxY - minY));
  const offX = middle[0] * cellWidth + (areaW - (maxX - minX) * scale) / 2;
  const offY = (areaH - (maxY - minY) * scale) / 2;
  const target = (v: number) => ({
    col: (offX + (placed[v]!.x - minX) * scale) / cellWidth - 0.5,
    row: (offY + (placed[v]!.y - minY) * scale) / cellHeight - 0.5,
  });
  // Most-linked first: they anchor the picture.
  const degree = new Array<number>(n).fill(0);
  for (const l of problem.links) {
    degree[l.from]!++;
    degree[l.to]!++;
  }
  for (const v of [...mids].sort((a, b) => degree[b]! - degree[a]! || a - b)) {
    const t = target(v);
    const [first, last] = problem.allowed[v]!;
    let best: Cell | null = null;
    let bestDistance = Infinity;
    for (let row = 0; row < rows; row++) {
      for (let col = first; col <= last; col++) {
        if (taken.has(row * cols + col)) continue;
        const d = Math.hypot((col - t.col) * cellWidth, (row - t.row) * cellHeight);
        if (d < bestDistance - 1e-9) {
          bestDistance = d;
          best = { col, row };
        }
      }
    }
    if (!best) throw new Error('layout grid is full');
    cells[v] = best;
    taken.add(best.row * cols + best.col);
  }
  return cells;
}

/** Distinct values (within `tolerance`) in increasing order: the columns or rows a laid-out diagram stands in. */
function ranks(values: readonly number[], tolerance: number): (value: number) => number {
  const sorted = [...values].sort((a, b) => a - b);
  const starts: number[] = [];
  for (const v of sorted) if (starts.length === 0 || v - starts[starts.length - 1]! > tolerance) starts.push(v);
  return (value) => {
    let i = 0;
    while (i + 1 < starts.length && value - starts[i + 1]! >= -tolerance) i++;
    return i;
  };
}

/**
 * The cells of the plan's grid nearest to where the factors stand now (their columns and rows by rank), so a
 * layout after a small edit starts from the one before: a factor whose cell is taken or outside its band, or that
 * is new, goes to the free cell of its band nearest to its neighbours. Null when the current diagram does not fit.
 */
function cellsFromCurrent(input: RingLayoutInput, plan: Plan): Plan | null {
  const { problem: planned } = plan;
  const centres = input.factors.map((f, v) => ({
    x: f.position.x + planned.sizes[v]!.width / 2,
    y: f.position.y + planned.sizes[v]!.height / 2,
  }));
  const colOf = ranks(
    centres.map((c) => c.x),
    planned.cellWidth / 3,
  );
  const rowOf = ranks(
    centres.map((c) => c.y),
    planned.cellHeight / 3,
  );
  const cols = Math.max(...centres.map((c) => colOf(c.x))) + 1;
  const rows = Math.max(...centres.map((c) => rowOf(c.y))) + 1;
  // A diagram much taller than the plan (a column, or factors piled up) is not a layout to keep.
  if (cols > planned.cols || rows > planned.rows + 2) return null;
  // More rows than planned (a factor added above or below): the grid grows; the bands are columns.
  const problem: GridProblem = { ...planned, rows: Math.max(rows, planned.rows) };
  const offsetRow = Math.floor((problem.rows - rows) / 2);
  const cells: Array<Cell | undefined> = new Array<Cell | undefined>(centres.length);
  const taken = new Set<number>();
  // Columns keep their band: the current columns are spread over the plan's columns in order.
  centres.forEach((c, v) => {
    const col = Math.round((colOf(c.x) * (problem.cols - 1)) / Math.max(1, cols - 1));
    const row = rowOf(c.y) + offsetRow;
    const [first, last] = problem.allowed[v]!;
    if (col < first || col > last || taken.has(row * problem.cols + col)) return;
    cells[v] = { col, row };
    taken.add(row * problem.cols + col);
  });
  const home = [...cells];
  const neighbours: number[][] = centres.map(() => []);
  for (const l of problem.links) {
    neighbours[l.from]!.push(l.to);
    neighbours[l.to]!.push(l.from);
  }
  for (let v = 0; v < centres.length; v++) {
    if (cells[v]) continue;
    const near = neighbours[v]!.flatMap((u) => (cells[u] ? [cells[u]] : []));
    const target =
      near.length > 0
        ? { col: near.reduce((s, c) => s + c.col, 0) / near.length, row: near.reduce((s, c) => s + c.row, 0) / near.length }
        : plan.cells[v]!;
    const [first, last] = problem.allowed[v]!;
    let best: Cell | null = null;
    let bestDistance = Infinity;
    for (let row = 0; row < problem.rows; row++) {
      for (let col = first; col <= last; col++) {
        if (taken.has(row * problem.cols + col)) continue;
        const d = Math.hypot(col - target.col, row - target.row);
        if (d < bestDistance - 1e-9) {
          bestDistance = d;
          best = { col, row };
        }
      }
    }
    if (!best) return null;
    cells[v] = best;
    taken.add(best.row * problem.cols + best.col);
  }
  return { problem: { ...problem, home }, cells: cells as Cell[] };
}

/**
 * Turns cells into positions (top-left corners): empty rows and columns are dropped, each column as wide and each
 * row as high as its largest box, boxes centred in their cell.
 */
function toPositions(state: GridState, compact: boolean): Position[] {
  const { problem, cells } = state;
  const colWidth = new Array<number>(problem.cols).fill(compact ? 0 : problem.cellWidth);
  const rowHeight = new Array<number>(problem.rows).fill(compact ? 0 : problem.cellHeight);
  cells.forEach((c, v) => {
    const s = problem.sizes[v]!;
    colWidth[c.col] = Math.max(colWidth[c.col]!, compact ? s.width + GAP.x : problem.cellWidth);
    rowHeight[c.row] = Math.max(rowHeight[c.row]!, compact ? s.height + GAP.y : problem.cellHeight);
  });
  const colStart: number[] = [];
  const rowStart: number[] = [];
  colWidth.reduce((x, w, i) => ((colStart[i] = x), x + w), 0);
  rowHeight.reduce((y, h, i) => ((rowStart[i] = y), y + h), 0);
  return cells.map((c, v) => {
    const s = problem.sizes[v]!;
    return {
      x: Math.round(colStart[c.col]! + (colWidth[c.col]! - s.width) / 2),
      y: Math.round(rowStart[c.row]! + (rowHeight[c.row]! - s.height) / 2),
    };
  });
}

/** A layout after an edit is repaired in place (only the factors out of line move) when at most this many are. */
const MAX_REPAIRED = 4;
/** A repaired layout is kept when it costs at most this share, plus this much, more than a fresh one. */
const REPAIR_MARGIN = 0.25;
const REPAIR_SLACK = 50;
/** Centres this close (px) count as standing in one column or row. */
const LINE_TOLERANCE = 34;

/**
 * The layout after a small edit that keeps every factor where it stands except the few out of line: new factors
 * (not in a column and a row of the others), and factors on top of another. Each of those, most linked first, goes
 * to the free crossing of a column and a row (one more on every side) where the whole costs least. Null when more
 * than `MAX_REPAIRED` factors are out of line: that is no small edit, and a fresh layout is made.
 */
function repaired(input: RingLayoutInput): Map<string, Position> | null {
  const sizeOf = (id: string) => input.sizes.get(id) ?? { width: 180, height: 64 };
  const positions = new Map(input.factors.map((f) => [f.id, f.position]));
  const centre = (id: string, p: Position) => ({ x: p.x + sizeOf(id).width / 2, y: p.y + sizeOf(id).height / 2 });
  const boxOf = (id: string, p: Position): Rect => ({ ...p, ...sizeOf(id) });
  const centres = new Map(input.factors.map((f) => [f.id, centre(f.id, f.position)]));
  const near = (a: number, b: number) => Math.abs(a - b) <= LINE_TOLERANCE;
  const outOfLine = input.factors.filter((f) => {
    const c = centres.get(f.id)!;
    const others = input.factors.filter((g) => g.id !== f.id);
    const inColumn = others.some((g) => near(centres.get(g.id)!.x, c.x));
    const inRow = others.some((g) => near(centres.get(g.id)!.y, c.y));
    const onTop = others.some((g) => rectsOverlap(boxOf(f.id, f.position), boxOf(g.id, g.position)));
    return !inColumn || !inRow || onTop;
  });
  if (outOfLine.length === 0 || outOfLine.length > MAX_REPAIRED || outOfLine.length === input.factors.length) return null;
  const moving = new Set(outOfLine.map((f) => f.id));
  const standing = input.factors.filter((f) => !moving.has(f.id));
  const lines = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const out: number[] = [];
    for (const v of sorted) if (out.length === 0 || !near(v, out[out.length - 1]!)) out.push(v);
    if (out.length === 0) return out;
    const step = out.length > 1 ? (out[out.length - 1]! - out[0]!) / (out.length - 1) : 0;
    return [out[0]! - step, ...out, out[out.length - 1]! + step].filter((v, i, all) => i === 0 || v !== all[i - 1]);
  };
  const columns = lines(standing.map((f) => centres.get(f.id)!.x));
  const rows = lines(standing.map((f) => centres.get(f.id)!.y));
  if (columns.length === 0 || rows.length === 0) return null;
  const degree = new Map<string, number>();
  for (const l of input.links) for (const id of [l.from, l.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const order = [...outOfLine].sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || (a.id < b.id ? -1 : 1));
  // Out of line factors not placed yet stay out of the way while the others are placed.
  const placedIds = new Set(standing.map((f) => f.id));
  // The crossings of a column and a row where `id` stands a gap clear of every factor in `blockers`.
  const freeSpots = (id: string, blockers: readonly string[]): Position[] => {
    const size = sizeOf(id);
    const spots: Position[] = [];
    for (const y of rows) {
      for (const x of columns) {
        const at = { x: Math.round(x - size.width / 2), y: Math.round(y - size.height / 2) };
        const grown = { x: at.x - GAP.x / 2, y: at.y - GAP.y / 2, width: size.width + GAP.x, height: size.height + GAP.y };
        if (!blockers.some((other) => other !== id && rectsOverlap(grown, boxOf(other, positions.get(other)!)))) spots.push(at);
      }
    }
    return spots;
  };
  for (const f of order) {
    let best: { at: Position; cost: number } | null = null;
    const part = { ...input, factors: input.factors.filter((g) => placedIds.has(g.id) || g.id === f.id) };
    for (const at of freeSpots(f.id, [...placedIds])) {
      positions.set(f.id, at);
      const cost = costOf(part, positions).cost;
      if (!best || cost < best.cost - 1e-6) best = { at, cost };
    }
    if (!best) return null;
    positions.set(f.id, best.at);
    placedIds.add(f.id);
  }
  // Then their neighbours may make room: each moves to the free crossing where the whole costs least, when that
  // gains more than a factor moved costs.
  const around = new Set<string>();
  for (const l of input.links) {
    if (moving.has(l.from)) around.add(l.to);
    if (moving.has(l.to)) around.add(l.from);
  }
  for (const id of moving) around.delete(id);
  let cost = costOf(input, positions).cost;
  const everyone = input.factors.map((f) => f.id);
  for (const id of [...around].sort()) {
    const home = positions.get(id)!;
    let best = { at: home, cost: cost - COST.leave };
    for (const at of freeSpots(id, everyone)) {
      positions.set(id, at);
      const c = costOf(input, positions).cost;
      if (c < best.cost - 1e-6) best = { at, cost: c };
    }
    positions.set(id, best.at);
    if (best.at !== home) cost = best.cost;
  }
  return positions;
}

/** Up to this many factors, the last step shifts single factors a little off the grid where that helps. */
const NUDGE_FACTORS = 30;
/** The shifts tried, in px, along each axis. */
const NUDGES = [8, -8, 16, -16, 24, -24, 32, -32] as const;

/**
 * Shifts single factors a few px off their grid place when that clears a link through a factor, a mark under a
 * factor, a crossing or a broken ring, and never onto another factor: the grid cannot always do that on its own.
 */
function nudge(input: RingLayoutInput, start: ReadonlyMap<string, Position>): Map<string, Position> {
  const positions = new Map(start);
  let cost = costOf(input, positions).cost;
  for (let pass = 0; pass < 3; pass++) {
    let improved = false;
    for (const f of input.factors) {
      const here = positions.get(f.id)!;
      let best: Position | null = null;
      let bestCost = cost - 1e-6;
      for (const axis of ['x', 'y'] as const) {
        for (const d of NUDGES) {
          const p = axis === 'x' ? { x: here.x + d, y: here.y } : { x: here.x, y: here.y + d };
          positions.set(f.id, p);
          const { quality: q, cost: c } = costOf(input, positions);
          if (q.overlaps === 0 && c < bestCost) {
            bestCost = c;
            best = p;
          }
        }
      }
      positions.set(f.id, best ?? here);
      if (best) {
        cost = bestCost;
        improved = true;
      }
    }
    if (!improved) break;
  }
  return positions;
}

/**
 * How many factors stand somewhere else in `positions` than now, the whole diagram shifted so that as many as
 * possible stay (where the diagram stands on the canvas is free).
 */
function movedCount(input: RingLayoutInput, positions: ReadonlyMap<string, Position>): number {
  const shifts = new Map<string, number>();
  for (const f of input.factors) {
    const p = positions.get(f.id)!;
    const key = `${p.x - f.position.x},${p.y - f.position.y}`;
    shifts.set(key, (shifts.get(key) ?? 0) + 1);
  }
  return input.factors.length - Math.max(0, ...shifts.values());
}

/** Scales tried across and down when squeezing a layout towards the screen (1 = as laid out); finer when small. */
const SQUEEZE = [1, 0.94, 0.88, 0.82, 0.76] as const;
const SQUEEZE_FINE = [1, 0.97, 0.94, 0.91, 0.88, 0.85, 0.82, 0.79, 0.76] as const;
const SQUEEZE_BIG = [1, 0.88, 0.76] as const;

/**
 * Pulls the factors' centres together, across and down separately, where that lowers the cost: the diagram fits
 * the screen at a larger zoom. Scaling keeps what the search found (which links cross, which loops are rings: both
 * stay the same under it); the cost checks what it can break (boxes touching, links through factors, marks).
 */
function squeeze(input: RingLayoutInput, positions: ReadonlyMap<string, Position>): { positions: Map<string, Position>; cost: number } {
  const sizeOf = (id: string) => input.sizes.get(id) ?? { width: 180, height: 64 };
  const scaled = (sx: number, sy: number) =>
    new Map(
      [...positions].map(([id, p]) => {
        const s = sizeOf(id);
        return [id, { x: Math.round((p.x + s.width / 2) * sx - s.width / 2), y: Math.round((p.y + s.height / 2) * sy - s.height / 2) }];
      }),
    );
  let best = { positions: new Map(positions), cost: costOf(input, positions).cost };
  const n = input.factors.length;
  const scales = n <= SCREEN_FACTORS ? SQUEEZE_FINE : n <= 60 ? SQUEEZE : SQUEEZE_BIG;
  for (const sx of scales) {
    for (const sy of scales) {
      if (sx === 1 && sy === 1) continue;
      const candidate = scaled(sx, sy);
      const cost = costOf(input, candidate).cost;
      if (cost < best.cost - 1e-6) best = { positions: candidate, cost };
    }
  }
  return best;
}

/** What each fault of a layout costs (layoutCost and costOf). */
const WEIGHT = { overlap: 10_000, through: 400, mark: 120, brokenRing: 800, crossing: 30, bandOrder: 60 } as const;

/** The single number a layout is judged by when choosing between layouts (lower is better). */
export function layoutCost(q: LayoutQuality): number {
  return (
    q.overlaps * WEIGHT.overlap +
    q.linksThroughFactors * WEIGHT.through +
    q.markClashes * WEIGHT.mark +
    (q.loops - q.loopsAsRings) * WEIGHT.brokenRing +
    q.crossings * WEIGHT.crossing +
    // A diagram that needs zooming out to fit costs per px its labels lose below 16, and a little below 24: of two
    // layouts the one that fills the screen better (no thin strip) wins.
    Math.max(0, 16 - q.labelPx) * (q.factors <= SCREEN_FACTORS ? 2000 : 150) +
    Math.max(0, 24 - Math.max(16, q.labelPx)) * 10 +
    // A shape far from the screen's 16:9 (a strip or a column) costs, beyond a third either way.
    Math.max(0, Math.abs(Math.log(Math.max(q.aspect, 0.01) / (16 / 9))) - Math.log(1.35)) * 400
  );
}

function qualityOf(input: RingLayoutInput, positions: ReadonlyMap<string, Position>): LayoutQuality {
  const boxes = new Map<string, Rect>();
  for (const f of input.factors) {
    const p = positions.get(f.id)!;
    const s = input.sizes.get(f.id) ?? { width: 180, height: 64 };
    boxes.set(f.id, { x: p.x, y: p.y, width: s.width, height: s.height });
  }
  return measureLayout(input.links, boxes, input.loops);
}

/** Pairs of factors standing against the reading order of the bands (a later band left of an earlier one). */
function bandViolations(input: RingLayoutInput, positions: ReadonlyMap<string, Position>): number {
  const onLoop = new Set(input.loops.flat());
  const centres = input.factors.map((f) => {
    const s = input.sizes.get(f.id) ?? { width: 180, height: 64 };
    return { band: bandOf(f.kind, onLoop.has(f.id)), x: positions.get(f.id)!.x + s.width / 2 };
  });
  let count = 0;
  for (const a of centres) for (const b of centres) if (a.band < b.band && a.x > b.x) count++;
  return count;
}

/** The cost of a layout of `input` (lower is better): its quality and the order of its bands. */
function costOf(input: RingLayoutInput, positions: ReadonlyMap<string, Position>): { quality: LayoutQuality; cost: number } {
  const quality = qualityOf(input, positions);
  return { quality, cost: layoutCost(quality) + WEIGHT.bandOrder * bandViolations(input, positions) };
}

/**
 * Lays out the factors of `input` (all of them) and returns the new top-left corner of each, the diagram starting
 * at (0, 0). When the factors already stand in a layout at least as good as this one would make, nothing moves.
 */
export function ringLayout(input: RingLayoutInput): Move[] {
  const n = input.factors.length;
  if (n === 0) return [];
  const index = new Map(input.factors.map((f, i) => [f.id, i]));
  const big = n > 60;
  const search = { reach: big ? 2 : 3, maxPasses: big ? 4 : 12, global: !big, maxTries: big ? 5_000 : 40_000 };
  type Candidate = { positions: Map<string, Position>; cost: number };
  const better = (a: Candidate | null, b: Candidate) => (!a || b.cost < a.cost ? b : a);
  const candidatesOf = (state: GridState): Candidate[] =>
    [true, false].map((compact) => {
      const list = toPositions(state, compact);
      return squeeze(input, new Map(input.factors.map((f, i) => [f.id, list[i]!])));
    });
  // Every grid size is tried: hill climb, a short anneal (for a diagram that should fit the screen) and a climb
  // again. The best size is then annealed at length from a few seeds (annealing is chancy: the best of a few runs is
  // much better than one run of the same length), and climbed again. From where the factors stand now: the best
  // size, annealed cooler, so a layout after a small edit stays close to the one before.
  type Run = { state: GridState; cost: number };
  const runOf = (state: GridState): Run => ({ state, cost: Math.min(...candidatesOf(state).map((c) => c.cost)) });
  const bestRun = (a: Run | null, b: Run) => (!a || b.cost < a.cost ? b : a);
  const settle = (state: GridState, hot: number, seed: number, stepsPerFactor: number) => {
    anneal(state, { steps: n * stepsPerFactor, seed, hot, cold: ANNEAL.cold });
    improve(state, search);
  };
  const screen = n <= SCREEN_FACTORS;
  // Longest where the diagram must fit the screen; a roomy grid needs less (the medium example: as good at half).
  const long = big ? ANNEAL.bigStepsPerFactor : screen ? ANNEAL.stepsPerFactor : ANNEAL.roomyStepsPerFactor;
  let freshRun: Run | null = null;
  let keptRun: Run | null = null;
  const fills = screen ? FILLS : [big ? BIG_FILL : ROOMY_FILL];
  const seeds = big ? 1 : screen ? 3 : 2;
  // Stages: every grid size, every seed, the run from where the factors stand, the finish.
  let stagesDone = 0;
  const stageDone = () => input.onProgress?.(++stagesDone / (fills.length + seeds + 2));
  for (const fill of fills) {
    const plan = firstPlan(input, index, fill);
    const state = new GridState(plan.problem, plan.cells);
    improve(state, search);
    if (screen) settle(state, ANNEAL.hot, 1, ANNEAL.shortStepsPerFactor);
    freshRun = bestRun(freshRun, runOf(state));
    const start = cellsFromCurrent(input, plan);
    if (start) {
      const from = new GridState(start.problem, start.cells);
      improve(from, search);
      keptRun = bestRun(keptRun, runOf(from));
    }
    stageDone();
  }
  if (!freshRun) return [];
  const chosen = freshRun.state;
  for (let seed = 1; seed <= seeds; seed++) {
    const state = new GridState(chosen.problem, chosen.cells);
    // Each seed a little hotter: one run stays near the climb's answer, the others range further.
    settle(state, ANNEAL.hot * (1 + (seed - 1) / 2), seed, long);
    freshRun = bestRun(freshRun, runOf(state));
    stageDone();
  }
  if (keptRun) settle(keptRun.state, ANNEAL.keptHot, 1, long);
  stageDone();
  let fresh: Candidate | null = null;
  let kept: Candidate | null = null;
  for (const c of candidatesOf(freshRun.state)) fresh = better(fresh, c);
  if (keptRun) for (const c of candidatesOf(keptRun.state)) kept = better(kept, c);
  if (!fresh) return [];
  // After a small edit, a fresh layout must be worth the factors it moves: each costs as much as it does in the grid.
  const withMoves = (c: Candidate) => c.cost + COST.leave * movedCount(input, c.positions);
  let best: Candidate = kept && (kept.cost <= fresh.cost * (1 + KEEP_MARGIN) + 1e-9 || withMoves(kept) <= withMoves(fresh)) ? kept : fresh;
  const mended = repaired(input);
  let mendedChosen = false;
  if (mended) {
    const candidate = { positions: mended, cost: costOf(input, mended).cost };
    // Kept only when about as good as a fresh layout: "Netjes maken" on a diagram drawn by hand must tidy it.
    if (withMoves(candidate) <= withMoves(best) && candidate.cost <= fresh.cost * (1 + REPAIR_MARGIN) + REPAIR_SLACK) {
      best = candidate;
      mendedChosen = true;
    }
  }
  // A repaired layout stands as it is (a nudge would move factors the edit did not touch).
  if (n <= NUDGE_FACTORS && !mendedChosen) {
    // Nudged free of what squeezing broke, squeezed again now that it is free, and nudged once more.
    const nudged = nudge(input, best.positions);
    const again = nudge(input, squeeze(input, nudged).positions);
    best = { positions: again, cost: costOf(input, again).cost };
  }
  // Stability: keep where the factors stand when that is as good (laying out twice changes nothing).
  const current = new Map(input.factors.map((f) => [f.id, f.position]));
  const { quality: currentQuality, cost: currentCost } = costOf(input, current);
  // A diagram already laid out (no overlaps, bands in order) stays when it is about as good as a fresh layout: the
  // search stops after a count of tries on large diagrams, so a second run could otherwise still find small gains.
  const tidy = currentQuality.overlaps === 0 && bandViolations(input, current) === 0;
  if (tidy && (currentCost <= best.cost * (1 + SAME_MARGIN) + 1e-9 || currentCost <= fresh.cost * (1 + KEEP_MARGIN) + 1e-9)) {
    best = { positions: current, cost: currentCost };
  }
  // Where the whole diagram stands is free: shift it so that as many factors as possible stay exactly where they are.
  const shifts = new Map<string, { dx: number; dy: number; count: number }>();
  for (const f of input.factors) {
    const p = best.positions.get(f.id)!;
    const key = `${p.x - f.position.x},${p.y - f.position.y}`;
    const shift = shifts.get(key) ?? { dx: p.x - f.position.x, dy: p.y - f.position.y, count: 0 };
    shift.count++;
    shifts.set(key, shift);
  }
  stageDone();
  const shift = [...shifts.values()].sort(
    (a, b) => b.count - a.count || Math.hypot(a.dx, a.dy) - Math.hypot(b.dx, b.dy) || a.dx - b.dx || a.dy - b.dy,
  )[0]!;
  const alone = shift.count === 1;
  return input.factors.map((f) => {
    const p = best.positions.get(f.id)!;
    return { id: f.id, position: alone ? p : { x: p.x - shift.dx, y: p.y - shift.dy } };
  });
}
