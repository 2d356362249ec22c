/** `POST /api/analyses` per client address (MAX_CREATES_PER_MINUTE), and a large import parsed on the worker pool. */
import * as http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { buildBenchAnalysis } from '../../web/src/bench/benchDiagram.ts';
import { MESSAGES, createCreateRateLimit } from './analysesApi.ts';
import { ConfigError, parseConfig } from './config.ts';
import { Teardown, createAnalysis, startTestServer, type TestServer } from './testing.ts';

let teardown: Teardown;

beforeEach(() => {
  teardown = new Teardown();
});

afterEach(async () => {
  await teardown.run();
});

/** POST /api/analyses from a given local address (127.0.0.x are different clients to the server). */
function createFrom(
  server: TestServer,
  localAddress: string,
  body: unknown = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.url}/api/analyses`,
      { method: 'POST', localAddress, agent: false, headers: { 'Content-Type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('MAX_CREATES_PER_MINUTE', () => {
  it('one address over the limit gets 429 with a Dutch sentence and Retry-After; another address can still create', async () => {
    const server = await startTestServer(teardown, { maxCreatesPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await createFrom(server, '127.0.0.5', { title: `gezin ${i}` })).status).toBe(201);
    const refused = await createFrom(server, '127.0.0.5', { title: 'een te veel' });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('20');
    expect(refused.json).toEqual({ error: MESSAGES.tooManyCreates });
    expect((await createFrom(server, '127.0.0.6', { title: 'ander adres' })).status).toBe(201);
  });

  it('refills at the rate, with bursts as large as the rate per minute', () => {
    let now = 0;
    const limit = createCreateRateLimit(30, () => now);
    for (let i = 0; i < 30; i++) expect(limit.take('192.0.2.1')).toBe(true);
    expect(limit.take('192.0.2.1')).toBe(false);
    expect(limit.take('::ffff:192.0.2.1')).toBe(false); // the same client, written as IPv6
    expect(limit.take('192.0.2.2')).toBe(true);
    expect(limit.retryAfterS).toBe(2);
    now += 2_000;
    expect(limit.take('192.0.2.1')).toBe(true);
    expect(limit.take('192.0.2.1')).toBe(false);
  });

  it('defaults to 30 a minute; the export settings have sensible defaults and bad values name the variable', () => {
    const config = parseConfig({});
    expect([config.maxCreatesPerMinute, config.exportWorkers, config.exportTimeBudgetMs, config.maxExportsPerAddress]).toEqual([
      30, 1, 30_000, 2,
    ]);
    const set = parseConfig({
      MAX_CREATES_PER_MINUTE: '1000',
      EXPORT_WORKERS: '2',
      EXPORT_TIME_BUDGET_MS: '5000',
      MAX_EXPORTS_PER_ADDRESS: '10',
    });
    expect([set.maxCreatesPerMinute, set.exportWorkers, set.exportTimeBudgetMs, set.maxExportsPerAddress]).toEqual([1000, 2, 5_000, 10]);
    expect(() => parseConfig({ EXPORT_WORKERS: '3' })).toThrow(ConfigError);
    expect(() => parseConfig({ MAX_CREATES_PER_MINUTE: '0' })).toThrow(/MAX_CREATES_PER_MINUTE/);
  });
});

describe('a large import', () => {
  it('over 64 kB (parsed on the worker pool) is stored as sent; a bad one gets 400 as a small one does', async () => {
    const server = await startTestServer(teardown);
    type File = { factors: Array<{ id: string }>; links: unknown[] };
    const file = toAnalysisFile(buildBenchAnalysis(5_000)) as File;
    const { id, tokens } = await createAnalysis(server.url, { content: file });
    const stored = (await (
      await fetch(`${server.url}/api/analyses/${id}`, { headers: { Authorization: `Bearer ${tokens.viewer}` } })
    ).json()) as File;
    expect(stored.factors.length).toBe(5_000);
    expect(stored.factors.find((f) => f.id === 'f4321')).toEqual(file.factors.find((f) => f.id === 'f4321'));
    expect(stored.links.length).toBe(file.links.length);
    // A bad large file is refused the same way as a small one.
    const bad = await createFrom(server, '127.0.0.1', { content: { ...file, factors: [...file.factors, { id: 'x' }] } });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: string }).error).toBe(MESSAGES.badContent);
  });

  it('that takes longer than EXPORT_TIME_BUDGET_MS on the pool answers 503 with a Dutch sentence; a small one is still created', async () => {
    // Far below what building a 5,000-factor document takes (hundreds of ms), so it is over on any machine.
    const server = await startTestServer(teardown, { exportTimeBudgetMs: 20 });
    const slow = await createFrom(server, '127.0.0.1', { content: toAnalysisFile(buildBenchAnalysis(5_000)) });
    expect(slow.status).toBe(503);
    expect(slow.json).toEqual({ error: MESSAGES.createTooSlow });
    expect((await createFrom(server, '127.0.0.1', { title: 'klein' })).status).toBe(201);
  });
});
