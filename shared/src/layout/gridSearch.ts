/**
 * The search behind "Netjes maken": factors sit in the cells of a grid (one per cell, a cell larger than any box,
 * so boxes never overlap), and a deterministic hill climb moves or swaps one factor at a time while that lowers the
 * cost: links through factors, +/− marks under a factor or another mark, loops that stop being a ring (and, a step
 * towards it, crossings between two links of one loop), crossings, and length. Seeded simulated annealing (`anneal`)
 * gets it out of places where every single step makes things worse. Pure and deterministic: the same input gives
 * the same cells.
 */
import {
  MARK_RADIUS,
  circleHitsRect,
  isSimplePolygon,
  linkLine,
  segmentHitsRect,
  segmentsCross,
  type LinkLine,
  type Point,
  type Rect,
} from './geometry.ts';
import { seededRandom } from '../random.ts';

export interface GridProblem {
  /** Box size per node, index = node. */
  readonly sizes: ReadonlyArray<{ readonly width: number; readonly height: number }>;
  /** Links as node pairs (no self-links); `paired` when the reverse link exists too. */
  readonly links: ReadonlyArray<{ readonly from: number; readonly to: number; readonly paired: boolean }>;
  /** Loops as node indices in order. */
  readonly loops: ReadonlyArray<readonly number[]>;
  readonly cols: number;
  readonly rows: number;
  readonly cellWidth: number;
  readonly cellHeight: number;
  /** Columns a node may stand in, [first, last] inclusive: the bands. */
  readonly allowed: ReadonlyArray<readonly [number, number]>;
  /** Where each node stood before (a layout after an edit): leaving it costs `COST.leave`. */
  readonly home?: ReadonlyArray<Cell | undefined>;
}

export interface Cell {
  col: number;
  row: number;
}

/** Weights of the cost, in units of one cell of link length. */
export const COST = {
  through: 400,
  mark: 120,
  brokenRing: 800,
  crossing: 30,
  /** On top of `crossing`, when both links lie on one loop: that loop cannot be a ring while they cross. */
  loopCrossing: 200,
  length: 1,
  leave: 45,
} as const;

/** Margin around a box within which a link counts as touching it. */
const BOX_MARGIN = 6;

export class GridState {
  readonly problem: GridProblem;
  readonly cells: Cell[];
  private readonly occupant: Int32Array;
  private readonly incident: number[][];
  private readonly loopsOf: number[][];
  /** Each node's cell centre, kept up to date by `refresh`. */
  private readonly centres: Point[];
  /** One point list per loop, filled in place when its ring is checked. */
  private readonly loopPoints: Point[][];
  private stamp = 0;
  private readonly linkStamp: Int32Array;
  private readonly loopStamp: Int32Array;
  private readonly touchedBuffer: number[] = [];
  /** Pairs of links (i * links + j, i < j) that lie on a common loop. */
  private readonly loopPairs: Set<number>;
  private rects: Rect[];
  private lines: LinkLine[];
  /** Each line's bounding box (min x, min y, max x, max y), to skip pairs that cannot meet. */
  private readonly bounds: Float64Array;

  constructor(problem: GridProblem, cells: readonly Cell[]) {
    this.problem = problem;
    this.cells = cells.map((c) => ({ col: c.col, row: c.row }));
    this.occupant = new Int32Array(problem.cols * problem.rows).fill(-1);
    this.cells.forEach((c, v) => {
      const at = this.index(c.col, c.row);
      if (this.occupant[at] !== -1) throw new Error(`two nodes in cell ${c.col},${c.row}`);
      this.occupant[at] = v;
    });
    this.incident = problem.sizes.map(() => []);
    problem.links.forEach((l, i) => {
      this.incident[l.from]!.push(i);
      this.incident[l.to]!.push(i);
    });
    this.loopsOf = problem.sizes.map(() => []);
    problem.loops.forEach((loop, i) => {
      for (const v of new Set(loop)) this.loopsOf[v]!.push(i);
    });
    const linkOf = new Map<string, number>();
    problem.links.forEach((l, i) => linkOf.set(`${l.from}>${l.to}`, i));
    const count = problem.links.length;
    this.loopPairs = new Set();
    for (const loop of problem.loops) {
      const on = loop.flatMap((v, k) => {
        const i = linkOf.get(`${v}>${loop[(k + 1) % loop.length]}`);
        return i === undefined ? [] : [i];
      });
      for (const i of on) for (const j of on) if (i < j) this.loopPairs.add(i * count + j);
    }
    this.linkStamp = new Int32Array(problem.links.length);
    this.loopStamp = new Int32Array(problem.loops.length);
    this.loopPoints = problem.loops.map((loop) => loop.map(() => ({ x: 0, y: 0 })));
    this.centres = this.cells.map((_, v) => this.centreOf(v));
    this.rects = this.cells.map((_, v) => this.rectOf(v));
    this.lines = problem.links.map((l) => linkLine(this.rects[l.from]!, this.rects[l.to]!, l.paired));
    this.bounds = new Float64Array(problem.links.length * 4);
    this.lines.forEach((_, i) => this.setBounds(i));
  }

