/**
 * Another family's sync while exports loop (issue 11): three clients, each from its own address, export a
 * 5,000-factor analysis as PDF over and over, while two editors of another analysis make an edit every 50 ms and
 * the latency from the edit to the other editor having it is measured. Before exports ran on a worker pool, this
 * attack raised that latency from ~3 ms to seconds. Goal: p99 ≤ 50 ms.
 *
 * Run alone: node --import tsx server/src/bench/exportLoadBench.ts [--seconds 20] [--workers 1,2]
 * (prints markdown; runBench.ts includes it as a section).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { toAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { buildBenchAnalysis } from '../../../web/src/bench/benchDiagram.ts';
import { startServerProcess, type ServerProcess } from '../faults/serverProcess.ts';
import { formatMs, formatTable, quantile } from './benchStats.ts';
import type { Verdict } from './syncBench.ts';

const FACTORS = 5_000;
const EXPORTERS = ['127.0.0.2', '127.0.0.3', '127.0.0.4'] as const;
const EDIT_INTERVAL_MS = 50;
const GOAL_P99_MS = 50;

/** Measured once with this file against the server of 4ff059b, when exports were drawn on the event loop. */
const BASELINE =
  'For comparison, the same run against the server before exports moved to the worker pool (4ff059b, exports drawn on the event loop; measured on 2026-12-02 at load average ~4): p50 4,759 ms, p99 11,220 ms, max 11,371 ms, 3 exports done.';

export interface ExportLoadOptions {
  readonly seconds: number;
  /** EXPORT_WORKERS values to measure; the first is judged against the goal. */
  readonly workers: readonly number[];
  readonly log: (line: string) => void;
}

export interface ExportLoadResult {
  readonly workers: number;
  readonly edits: number;
  readonly received: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Answers of the export requests that ended within the window, by status. */
  readonly exports: Readonly<Record<string, number>>;
  readonly seconds: number;
}

interface Created {
  readonly id: string;
  readonly tokens: { readonly editor: string; readonly viewer: string };
}

async function create(url: string, body: unknown): Promise<Created> {
  const res = await fetch(`${url}/api/analyses`, { method: 'POST', body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST /api/analyses answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Created;
}

function connect(syncUrl: string, id: string, token: string): { doc: Y.Doc; provider: WebsocketProvider; synced: Promise<void> } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, id, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => provider.on('sync', (isSynced: boolean) => isSynced && resolve()));
  return { doc, provider, synced };
}

