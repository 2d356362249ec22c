/**
 * Seeded chaos (see chaos.ts): 200 seeds here, 1,000 or more in `npm run soak`. A failure names its seed; rerun
 * one with `CHAOS_SEED=<seed> npx vitest run --project server server/src/faults/chaos.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { runChaosSeed, type ChaosResult } from './chaos.ts';

const SOAK = process.env.SOAK === '1';
const ONE_SEED = process.env.CHAOS_SEED;
const COUNT = Number(process.env.CHAOS_SEEDS ?? (SOAK ? 1_000 : 200));
// CI runs the same seeds every time; the soak starts somewhere new each run (and prints where).
const FIRST = Number(process.env.CHAOS_FIRST_SEED ?? (SOAK ? Date.now() % 1_000_000_000 : 1));
/** Seeds run side by side: each has its own server, port and data directory. */
const CONCURRENCY = 8;

// Every stock client adds a process 'exit' listener; a few dozen at once are expected here.
process.setMaxListeners(200);

const seeds = ONE_SEED !== undefined ? [Number(ONE_SEED)] : Array.from({ length: COUNT }, (_, i) => FIRST + i);

async function runAll(list: readonly number[]): Promise<{ results: ChaosResult[]; failures: string[] }> {
  const results: ChaosResult[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < list.length) {
      const seed = list[next++]!;
      try {
        results.push(await runChaosSeed(seed));
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { results, failures };
}

describe('seeded chaos: random edits, dropped connections, restarts and crashes', () => {
  it(
    `${seeds.length} seeds from ${seeds[0]}: every client converges to the stored state`,
    async () => {
      const { results, failures } = await runAll(seeds);
      const sum = (key: 'restarts' | 'crashes' | 'drops'): number => results.reduce((n, r) => n + r[key], 0);
      console.log(
        `chaos: ${results.length}/${seeds.length} seeds passed (first ${seeds[0]}); ` +
          `${sum('restarts')} clean restarts, ${sum('crashes')} crash restarts, ${sum('drops')} dropped connections`,
      );
      expect(failures).toEqual([]);
      // The mix must really contain the faults it is about.
      if (seeds.length >= 50) expect(sum('crashes')).toBeGreaterThan(0);
    },
    Math.max(60_000, seeds.length * 2_000),
  );
});