  private setBounds(i: number): void {
    const { s, e } = this.lines[i]!;
    this.bounds[4 * i] = Math.min(s.x, e.x);
    this.bounds[4 * i + 1] = Math.min(s.y, e.y);
    this.bounds[4 * i + 2] = Math.max(s.x, e.x);
    this.bounds[4 * i + 3] = Math.max(s.y, e.y);
  }

  /** Whether line `i`'s bounding box, grown by `m`, meets the rectangle. */
  private nearRect(i: number, r: Rect, m: number): boolean {
    const b = this.bounds;
    return b[4 * i]! - m <= r.x + r.width && b[4 * i + 2]! + m >= r.x && b[4 * i + 1]! - m <= r.y + r.height && b[4 * i + 3]! + m >= r.y;
  }

  private linesNear(i: number, j: number): boolean {
    const b = this.bounds;
    return b[4 * i]! <= b[4 * j + 2]! && b[4 * j]! <= b[4 * i + 2]! && b[4 * i + 1]! <= b[4 * j + 3]! && b[4 * j + 1]! <= b[4 * i + 3]!;
  }

  private index(col: number, row: number): number {
    return row * this.problem.cols + col;
  }

  occupantOf(col: number, row: number): number {
    return this.occupant[this.index(col, row)]!;
  }

  /** The box of node `v`, centred in its cell. */
  rectOf(v: number): Rect {
    const { cellWidth, cellHeight, sizes } = this.problem;
    const c = this.cells[v]!;
    const s = sizes[v]!;
    return {
      x: c.col * cellWidth + (cellWidth - s.width) / 2,
      y: c.row * cellHeight + (cellHeight - s.height) / 2,
      width: s.width,
      height: s.height,
    };
  }

  centreOf(v: number): Point {
    const { cellWidth, cellHeight } = this.problem;
    const c = this.cells[v]!;
    return { x: (c.col + 0.5) * cellWidth, y: (c.row + 0.5) * cellHeight };
  }

  private refresh(nodes: readonly number[]): void {
    for (const v of nodes) {
      this.rects[v] = this.rectOf(v);
      this.centres[v] = this.centreOf(v);
    }
    for (const v of nodes) {
      for (const i of this.incident[v]!) {
        const l = this.problem.links[i]!;
        this.lines[i] = linkLine(this.rects[l.from]!, this.rects[l.to]!, l.paired);
        this.setBounds(i);
      }
    }
  }

  /** The cost of every term that involves a node of `nodes` (each term once). */
  localCost(nodes: readonly number[]): number {
    const { links, loops, cellWidth, cellHeight } = this.problem;
    // Stamps instead of sets: this runs for every move tried, and the search tries hundreds of thousands.
    const stamp = ++this.stamp;
    const touched = this.touchedBuffer;
    touched.length = 0;
    for (const v of nodes) {
      for (const i of this.incident[v]!) {
        if (this.linkStamp[i] === stamp) continue;
        this.linkStamp[i] = stamp;
        touched.push(i);
      }
    }
    let cost = 0;
    const markReach = (2 * MARK_RADIUS) ** 2;
    const markMargin = MARK_RADIUS + 2;
    for (const i of touched) {
      const l = links[i]!;
      const line = this.lines[i]!;
      const ca = this.cells[l.from]!;
      const cb = this.cells[l.to]!;
      cost += COST.length * Math.hypot(ca.col - cb.col, ((ca.row - cb.row) * cellHeight) / cellWidth);
      for (let j = 0; j < links.length; j++) {
        if (j === i || (j < i && this.linkStamp[j] === stamp)) continue;
        const m = links[j]!;
        const other = this.lines[j]!;
        const dx = line.mark.x - other.mark.x;
        const dy = line.mark.y - other.mark.y;
        if (dx * dx + dy * dy < markReach) cost += COST.mark;
        if (m.from === l.from || m.from === l.to || m.to === l.from || m.to === l.to) continue;
        if (this.linesNear(i, j) && segmentsCross(line.s, line.e, other.s, other.e)) {
          cost += COST.crossing;
          if (this.loopPairs.has(i < j ? i * links.length + j : j * links.length + i)) cost += COST.loopCrossing;
        }
      }
      for (let u = 0; u < this.rects.length; u++) {
        const r = this.rects[u]!;
        if (!this.nearRect(i, r, markMargin)) continue;
        if (u !== l.from && u !== l.to && segmentHitsRect(line.s, line.e, r, BOX_MARGIN)) cost += COST.through;
        if (circleHitsRect(line.mark, markMargin, r)) cost += COST.mark;
      }
    }
    // Links that do not touch the moved nodes, passing through them or with a mark under them.
    for (let j = 0; j < links.length; j++) {
      if (this.linkStamp[j] === stamp) continue;
      const m = links[j]!;
      const line = this.lines[j]!;
      for (const u of nodes) {
        const r = this.rects[u]!;
        if (!this.nearRect(j, r, markMargin)) continue;
        if (u !== m.from && u !== m.to && segmentHitsRect(line.s, line.e, r, BOX_MARGIN)) cost += COST.through;
        if (circleHitsRect(line.mark, markMargin, r)) cost += COST.mark;
      }
    }
    const { home } = this.problem;
    if (home) {
      for (const v of nodes) {
        const h = home[v];
        const c = this.cells[v]!;
        if (h && (h.col !== c.col || h.row !== c.row)) cost += COST.leave;
      }
    }
    for (const v of nodes) {
      for (const k of this.loopsOf[v]!) {
        if (this.loopStamp[k] === stamp) continue;
        this.loopStamp[k] = stamp;
        const loop = loops[k]!;
        const points = this.loopPoints[k]!;
        for (let q = 0; q < loop.length; q++) points[q] = this.centres[loop[q]!]!;
        if (!isSimplePolygon(points)) cost += COST.brokenRing;
      }
    }
    return cost;
  }

