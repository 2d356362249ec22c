/**
 * Elementary cycles of a simple directed graph given as successor lists over vertices 0..n-1: Johnson's algorithm
 * (1975), and its length-bounded variant by Gupta & Suzumura (2021) so that short cycles come first. Iterative
 * throughout (explicit stacks), so a 1,000-factor diagram cannot overflow the call stack. Self-loops and parallel
 * edges are the caller's business: `findLoops` passes a deduplicated graph and expands them itself.
 */
import { strongComponents } from './strongComponents.ts';

export interface CycleVisitor {
  /**
   * Receives each cycle as vertices in order, and for each vertex the index into its successor list of the edge the
   * cycle leaves it by (both arrays are reused; copy what you keep). Return false to stop.
   */
  readonly onCycle: (vertices: readonly number[], edges: readonly number[]) => boolean;
  /** Polled every few thousand steps, so a time budget also holds between cycles. Return true to stop. */
  readonly shouldStop: () => boolean;
}

const POLL_EVERY = 2048;
const FIRST_BOUND = 2;

/**
 * Visits every elementary cycle of length ≥ 2 once, shorter ones first, in passes: the cycles of 2 links, then
 * one link longer per pass while passes keep finding cycles (doubling the bound after a pass that found none), and
 * finally plain Johnson once the bound reaches the largest strongly connected component. Stopping early (a cap, a
 * time budget) thus keeps the short loops, the ones people can talk about, instead of thousands of long detours
 * through one factor, which is what plain Johnson gives first on a dense diagram.
 * Returns true when all were visited, false when stopped. `successors[v]` must not contain `v` nor repeat a vertex.
 */
export function visitElementaryCycles(successors: ReadonlyArray<readonly number[]>, visitor: CycleVisitor): boolean {
  const components = cyclicComponents(successors);
  const largest = components.reduce((max, c) => Math.max(max, c.length), 0);
  const search = createSearch(successors, visitor);
  let found = 0;
  const counting: CycleVisitor = {
    onCycle: (vertices, edges) => (found++, visitor.onCycle(vertices, edges)),
    shouldStop: visitor.shouldStop,
  };
  search.visitor = counting;
  let shorterDone = 1;
  let bound = FIRST_BOUND;
  while (bound < largest) {
    found = 0;
    if (!searchRange(search, components, shorterDone + 1, bound)) return false;
    shorterDone = bound;
    bound = found > 0 ? bound + 1 : bound * 2;
  }
  return searchRange(search, components, shorterDone + 1, Infinity);
}

/**
 * Visits, once each, the elementary cycles with `minLength` ≤ length ≤ `maxLength` (2 ≤ minLength); returns false
 * when the visitor stopped it. With an infinite `maxLength` this is Johnson's algorithm, else Gupta–Suzumura's.
 */
export function visitCyclesInRange(
  successors: ReadonlyArray<readonly number[]>,
  visitor: CycleVisitor,
  minLength: number,
  maxLength: number,
): boolean {
  return searchRange(createSearch(successors, visitor), cyclicComponents(successors), minLength, maxLength);
}

/** The strongly connected components that can hold a cycle of two or more links. */
function cyclicComponents(successors: ReadonlyArray<readonly number[]>): number[][] {
  const all: number[] = [];
  for (let v = 0; v < successors.length; v++) all.push(v);
  return strongComponents(all, successors, () => true).filter((c) => c.length >= 2);
}

function searchRange(search: SearchState, components: readonly number[][], minLength: number, maxLength: number): boolean {
  search.minLength = minLength;
  // A vertex is searched while `allowed[v] === current`: each component gets a fresh stamp, a done start gets 0.
  const allowed = search.allowed;
  allowed.fill(0);
  const inside = (w: number) => allowed[w] === search.current;

  if (Number.isFinite(maxLength)) {
    // No component recomputation per start here: the distance locks keep a search out of whatever cannot close
    // in time, and removing a start trims the vertices left without a way in or out (a ring unravels at once).
    for (const component of components) {
      const current = ++search.stamps;
      search.current = current;
      for (const v of component) allowed[v] = current;
      countDegrees(search, component);
      const starts = [...component].sort((x, y) => x - y);
      for (const start of starts) {
        if (allowed[start] !== current) continue;
        if (!searchBounded(search, start, maxLength)) return false;
        removeAndTrim(search, start);
      }
    }
    return true;
  }

  const pending = [...components];
  while (pending.length > 0) {
    const component = pending.pop()!;
    const current = ++search.stamps;
    search.current = current;
    let start = component[0]!;
    for (const v of component) {
      allowed[v] = current;
      if (v < start) start = v;
    }
    if (!searchJohnson(search, start)) return false;
    // Every cycle through `start` has been seen; the rest lies in the components of what remains (Johnson).
    allowed[start] = 0;
    const rest = component.filter((v) => v !== start);
    for (const c of strongComponents(rest, search.successors, inside)) if (c.length >= 2) pending.push(c);
  }
  return true;
}

