/**
 * Benchmark of "Netjes maken": the ELK layered layout (the same graph the editor sends to its Web Worker) of the
 * large example (~150 factors, ~300 links). Goal: ≤ 1 s. Median of 5 runs after one warm-up.
 * Run: `node --import tsx server/src/bench/layoutBench.ts`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ELK from 'elkjs/lib/elk.bundled.js';
import { parseAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { buildLayoutGraph, readLayoutResult } from '@samenzicht/shared/graph/layoutPlan';

const RUNS = 5;
const GOAL_MS = 1_000;

const file = JSON.parse(readFileSync(fileURLToPath(new URL('../../../examples/large.samenzicht.json', import.meta.url)), 'utf8'));
const parsed = parseAnalysisFile(file);
if (!parsed.ok) throw new Error('the large example does not parse');
const analysis = parsed.value;
const elk = new ELK();

async function layoutOnce(): Promise<number> {
  const started = performance.now();
  const result = await elk.layout(buildLayoutGraph({ analysis }));
  const moves = readLayoutResult(result);
  if (moves.length !== analysis.factors.length) throw new Error('layout lost factors');
  return performance.now() - started;
}

async function main(): Promise<void> {
  await layoutOnce();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await layoutOnce());
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`## Layout ("Netjes maken")\n`);
  console.log(`| Diagram | Runs | Median (ms) | Min–max (ms) | Goal | Result |`);
  console.log(`| --- | --- | --- | --- | --- | --- |`);
  console.log(
    `| large example: ${analysis.factors.length} factors, ${analysis.links.length} links | ${RUNS} | ${median.toFixed(0)} | ${times[0]!.toFixed(0)}–${times.at(-1)!.toFixed(0)} | ≤ ${GOAL_MS} ms | ${median <= GOAL_MS ? 'met' : '**not met**'} |`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