  /** The whole cost. */
  totalCost(): number {
    let cost = 0;
    // Sum node by node, counting every term once: a term is charged to the first node of the set that sees it.
    const all = this.cells.map((_, v) => v);
    cost += this.localCost(all);
    return cost;
  }

  /** Moves `v` to (col, row), swapping with the node there if any. */
  move(v: number, col: number, row: number): void {
    const from = this.cells[v]!;
    const u = this.occupantOf(col, row);
    const fromAt = this.index(from.col, from.row);
    const toAt = this.index(col, row);
    this.occupant[toAt] = v;
    this.occupant[fromAt] = u;
    if (u !== -1) this.cells[u] = { col: from.col, row: from.row };
    this.cells[v] = { col, row };
    this.refresh(u === -1 ? [v] : [v, u]);
  }

  /** Puts every node back in the cells of a snapshot taken from `cells` of this state. */
  restore(snapshot: readonly Cell[]): void {
    this.occupant.fill(-1);
    snapshot.forEach((c, v) => {
      this.cells[v] = { col: c.col, row: c.row };
      this.occupant[this.index(c.col, c.row)] = v;
    });
    this.refresh(this.cells.map((_, v) => v));
  }

  /** Whether `v` may stand in column `col`. */
  allows(v: number, col: number): boolean {
    const [first, last] = this.problem.allowed[v]!;
    return col >= first && col <= last;
  }
}

export interface SearchOptions {
  /** How far (in cells) a node looks for a better place in one step. */
  readonly reach: number;
  readonly maxPasses: number;
  /** Whether a factor with a link through it or on a broken ring may look in its whole band (small diagrams). */
  readonly global: boolean;
  /** Stop after this many tried moves: a count, not a clock, so the answer is the same on a busy machine. */
  readonly maxTries: number;
}

/**
 * Hill climb: for every node in turn, the best move or swap within `reach` cells (and next to its neighbours'
 * centre) is made when it lowers the cost; passes repeat until none does. Returns the number of passes run.
 */
