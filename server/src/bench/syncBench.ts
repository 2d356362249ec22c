/**
 * Sync benchmark: our server against the stock `@y/websocket-server` (0.1.1) in the same run. Every run starts a
 * fresh server process and a fresh load generator process (syncLoad.ts); the two servers take turns in every
 * scenario, in alternating order, so slow drift of the machine hits both alike. Medians over the runs.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, startServerProcess } from '../faults/serverProcess.ts';
import Database from 'better-sqlite3';
import { formatBytes, formatMiB, formatMs, formatPercent, formatTable, median, quantile } from './benchStats.ts';
import type { LoadConfig, LoadResult } from './syncLoad.ts';

export type Target = 'ours' | 'stock';

export interface Scenario {
  readonly key: string;
  readonly label: string;
  readonly analyses: number;
  readonly clientsPerAnalysis: number;
  readonly editsPerSecond: number;
}

export const SCENARIOS: readonly Scenario[] = [
  { key: '50x4', label: '50 analyses × 4 clients, 10 edits/s each (200 clients)', analyses: 50, clientsPerAnalysis: 4, editsPerSecond: 10 },
  { key: '1x50', label: '1 analysis × 50 clients, 2 edits/s each', analyses: 1, clientsPerAnalysis: 50, editsPerSecond: 2 },
  { key: '1x100', label: '1 analysis × 100 clients, 2 edits/s each', analyses: 1, clientsPerAnalysis: 100, editsPerSecond: 2 },
];

/**
 * The limits our server gets in the benchmark. Every simulated client comes from 127.0.0.1, so the per-address
 * limits (100 connections, 30 analyses created a minute by default) would refuse most of them; everything else
 * keeps its default (MAX_MESSAGES_PER_SECOND 200 per connection is far above 10 edits/s).
 */
export const OUR_BENCH_ENV: Readonly<Record<string, string>> = { MAX_CONNECTIONS_PER_ADDRESS: '1000', MAX_CREATES_PER_MINUTE: '1000' };

export interface SyncBenchOptions {
  readonly runs: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly drainMs: number;
  readonly scenarios: readonly Scenario[];
  readonly log: (line: string) => void;
}

interface RunningTarget {
  readonly pid: number;
  readonly httpUrl: string;
  stop(): Promise<void>;
}

