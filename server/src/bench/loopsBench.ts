/**
 * Benchmark of the pattern analysis on a seeded random diagram of 1,000 factors and 3,000 links, capped at 10,000
 * loops. Goal: ≤ 200 ms. Run: `node --import tsx server/src/bench/loopsBench.ts [seed]`.
 */
import type { Analysis, FactorKind, Factor, Link } from '@samenzicht/shared/model/types';
import { analysePatterns } from '@samenzicht/shared/graph/patterns';
import { seededRandom } from '@samenzicht/shared/random';

const FACTORS = 1_000;
const LINKS = 3_000;
const MAX_LOOPS = 10_000;
const RUNS = 5;

/** Kinds weighted roughly as in real analyses: mostly what keeps things going and what makes them worse. */
const KIND_WEIGHTS: Array<[FactorKind, number]> = [
  ['perpetuating', 40],
  ['aggravating', 25],
  ['problem', 10],
  ['protective', 15],
  ['predisposing', 7],
  ['precipitating', 3],
];

function pickKind(random: () => number): FactorKind {
  let r = random() * 100;
  for (const [kind, weight] of KIND_WEIGHTS) if ((r -= weight) < 0) return kind;
  return 'perpetuating';
}

function randomAnalysis(seed: number, kinds: (random: () => number) => FactorKind): Analysis {
  const random = seededRandom(seed);
  const factors: Factor[] = Array.from({ length: FACTORS }, (_, i) => ({
    id: `f${i}`,
    label: `Factor ${i}`,
    kind: kinds(random),
    domain: null,
    evidence: 'observation',
    note: '',
    position: { x: 0, y: 0 },
  }));
  const links: Link[] = Array.from({ length: LINKS }, (_, i) => {
    const from = Math.floor(random() * FACTORS);
    let to = Math.floor(random() * (FACTORS - 1));
    if (to >= from) to++;
    return { id: `l${i}`, from: `f${from}`, to: `f${to}`, polarity: random() < 0.8 ? '+' : '-', note: '' };
  });
  return { title: 'bench', factors, links, actors: [], loops: [] };
}

function measure(label: string, analysis: Analysis, timeBudgetMs: number): void {
  const times: number[] = [];
  let last: ReturnType<typeof analysePatterns> | undefined;
  analysePatterns(analysis, { maxLoops: MAX_LOOPS, timeBudgetMs }); // warm-up (JIT)
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    last = analysePatterns(analysis, { maxLoops: MAX_LOOPS, timeBudgetMs });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)]!;
  const vicious = last!.loops.filter((l) => l.vicious).length;
  const meanLength = last!.loops.reduce((sum, l) => sum + l.links.length, 0) / Math.max(1, last!.loops.length);
  console.log(
    `${label.padEnd(44)} median ${median.toFixed(1).padStart(6)} ms  (runs ${times.map((t) => t.toFixed(0)).join(', ')})  ` +
      `loops ${last!.loops.length}${last!.truncated ? ' (truncated)' : ''}, mean length ${meanLength.toFixed(1)}, ` +
      `vicious ${vicious}, break points ${last!.breakPoints.links.length} links / ${last!.breakPoints.factors.length} factors`,
  );
}

const seed = Number(process.argv[2] ?? 20_240_601);
console.log(`analysePatterns on ${FACTORS} factors / ${LINKS} links, seed ${seed}, cap ${MAX_LOOPS} loops, median of ${RUNS}`);
const realistic = randomAnalysis(seed, pickKind);
const allNegative = randomAnalysis(seed, () => 'perpetuating');
measure('weighted kinds, default time budget (150 ms)', realistic, 150);
measure('weighted kinds, no time budget', realistic, 60_000);
measure('every factor perpetuating, no time budget', allNegative, 60_000);
