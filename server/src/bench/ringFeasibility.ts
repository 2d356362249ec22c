/**
 * How many loops of a diagram can be rings at once, whatever the layout: a search of the free plane (points
 * anywhere, no grid, no bands, no box sizes) that moves one factor at a time by simulated annealing and counts the
 * loops whose factors, joined in loop order, do not form a simple polygon. It cannot prove that a set of loops can
 * never all be rings; when many seeded restarts never get there while every smaller set does, that is the best
 * evidence a benchmark can give (the layout's own result is judged against it in BENCHMARKS.md).
 */
import { isSimplePolygon, type Point } from '@samenzicht/shared/layout/geometry';
import { seededRandom } from '@samenzicht/shared/random';

export interface FeasibilityResult {
  /** The fewest loops left broken in any restart. */
  readonly fewestBroken: number;
  readonly restarts: number;
  readonly moves: number;
}

/** Searches `restarts` times with `moves` moves each; stops early when every loop is a ring. */
export function fewestBrokenRings(loops: readonly (readonly string[])[], restarts: number, moves: number): FeasibilityResult {
  const ids = [...new Set(loops.flat())];
  const index = new Map(ids.map((id, i) => [id, i]));
  const cycles = loops.map((l) => l.map((id) => index.get(id)!));
  const loopsOf: number[][] = ids.map(() => []);
  cycles.forEach((c, k) => new Set(c).forEach((v) => loopsOf[v]!.push(k)));
  let fewest = Infinity;
  for (let r = 0; r < restarts && fewest > 0; r++) {
    const random = seededRandom(r + 1);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const points: Point[] = ids.map(() => ({ x: random(), y: random() }));
    const broken = cycles.map((c) => !isSimplePolygon(c.map((v) => points[v]!)));
    let count = broken.filter(Boolean).length;
    for (let step = 0; step < moves && count > 0; step++) {
      const temperature = 2 * 0.005 ** (step / moves);
      const v = Math.floor(random() * ids.length);
      const old = points[v]!;
      points[v] = random() < 0.7 ? { x: old.x + 0.15 * gauss(), y: old.y + 0.15 * gauss() } : { x: random(), y: random() };
      const now = loopsOf[v]!.map((k) => !isSimplePolygon(cycles[k]!.map((u) => points[u]!)));
      const delta = loopsOf[v]!.reduce((d, k, i) => d + Number(now[i]!) - Number(broken[k]!), 0);
      if (delta <= 0 || random() < Math.exp(-delta / temperature)) {
        loopsOf[v]!.forEach((k, i) => (broken[k] = now[i]!));
        count += delta;
      } else {
        points[v] = old;
      }
    }
    fewest = Math.min(fewest, count);
  }
  return { fewestBroken: fewest, restarts, moves };
}