export function improve(state: GridState, options: SearchOptions): number {
  const { problem } = state;
  const n = state.cells.length;
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  for (const l of problem.links) {
    neighbours[l.from]!.push(l.to);
    neighbours[l.to]!.push(l.from);
  }
  let pass = 0;
  let tries = 0;
  for (; pass < options.maxPasses && tries < options.maxTries; pass++) {
    let improved = false;
    for (let v = 0; v < n; v++) {
      const here = state.cells[v]!;
      const candidates = new Map<number, Cell>();
      const add = (col: number, row: number) => {
        if (col < 0 || row < 0 || col >= problem.cols || row >= problem.rows) return;
        if (col === here.col && row === here.row) return;
        if (!state.allows(v, col)) return;
        const u = state.occupantOf(col, row);
        if (u !== -1 && !state.allows(u, here.col)) return;
        candidates.set(row * problem.cols + col, { col, row });
      };
      for (let dr = -options.reach; dr <= options.reach; dr++) {
        for (let dc = -options.reach; dc <= options.reach; dc++) add(here.col + dc, here.row + dr);
      }
      if (neighbours[v]!.length > 0) {
        const mc = Math.round(neighbours[v]!.reduce((s, u) => s + state.cells[u]!.col, 0) / neighbours[v]!.length);
        const mr = Math.round(neighbours[v]!.reduce((s, u) => s + state.cells[u]!.row, 0) / neighbours[v]!.length);
        for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) add(mc + dc, mr + dr);
      }
      // A factor a link runs through, or on a broken ring, may look anywhere in its band.
      if (options.global && state.localCost([v]) >= COST.brokenRing) {
        const [first, last] = problem.allowed[v]!;
        for (let row = 0; row < problem.rows; row++)
          for (let col = first; col <= last; col++) if (state.occupantOf(col, row) === -1) add(col, row);
      }
      let best: Cell | null = null;
      let bestDelta = -1e-6;
      const alone = state.localCost([v]);
      const ordered = [...candidates.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
      tries += ordered.length;
      for (const c of ordered) {
        const u = state.occupantOf(c.col, c.row);
        const nodes = u === -1 ? [v] : [v, u];
        const before = u === -1 ? alone : state.localCost(nodes);
        const back = { ...state.cells[v]! };
        state.move(v, c.col, c.row);
        const after = state.localCost(nodes);
        state.move(v, back.col, back.row);
        const delta = after - before;
        if (delta < bestDelta) {
          bestDelta = delta;
          best = c;
        }
      }
      if (best) {
        state.move(v, best.col, best.row);
        improved = true;
      }
    }
    if (!improved) break;
  }
  return pass;
}

export interface AnnealOptions {
  /** Moves tried: a count, not a clock, so the answer is the same on a busy machine. */
  readonly steps: number;
  readonly seed: number;
  /** Temperature at the start and at the end, in cost units (a crossing costs `COST.crossing`). */
  readonly hot: number;
  readonly cold: number;
}

/**
 * Simulated annealing over the same moves and swaps as `improve`: a worse move is taken now and then (less often as
 * the run cools), so the search can leave a place where every single step makes things worse, as when a loop can
 * only become a ring by passing through a crossing. Seeded, so deterministic. Ends in the best state it saw.
 */
export function anneal(state: GridState, options: AnnealOptions): void {
  const { problem } = state;
  const n = state.cells.length;
  if (n < 2 || options.steps <= 0) return;
  const random = seededRandom(options.seed);
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  for (const l of problem.links) {
    neighbours[l.from]!.push(l.to);
    neighbours[l.to]!.push(l.from);
  }
  const loopsOf: number[][] = Array.from({ length: n }, () => []);
  problem.loops.forEach((loop, k) => {
    for (const v of new Set(loop)) loopsOf[v]!.push(k);
  });
  let cost = state.totalCost();
  let bestCost = cost;
  let best = state.cells.map((c) => ({ ...c }));
  const pick = (k: number) => Math.floor(random() * k);
  for (let step = 0; step < options.steps; step++) {
    const temperature = options.hot * (options.cold / options.hot) ** (step / options.steps);
    const v = pick(n);
    const here = state.cells[v]!;
    const [first, last] = problem.allowed[v]!;
    let col: number;
    let row: number;
    const mode = random();
    if (mode < 0.5) {
      // Near where it stands.
      col = here.col + pick(5) - 2;
      row = here.row + pick(5) - 2;
    } else if (mode < 0.65 && loopsOf[v]!.length > 0) {
      // Trade places with a factor of one of its loops: this undoes a twist in a ring.
      const loop = problem.loops[loopsOf[v]![pick(loopsOf[v]!.length)]!]!;
      const u = loop[pick(loop.length)]!;
      col = state.cells[u]!.col;
      row = state.cells[u]!.row;
    } else if (mode < 0.85 && neighbours[v]!.length > 0) {
      // Beside one of its neighbours.
      const u = neighbours[v]![pick(neighbours[v]!.length)]!;
      col = state.cells[u]!.col + pick(3) - 1;
      row = state.cells[u]!.row + pick(3) - 1;
    } else {
      // Anywhere in its band.
      col = first + pick(last - first + 1);
      row = pick(problem.rows);
    }
    if (col < 0 || row < 0 || col >= problem.cols || row >= problem.rows) continue;
    if ((col === here.col && row === here.row) || !state.allows(v, col)) continue;
    const u = state.occupantOf(col, row);
    if (u !== -1 && !state.allows(u, here.col)) continue;
    const nodes = u === -1 ? [v] : [v, u];
    const before = state.localCost(nodes);
    const back = { ...here };
    state.move(v, col, row);
    const delta = state.localCost(nodes) - before;
    if (delta <= 0 || random() < Math.exp(-delta / temperature)) {
      cost += delta;
      if (cost < bestCost - 1e-6) {
        bestCost = cost;
        best = state.cells.map((c) => ({ ...c }));
      }
    } else {
      state.move(v, back.col, back.row);
    }
  }
  state.restore(best);
}
