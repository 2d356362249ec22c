/**
 * What the browser and bundle benchmarks share: a production build of the web app into a directory of their own
 * (so a build someone else starts in dist/web cannot pull files away mid-run), statistics and markdown tables.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs `vite build` into `outDir`; with `benchPage` it also builds web/bench.html (see vite.config.ts). */
export function buildWeb(outDir: string, options: { benchPage: boolean }): void {
  const vite = join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const env = { ...process.env };
  if (options.benchPage) env.SAMENZICHT_BENCH_PAGE = '1';
  else delete env.SAMENZICHT_BENCH_PAGE;
  const result = spawnSync(process.execPath, [vite, 'build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

/** The value at quantile `q` (0..1) of `values`, nearest-rank; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A markdown table; cells are written as given. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function formatMs(ms: number): string {
  return Number.isFinite(ms) ? ms.toFixed(ms < 100 ? 1 : 0) : '—';
}

export function formatMet(met: boolean | null): string {
  return met === null ? '—' : met ? 'met' : '**not met**';
}

/** Reads `--name value` from the command line. */
export function readArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function hasFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** Writes a section's result for the `npm run bench` runner to merge into BENCHMARKS.md. */
export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