/** In- and out-degree of each vertex of `component` within it. */
function countDegrees(s: SearchState, component: readonly number[]): void {
  for (const v of component) {
    s.inDegree[v] = 0;
    s.outDegree[v] = 0;
  }
  for (const v of component) {
    for (const w of s.successors[v]!) {
      if (s.allowed[w] !== s.current) continue;
      s.outDegree[v]!++;
      s.inDegree[w]!++;
    }
  }
}

/** Takes `start` out of the search, then every vertex that is left without an incoming or outgoing edge. */
function removeAndTrim(s: SearchState, start: number): void {
  const todo = [start];
  s.allowed[start] = 0;
  while (todo.length > 0) {
    const v = todo.pop()!;
    for (const w of s.successors[v]!) {
      if (s.allowed[w] === s.current && --s.inDegree[w]! === 0) {
        s.allowed[w] = 0;
        todo.push(w);
      }
    }
    for (const u of s.predecessors[v]!) {
      if (s.allowed[u] === s.current && --s.outDegree[u]! === 0) {
        s.allowed[u] = 0;
        todo.push(u);
      }
    }
  }
}

function createSearch(successors: ReadonlyArray<readonly number[]>, visitor: CycleVisitor): SearchState {
  const n = successors.length;
  const predecessors: number[][] = Array.from({ length: n }, () => []);
  successors.forEach((succ, v) => {
    for (const w of succ) predecessors[w]!.push(v);
  });
  return {
    successors,
    visitor,
    minLength: 2,
    allowed: new Int32Array(n),
    current: 0,
    stamps: 0,
    steps: 0,
    search: 0,
    defaultMark: 0,
    markedIn: new Int32Array(n),
    mark: new Int32Array(n),
    onPath: new Uint8Array(n),
    predecessors,
    inDegree: new Int32Array(n),
    outDegree: new Int32Array(n),
    queue: new Int32Array(n),
    queueDistance: new Int32Array(n),
    waiting: Array.from({ length: n }, () => []),
  };
}

interface SearchState {
  readonly successors: ReadonlyArray<readonly number[]>;
  visitor: CycleVisitor;
  minLength: number;
  /** The vertices being searched: those with `allowed[v] === current`. */
  readonly allowed: Int32Array;
  current: number;
  stamps: number;
  steps: number;
  /** Numbers the searches; `mark` and `waiting` of a vertex are current only when `markedIn[v] === search`. */
  search: number;
  defaultMark: number;
  readonly markedIn: Int32Array;
  /** Johnson: 1 when blocked. Gupta–Suzumura: the lock, a path length a vertex may only be entered below. */
  readonly mark: Int32Array;
  readonly onPath: Uint8Array;
  readonly predecessors: ReadonlyArray<readonly number[]>;
  readonly inDegree: Int32Array;
  readonly outDegree: Int32Array;
  readonly queue: Int32Array;
  readonly queueDistance: Int32Array;
  /** Johnson's B lists: the vertices to unblock (or relax) when this one is. */
  readonly waiting: number[][];
}

/** Starts a search: rather than clearing every vertex, each is cleared the first time this search touches it. */
function beginSearch(s: SearchState, defaultMark: number): void {
  s.search++;
  s.defaultMark = defaultMark;
}

/** Makes `mark[v]` and `waiting[v]` current for this search; call before reading or writing either. */
function touch(s: SearchState, v: number): void {
  if (s.markedIn[v] === s.search) return;
  s.markedIn[v] = s.search;
  s.mark[v] = s.defaultMark;
  if (s.waiting[v]!.length > 0) s.waiting[v]!.length = 0;
}

function addWaiting(s: SearchState, w: number, v: number): void {
  touch(s, w);
  const list = s.waiting[w]!;
  if (!list.includes(v)) list.push(v);
}

