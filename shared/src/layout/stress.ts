/**
 * Stress majorization (SMACOF, Gansner–Koren–North 2004) on graph distances: places nodes so that straight-line
 * distances follow the number of links between them, which untangles a graph into few crossings and turns its
 * short loops into faces. Deterministic: starts from the positions it is given.
 */
import type { Point } from './geometry.ts';

/** Hop distances between all nodes over undirected `edges`; unreachable pairs get the largest distance plus one. */
export function hopDistances(n: number, edges: ReadonlyArray<readonly [number, number]>): number[][] {
  const adjacent: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    if (a === b) continue;
    adjacent[a]!.push(b);
    adjacent[b]!.push(a);
  }
  const out: number[][] = [];
  let longest = 1;
  for (let s = 0; s < n; s++) {
    const d = new Array<number>(n).fill(-1);
    d[s] = 0;
    const queue = [s];
    for (let q = 0; q < queue.length; q++) {
      const v = queue[q]!;
      for (const w of adjacent[v]!) {
        if (d[w] !== -1) continue;
        d[w] = d[v]! + 1;
        longest = Math.max(longest, d[w]!);
        queue.push(w);
      }
    }
    out.push(d);
  }
  for (const row of out) for (let i = 0; i < n; i++) if (row[i] === -1) row[i] = longest + 1;
  return out;
}

/** Runs `iterations` of SMACOF from `start` with ideal distances `distance` (in the same unit as the points). */
export function stressLayout(start: readonly Point[], distance: readonly (readonly number[])[], iterations: number): Point[] {
  const n = start.length;
  let x = start.map((p) => p.x);
  let y = start.map((p) => p.y);
  for (let it = 0; it < iterations; it++) {
    const nx = new Array<number>(n).fill(0);
    const ny = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let sumW = 0;
      let sx = 0;
      let sy = 0;
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const d = distance[i]![j]!;
        const w = 1 / (d * d);
        const dx = x[i]! - x[j]!;
        const dy = y[i]! - y[j]!;
        const len = Math.hypot(dx, dy) || 1e-6;
        sumW += w;
        sx += w * (x[j]! + (d * dx) / len);
        sy += w * (y[j]! + (d * dy) / len);
      }
      nx[i] = sumW > 0 ? sx / sumW : x[i]!;
      ny[i] = sumW > 0 ? sy / sumW : y[i]!;
    }
    x = nx;
    y = ny;
  }
  return x.map((px, i) => ({ x: px, y: y[i]! }));
}
