/**
 * Exports must not hold other families' sessions (issue 11): PDF exports of a 5,000-factor analysis run on the
 * worker pool while another analysis syncs, and an export over its time budget is stopped alone.
 */
import * as http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { buildBenchAnalysis } from '../../web/src/bench/benchDiagram.ts';
import { EXPORT_MESSAGES } from './exportApi.ts';
import { Teardown, connectClient, createAnalysis, makeTempDir, scaled, startTestServer, waitFor, type TestServer } from './testing.ts';

const LARGE = toAnalysisFile(buildBenchAnalysis(5_000));
const SMALL = toAnalysisFile(buildBenchAnalysis(20));

let teardown: Teardown;

beforeEach(() => {
  teardown = new Teardown();
});

afterEach(async () => {
  await teardown.run();
});

/** GET from a given local address (another client to the server's per-address limits); resolves with the status. */
function getStatus(server: TestServer, path: string, token: string, localAddress = '127.0.0.1'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}${path}`, { localAddress, headers: { Authorization: `Bearer ${token}` }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('latin1') }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Two editors of one analysis, in sync: `roundTrip` is one edit by a until b has it. */
async function anotherFamily(server: TestServer) {
  const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
  const a = connectClient(teardown, server.syncUrl, id, tokens.editor);
  const b = connectClient(teardown, server.syncUrl, id, tokens.editor);
  await Promise.all([a.synced, b.synced]);
  let n = 0;
  return {
    async roundTrip(): Promise<number> {
      const started = performance.now();
      const f = addFactor(a.doc, 'test', { label: `tijdens export ${n++}`, position: { x: n, y: n } });
      await waitFor(() => getMaps(b.doc).factors.has(f), 'b receives a’s edit', 60_000);
      return performance.now() - started;
    },
  };
}

describe('exports run off the event loop', () => {
  it('while three PDF exports of a 5,000-factor analysis run, another analysis keeps syncing and the event loop is not held', async () => {
    const server = await startTestServer(teardown);
    const large = await createAnalysis(server.url, { content: LARGE });
    // Someone has the large analysis open, so each export reads the live document on the main thread.
    const viewer = connectClient(teardown, server.syncUrl, large.id, large.tokens.viewer);
    await viewer.synced;
    const family = await anotherFamily(server);
    for (let i = 0; i < 3; i++) await family.roundTrip(); // warm

    // Three exporters (three addresses, so the per-address limit refuses none): 2 admitted, 1 waiting.
    let finished = 0;
    const exports = ['127.0.0.2', '127.0.0.3', '127.0.0.4'].map((address) =>
      getStatus(server, `/api/analyses/${large.id}/export.pdf`, large.tokens.viewer, address).then(
        (answer) => {
          finished++;
          return answer.status;
        },
        () => -1, // cut off when the server closes at the end of the test
      ),
    );
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const latencies: number[] = [];
    // 4 s and at least 21 round trips, which a busy machine may need longer for (up to 4 s × TEST_TIME_FACTOR).
    const until = performance.now() + 4_000;
    const latest = performance.now() + scaled(4_000);
    while (performance.now() < latest && (performance.now() < until || latencies.length <= 20)) {
      latencies.push(await family.roundTrip());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    delay.disable();
    const stillRunning = finished < exports.length;
    const summary = `round trips ${latencies.length}, p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; event loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms; exports finished ${finished}`;
    // A 5,000-factor PDF takes seconds, so the exports were being drawn during the whole measurement.
    expect(stillRunning, summary).toBe(true);
    // On the event loop, one such export held it for seconds (p99 11 s, BENCHMARKS.md): bounds far below that, scaled
    // by TEST_TIME_FACTOR so a busy machine does not fail this. The figures themselves: npm run bench -- --only exportload.
    expect(percentile(latencies, 95), summary).toBeLessThan(scaled(500));
    expect(delay.max / 1e6, summary).toBeLessThan(scaled(1_000));
    expect(latencies.length, summary).toBeGreaterThan(20);
    expect(delay.percentile(99) / 1e6, summary).toBeLessThan(scaled(250));
    // They complete (or are cut off by the server closing when this machine is slow): none failed otherwise.
    if (finished === exports.length) expect(await Promise.all(exports)).toEqual([200, 200, 200]);
  }, 120_000);

  it('an export over its time budget answers 503 with a Dutch sentence; /healthz, other exports and sync go on', async () => {
    // Made on a server with the default budget (the large import takes a while on the pool too), then reopened.
    const dataDir = makeTempDir(teardown);
    const first = await startTestServer(teardown, { dataDir });
    const large = await createAnalysis(first.url, { content: LARGE });
    const small = await createAnalysis(first.url, { content: SMALL });
    await first.server.close();

    const server = await startTestServer(teardown, { dataDir, exportTimeBudgetMs: 1_000 });
    const started = performance.now();
    const tooLong = await getStatus(server, `/api/analyses/${large.id}/export.pdf`, large.tokens.viewer);
    expect(tooLong.status).toBe(503);
    expect((JSON.parse(tooLong.body) as { error: string }).error).toBe(EXPORT_MESSAGES.tooSlow);
    // Stopped at the budget, not after the seconds the whole PDF takes (the thread's start is not counted).
    expect(performance.now() - started).toBeLessThan(scaled(15_000));
    expect(server.log.lines.some((line) => line.includes('EXPORT_TIME_BUDGET_MS'))).toBe(true);

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const svg = await getStatus(server, `/api/analyses/${small.id}/export.svg`, small.tokens.viewer);
    expect(svg.status).toBe(200);
    expect(svg.body).toContain('<svg');
    const family = await anotherFamily(server);
    expect(await family.roundTrip()).toBeLessThan(scaled(5_000));
    // The large analysis itself is untouched and can still be read.
    expect(
      (await fetch(`${server.url}/api/analyses/${large.id}`, { headers: { Authorization: `Bearer ${large.tokens.viewer}` } })).status,
    ).toBe(200);
  }, 120_000);
});