/** Johnson's CIRCUIT(start): `edge[d]` is the successor being tried at depth d, `closed[d]` whether a cycle was found below. */
function searchJohnson(s: SearchState, start: number): boolean {
  beginSearch(s, 0);
  const blocked = s.mark;
  touch(s, start);
  const path: number[] = [start];
  const edge: number[] = [-1];
  const closed: boolean[] = [false];
  blocked[start] = 1;
  while (path.length > 0) {
    if (++s.steps % POLL_EVERY === 0 && s.visitor.shouldStop()) return false;
    const depth = path.length - 1;
    const v = path[depth]!;
    const succ = s.successors[v]!;
    let descended = false;
    while (++edge[depth]! < succ.length) {
      const w = succ[edge[depth]!]!;
      if (s.allowed[w] !== s.current) continue;
      if (w === start) {
        closed[depth] = true;
        if (path.length >= s.minLength && !s.visitor.onCycle(path, edge)) return false;
      } else if ((touch(s, w), blocked[w] === 0)) {
        blocked[w] = 1;
        path.push(w);
        edge.push(-1);
        closed.push(false);
        descended = true;
        break;
      }
    }
    if (descended) continue;
    path.pop();
    edge.pop();
    if (closed.pop()) {
      if (closed.length > 0) closed[closed.length - 1] = true;
      const todo = [v];
      while (todo.length > 0) {
        const u = todo.pop()!;
        touch(s, u);
        if (blocked[u] === 0) continue;
        blocked[u] = 0;
        for (const w of s.waiting[u]!) todo.push(w);
        s.waiting[u]!.length = 0;
      }
    } else {
      for (const w of succ) if (s.allowed[w] === s.current) addWaiting(s, w, v);
    }
  }
  return true;
}

/**
 * Gupta & Suzumura's bounded search from `start` (as in networkx `_bounded_cycle_search`): a vertex may be entered
 * only while the path is shorter than its lock; on the way back, `distance[d]` (the fewest links from path[d] back
 * to start found so far) relaxes the locks of the vertices waiting on it. Unlike networkx, locks start from the
 * true distance back to start (`lockByDistance`) instead of the bound, which prunes paths that cannot close in time.
 */
function searchBounded(s: SearchState, start: number, bound: number): boolean {
  beginSearch(s, 0);
  const lock = s.mark;
  touch(s, start);
  lock[start] = 0;
  lockByDistance(s, start, bound);
  const path: number[] = [start];
  const edge: number[] = [-1];
  const distance: number[] = [bound];
  s.onPath[start] = 1;
  while (path.length > 0) {
    if (++s.steps % POLL_EVERY === 0 && s.visitor.shouldStop()) return false;
    const depth = path.length - 1;
    const v = path[depth]!;
    const succ = s.successors[v]!;
    let descended = false;
    while (++edge[depth]! < succ.length) {
      const w = succ[edge[depth]!]!;
      if (s.allowed[w] !== s.current) continue;
      if (w === start) {
        distance[depth] = 1;
        if (path.length >= s.minLength && !s.visitor.onCycle(path, edge)) return false;
      } else if ((touch(s, w), path.length < lock[w]!)) {
        lock[w] = path.length;
        path.push(w);
        edge.push(-1);
        distance.push(bound);
        s.onPath[w] = 1;
        descended = true;
        break;
      }
    }
    if (descended) continue;
    path.pop();
    edge.pop();
    s.onPath[v] = 0;
    const back = distance.pop()!;
    // networkx passes `back` up unchanged, not `back + 1`: an underestimate only relaxes locks more, never wrongly.
    if (distance.length > 0) distance[distance.length - 1] = Math.min(distance[distance.length - 1]!, back);
    if (back < bound) {
      const todo: Array<[distance: number, vertex: number]> = [[back, v]];
      while (todo.length > 0) {
        const [d, u] = todo.pop()!;
        touch(s, u);
        if (lock[u]! >= bound - d + 1) continue;
        lock[u] = bound - d + 1;
        for (const w of s.waiting[u]!) if (s.onPath[w] === 0) todo.push([d + 1, w]);
      }
    } else {
      for (const w of succ) if (s.allowed[w] === s.current) addWaiting(s, w, v);
    }
  }
  return true;
}

/**
 * Sets each vertex's lock to `bound − d + 1`, d its distance back to `start` (breadth-first over predecessors), so
 * it is entered only when the cycle can still close within `bound`; vertices farther away keep lock 0 (never).
 */
function lockByDistance(s: SearchState, start: number, bound: number): void {
  const queue = s.queue;
  const distance = s.queueDistance;
  let head = 0;
  let tail = 0;
  queue[tail] = start;
  distance[tail++] = 0;
  while (head < tail) {
    const x = queue[head]!;
    const d = distance[head++]! + 1;
    if (d >= bound) break;
    for (const u of s.predecessors[x]!) {
      if (s.markedIn[u] === s.search || s.allowed[u] !== s.current) continue;
      touch(s, u);
      s.mark[u] = bound - d + 1;
      queue[tail] = u;
      distance[tail++] = d;
    }
  }
}