/** One PDF export from `localAddress`; resolves with the status (0 when the connection failed). */
function exportPdf(server: ServerProcess, localAddress: string, id: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(
      `${server.url}/api/analyses/${id}/export.pdf`,
      { localAddress, agent: false, headers: { Authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
  });
}

/** Measures one server with EXPORT_WORKERS=`workers`. */
async function measure(workers: number, seconds: number, log: (line: string) => void): Promise<ExportLoadResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenzicht-bench-exportload-'));
  const server = await startServerProcess({ dataDir, env: { EXPORT_WORKERS: String(workers) } });
  const cleanup: Array<() => void> = [];
  let running = true;
  let loops: Promise<void>[] = [];
  try {
    const large = await create(server.url, { content: toAnalysisFile(buildBenchAnalysis(FACTORS)) });
    const family = await create(server.url, { content: toAnalysisFile(buildBenchAnalysis(20)) });
    // Someone has the large analysis open, so it is a live room (its queued edits are written before each export).
    const viewer = connect(server.syncUrl, large.id, large.tokens.viewer);
    const a = connect(server.syncUrl, family.id, family.tokens.editor);
    const b = connect(server.syncUrl, family.id, family.tokens.editor);
    for (const client of [viewer, a, b]) cleanup.push(() => (client.provider.destroy(), client.doc.destroy()));
    await Promise.all([viewer.synced, a.synced, b.synced]);

    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    getMaps(b.doc).factors.observe((event) => {
      const now = performance.now();
      for (const key of event.keysChanged) {
        const at = sentAt.get(key);
        if (at === undefined) continue;
        sentAt.delete(key);
        latencies.push(now - at);
      }
    });

    const exports: Record<string, number> = {};
    loops = EXPORTERS.map(async (address) => {
      while (running) {
        const status = await exportPdf(server, address, large.id, large.tokens.viewer);
        if (!running) break; // cut off at the end of the window: not counted
        exports[status] = (exports[status] ?? 0) + 1;
        // A refused export (429/503) is retried after a short pause, as a script looping would.
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    // The exports take their places first; then the edits run for the window.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    log(
      `EXPORT_WORKERS=${workers}: edits every ${EDIT_INTERVAL_MS} ms for ${seconds} s while three PDF exports of ${FACTORS} factors loop`,
    );
    let edits = 0;
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (performance.now() - started >= seconds * 1000) {
          clearInterval(timer);
          resolve();
          return;
        }
        const id = `p${edits++}`;
        sentAt.set(id, performance.now());
        addFactor(a.doc, 'bench', { label: `tijdens export ${edits}`, position: { x: edits, y: 0 } }, id);
      }, EDIT_INTERVAL_MS);
    });
    // Edits still on their way count at their real latency; whatever has not arrived after 10 s counts as 10 s.
    const drainUntil = performance.now() + 10_000;
    while (sentAt.size > 0 && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 20));
    running = false;
    for (const at of sentAt.values()) latencies.push(performance.now() - at);
    const received = edits - sentAt.size;
    return {
      workers,
      edits,
      received,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: Math.max(...latencies),
      exports,
      seconds,
    };
  } finally {
    running = false;
    for (const step of cleanup) step();
    await server.kill();
    // Exports still being drawn end with the server (not counted).
    await Promise.all(loops);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function describeExports(exports: Readonly<Record<string, number>>): string {
  const entries = Object.entries(exports).sort(([a], [b]) => Number(a) - Number(b));
  return entries.length === 0 ? 'none' : entries.map(([status, count]) => `${count} × ${status === '0' ? 'failed' : status}`).join(', ');
}

export async function runExportLoadBench(
  options: ExportLoadOptions,
): Promise<{ markdown: string; verdicts: Verdict[]; results: ExportLoadResult[] }> {
  const results: ExportLoadResult[] = [];
  for (const workers of options.workers) results.push(await measure(workers, options.seconds, options.log));
  const judged = results[0]!;
  const verdicts: Verdict[] = [
    {
      figure: `Another family's sync p99 while three ${FACTORS.toLocaleString('en')}-factor PDF exports loop (EXPORT_WORKERS=${judged.workers})`,
      value: `${formatMs(judged.p99)} ms (p50 ${formatMs(judged.p50)}, max ${formatMs(judged.max)}; exports done: ${judged.exports['200'] ?? 0})`,
      goal: `≤ ${GOAL_P99_MS} ms`,
      met: judged.received === judged.edits ? judged.p99 <= GOAL_P99_MS : false,
    },
  ];
  const table = formatTable(
    ['EXPORT_WORKERS', 'edits (received)', 'p50 ms', 'p99 ms', 'max ms', 'export answers in the window'],
    results.map((r) => [
      String(r.workers),
      `${r.edits} (${r.received})`,
      formatMs(r.p50),
      formatMs(r.p99),
      formatMs(r.max),
      describeExports(r.exports),
    ]),
  );
  const markdown = [
    `A server process with default limits; a ${FACTORS.toLocaleString('en')}-factor analysis (\`buildBenchAnalysis\`, ${FACTORS.toLocaleString('en')} links) that one viewer has open (a live room); three clients on 127.0.0.2, .3 and .4 (one each, so the per-address limit refuses none) request \`export.pdf\` in a loop (2 drawn or waiting for the pool, 1 waiting in the queue). After 1 s, one editor of another analysis (20 factors) adds a factor every ${EDIT_INTERVAL_MS} ms for ${judged.seconds} s and the time until the other editor has it is measured (one clock, in the benchmark process; an edit that never arrives counts as 10 s). Export answers are counted as they end within the window. The first row is judged; the second shows what a second pool thread does on this machine.`,
    '',
    table,
    '',
    BASELINE,
  ].join('\n');
  return { markdown, verdicts, results };
}

function readArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const seconds = Number(readArg('seconds') ?? '20');
  const workers = (readArg('workers') ?? '1,2').split(',').map(Number);
  const { markdown, verdicts } = await runExportLoadBench({ seconds, workers, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(
    `${markdown}\n\n${formatTable(
      ['figure', 'value', 'goal', 'met'],
      verdicts.map((v) => [v.figure, v.value, v.goal, String(v.met)]),
    )}\n`,
  );
}