const STOCK_SERVER = path.join(REPO_ROOT, 'node_modules/@y/websocket-server/src/server.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The stock server the way its README says (`HOST=… PORT=… npx y-websocket`), minus npx so the pid is the server's. */
async function startStockServer(): Promise<RunningTarget> {
  const port = await freePort();
  const child = spawn(process.execPath, [STOCK_SERVER], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the stock server did not start:\n${output}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the stock server exited (${code}):\n${output}`)));
  });
  return {
    pid: child.pid!,
    httpUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

async function startOurServer(): Promise<RunningTarget> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenzicht-bench-'));
  const server = await startServerProcess({ dataDir, env: OUR_BENCH_ENV });
  return {
    pid: server.pid,
    httpUrl: server.url,
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * How long one small SQLite commit takes on this disk with the server's settings (WAL, synchronous=FULL): our
 * server makes one per flush interval for all rooms together, on its storage thread (workerStorage.ts).
 */
export function measureCommitLatency(commits = 500): { p50: number; p99: number; max: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenzicht-commit-'));
  const db = new Database(path.join(dir, 'commit.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE updates (id INTEGER PRIMARY KEY, analysis_id TEXT, data BLOB)');
    const insert = db.prepare('INSERT INTO updates (analysis_id, data) VALUES (?, ?)');
    const commit = db.transaction((rows: number) => {
      for (let i = 0; i < rows; i++) insert.run('AAAAAAAAAAAAAAAAAAAAAA', Buffer.alloc(40));
    });
    const times: number[] = [];
    for (let i = 0; i < commits; i++) {
      const started = performance.now();
      commit(2);
      times.push(performance.now() - started);
    }
    return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: quantile(times, 1) };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the load generator in its own process and returns what it measured. */
function runGenerator(config: LoadConfig): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/bench/syncLoad.ts'), JSON.stringify(config)],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('RESULT '.length)) as LoadResult);
      else reject(new Error(`the load generator failed (${code}):\n${stderr.slice(-3_000)}`));
    });
  });
}

export async function runOnce(scenario: Scenario, target: Target, options: SyncBenchOptions, seed: number): Promise<LoadResult> {
  const server = target === 'ours' ? await startOurServer() : await startStockServer();
  try {
    return await runGenerator({
      target,
      httpUrl: server.httpUrl,
      serverPid: server.pid,
      analyses: scenario.analyses,
      clientsPerAnalysis: scenario.clientsPerAnalysis,
      editsPerSecond: scenario.editsPerSecond,
      warmupS: options.warmupS,
      durationS: options.durationS,
      drainMs: options.drainMs,
      checkers: 3,
      seed,
    });
  } finally {
    await server.stop();
  }
}

export type SyncResults = Record<string, Record<Target, LoadResult[]>>;

/** Runs every scenario `runs` times for both servers, interleaved: ours/stock, then stock/ours, and so on. */
export async function runSyncBench(options: SyncBenchOptions): Promise<SyncResults> {
  const results: SyncResults = {};
  for (const scenario of options.scenarios) results[scenario.key] = { ours: [], stock: [] };
  for (let run = 0; run < options.runs; run++) {
    for (const scenario of options.scenarios) {
      const order: Target[] = run % 2 === 0 ? ['ours', 'stock'] : ['stock', 'ours'];
      for (const target of order) {
        const result = await runOnce(scenario, target, options, 1_000 + run);
        results[scenario.key]![target].push(result);
        options.log(
          `sync ${scenario.key} ${target.padEnd(5)} run ${run + 1}/${options.runs}: p50 ${formatMs(result.latencyMs.p50)} ms, ` +
            `p99 ${formatMs(result.latencyMs.p99)} ms, p99.9 ${formatMs(result.latencyMs.p999)} ms, delivered ${result.delivered}/${result.expected}, ` +
            `server CPU ${formatPercent(result.serverCpu)}, generator CPU ${formatPercent(result.generatorCpu)}` +
            `${result.valid ? '' : ' (INVALID: generator too busy)'}${result.converged ? '' : ' (NOT CONVERGED)'}` +
            `${result.notes.length > 0 ? ` — ${result.notes.join('; ')}` : ''}`,
        );
      }
    }
  }
  return results;
}

interface Summary {
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly lost: number;
  readonly expected: number;
  readonly bytesPerEdit: number;
  readonly messagesPerEdit: number;
  readonly serverCpu: number;
  readonly rss: number;
  readonly generatorCpu: number;
  readonly validRuns: number;
  readonly runs: number;
  readonly converged: boolean;
}

/** Medians over the valid runs (all runs when none is valid, which the table then says). */
function summarise(results: readonly LoadResult[]): Summary {
  const valid = results.filter((r) => r.valid);
  const use = valid.length > 0 ? valid : results;
  const pick = (f: (r: LoadResult) => number): number => median(use.map(f));
  return {
    p50: pick((r) => r.latencyMs.p50),
    p99: pick((r) => r.latencyMs.p99),
    p999: pick((r) => r.latencyMs.p999),
    lost: results.reduce((n, r) => n + (r.expected - r.delivered), 0),
    expected: results.reduce((n, r) => n + r.expected, 0),
    bytesPerEdit: pick((r) => r.bytesPerEdit),
    messagesPerEdit: pick((r) => r.messagesPerEdit),
    serverCpu: pick((r) => r.serverCpu),
    rss: pick((r) => r.serverRssMaxBytes),
    generatorCpu: pick((r) => r.generatorCpu),
    validRuns: valid.length,
    runs: results.length,
    converged: results.every((r) => r.converged),
  };
}

export interface Verdict {
  readonly figure: string;
  readonly value: string;
  readonly goal: string;
  readonly met: boolean | null;
}

/** The markdown of the sync section and the goal verdicts. */
export function formatSyncSection(results: SyncResults, options: SyncBenchOptions): { markdown: string; verdicts: Verdict[] } {
  const rows: string[][] = [];
  const summaries: Record<string, Record<Target, Summary>> = {};
  for (const scenario of options.scenarios) {
    const byTarget = results[scenario.key]!;
    summaries[scenario.key] = { ours: summarise(byTarget.ours), stock: summarise(byTarget.stock) };
    for (const target of ['ours', 'stock'] as const) {
      const s = summaries[scenario.key]![target];
      rows.push([
        scenario.label,
        target === 'ours' ? '**Samenzicht**' : 'stock 0.1.1',
        formatMs(s.p50),
        formatMs(s.p99),
        formatMs(s.p999),
        `${s.expected - s.lost} / ${s.expected}${s.lost > 0 ? ` (**${s.lost} lost**)` : ''}`,
        formatPercent(s.serverCpu),
        formatMiB(s.rss),
        `${formatBytes(s.bytesPerEdit)} (${s.messagesPerEdit.toFixed(2)} msgs)`,
        formatPercent(s.generatorCpu),
        `${s.validRuns}/${s.runs}`,
        s.converged ? 'yes' : '**no**',
      ]);
    }
  }
  const ratioRows = options.scenarios.map((scenario) => {
    const { ours, stock } = summaries[scenario.key]!;
    return [
      scenario.label,
      `${(ours.p50 / stock.p50).toFixed(2)}`,
      `${(ours.p99 / stock.p99).toFixed(2)}`,
      `${(ours.p999 / stock.p999).toFixed(2)}`,
      `${(ours.serverCpu / stock.serverCpu).toFixed(2)}`,
      `${(ours.bytesPerEdit / stock.bytesPerEdit).toFixed(2)}`,
    ];
  });

  const s200 = summaries['50x4'];
  const s100 = summaries['1x100'];
  const verdicts: Verdict[] = [];
  if (s200) {
    verdicts.push({
      figure: 'Sync: p99 edit-to-remote latency, 200 clients (50 × 4)',
      value: `${formatMs(s200.ours.p99)} ms`,
      goal: '≤ 5 ms',
      met: s200.ours.p99 <= 5,
    });
    verdicts.push({
      figure: 'Sync: p99 at 200 clients against the stock server',
      value: `${formatMs(s200.ours.p99)} vs ${formatMs(s200.stock.p99)} ms (×${(s200.ours.p99 / s200.stock.p99).toFixed(2)})`,
      goal: '≤ ½ × stock',
      met: s200.ours.p99 <= s200.stock.p99 / 2,
    });
  }
  if (s100) {
    verdicts.push({
      figure: 'Sync: p99, 100 clients in one analysis',
      value: `${formatMs(s100.ours.p99)} ms`,
      goal: '≤ 50 ms',
      met: s100.ours.p99 <= 50,
    });
    verdicts.push({
      figure: 'Sync: updates lost, 100 clients in one analysis',
      value: `${s100.ours.lost} of ${s100.ours.expected}`,
      goal: '0',
      met: s100.ours.lost === 0,
    });
  }
  for (const scenario of options.scenarios) {
    const ours = summaries[scenario.key]!.ours;
    verdicts.push({
      figure: `Sync: every client converged (${scenario.key})`,
      value: ours.converged ? 'yes' : 'no',
      goal: 'yes',
      met: ours.converged,
    });
  }

  const markdown = [
    formatTable(
      [
        'scenario',
        'server',
        'p50 ms',
        'p99 ms',
        'p99.9 ms',
        'delivered / expected',
        'server CPU',
        'server RSS (max)',
        'bytes sent per edit',
        'generator CPU',
        'valid runs',
        'converged',
      ],
      rows,
    ),
    '',
    'Ratios, Samenzicht ÷ stock (medians; below 1 is better for Samenzicht):',
    '',
    formatTable(['scenario', 'p50', 'p99', 'p99.9', 'server CPU', 'bytes per edit'], ratioRows),
  ].join('\n');
  return { markdown, verdicts };
}
