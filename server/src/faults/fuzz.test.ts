/**
 * Fuzzing the sync socket of a real server process (fuzz.ts): the process never dies, another analysis keeps
 * syncing and storing meanwhile, the fuzzed analysis still opens, and memory stays bounded. The benchmark runs
 * the same with 100,000 messages and reports the memory; here it is a smaller count with a loose bound.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { toAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { Teardown, connectClient, createAnalysis, makeTempDir, sleep, waitFor, testSeed } from '../testing.ts';
import { runFuzz } from './fuzz.ts';
import { readRssBytes, startServerProcess } from './serverProcess.ts';

const SOAK = process.env.SOAK === '1';
const MESSAGES = Number(process.env.FUZZ_MESSAGES ?? (SOAK ? 100_000 : 12_000));
const MIB = 1024 * 1024;

let teardown: Teardown;

beforeEach(() => {
  teardown = new Teardown();
});

afterEach(async () => {
  await teardown.run();
});

describe('fuzzing the sync socket', () => {
  it(`${MESSAGES} hostile messages: the server lives, other analyses keep working, memory stays bounded`, async () => {
    const seed = testSeed('FUZZ_SEED', 1);
    const server = await startServerProcess({ dataDir: makeTempDir(teardown) });
    teardown.add(() => server.kill());
    const target = await createAnalysis(server.url, { title: 'doelwit' });
    const other = await createAnalysis(server.url, { title: 'gewoon werk' });
    const a = connectClient(teardown, server.syncUrl, other.id, other.tokens.editor);
    const b = connectClient(teardown, server.syncUrl, other.id, other.tokens.editor);
    // Someone stays in the fuzzed analysis too, so its room stays loaded for the whole run.
    const bystander = connectClient(teardown, server.syncUrl, target.id, target.tokens.viewer);
    await Promise.all([a.synced, b.synced, bystander.synced]);

    // Warm up (JIT, buffers) before the first memory reading.
    await runFuzz({ syncUrl: server.syncUrl, id: target.id, token: target.tokens.editor }, { messages: 1_000, seed: seed + 1 });
    const rssBefore = readRssBytes(server.pid)!;
    let rssPeak = rssBefore;

    // Ordinary work on another analysis all along.
    let working = true;
    const added: string[] = [];
    const work = (async () => {
      for (let n = 0; working; n++) {
        added.push(addFactor((n % 2 === 0 ? a : b).doc, 'fuzz-test', { label: `werk ${n}`, position: { x: n, y: 0 } }));
        await sleep(20);
      }
    })();
    const stats = await runFuzz(
      { syncUrl: server.syncUrl, id: target.id, token: target.tokens.editor },
      { messages: MESSAGES, seed, onProgress: () => (rssPeak = Math.max(rssPeak, readRssBytes(server.pid) ?? 0)) },
    ).finally(async () => {
      working = false;
      await work;
    });
    const rssAfter = readRssBytes(server.pid)!;
    console.log(
      `fuzz (seed ${seed}): ${stats.messages} messages over ${stats.connections} connections ${JSON.stringify(stats.byKind)}; ` +
        `closed with ${JSON.stringify(stats.closeCodes)}; RSS ${(rssBefore / MIB).toFixed(0)} MB before, ` +
        `${(rssPeak / MIB).toFixed(0)} MB peak, ${(rssAfter / MIB).toFixed(0)} MB after`,
    );

    expect(server.isRunning(), server.output().slice(-3_000)).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The other analysis: both clients connected throughout, converged, and all of it stored.
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    await waitFor(() => added.every((f) => getMaps(a.doc).factors.has(f) && getMaps(b.doc).factors.has(f)), 'the other analysis converges');
    const file = (await (
      await fetch(`${server.url}/api/analyses/${other.id}`, { headers: { Authorization: `Bearer ${other.tokens.viewer}` } })
    ).json()) as { factors: Array<{ id: string }> };
    expect(new Set(file.factors.map((f) => f.id))).toEqual(new Set(added));
    // The fuzzed analysis still opens, over HTTP and over sync, with the same content for both.
    const fuzzed = await fetch(`${server.url}/api/analyses/${target.id}`, { headers: { Authorization: `Bearer ${target.tokens.viewer}` } });
    expect(fuzzed.status).toBe(200);
    const late = connectClient(teardown, server.syncUrl, target.id, target.tokens.viewer);
    await late.synced;
    // Valid messages the fuzzer sent last may still be applied after the first read: both sides must come to rest
    // at the same content (the late client is relayed whatever the server applies after its sync).
    const readOverHttp = async () =>
      JSON.stringify(
        await (
          await fetch(`${server.url}/api/analyses/${target.id}`, { headers: { Authorization: `Bearer ${target.tokens.viewer}` } })
        ).json(),
      );
    await waitFor(
      async () => JSON.stringify(toAnalysisFile(readAnalysis(late.doc))) === (await readOverHttp()),
      'HTTP and sync agree',
      10_000,
    ).catch(async (error: unknown) => {
      // Say where they differ (seen once with a second clone's tests beside this one, not reproduced alone).
      const overSync = toAnalysisFile(readAnalysis(late.doc)) as unknown as Record<string, unknown>;
      const overHttp = JSON.parse(await readOverHttp()) as Record<string, unknown>;
      const parts = Object.keys({ ...overSync, ...overHttp }).filter(
        (key) => JSON.stringify(overSync[key]) !== JSON.stringify(overHttp[key]),
      );
      const sizes = (file: Record<string, unknown>) => parts.map((key) => `${key}: ${JSON.stringify(file[key])?.slice(0, 400)}`).join('\n');
      throw new Error(
        `${String(error)}; late client connected ${late.provider.wsconnected}; differing: ${parts.join(', ')}\nsync:\n${sizes(overSync)}\nhttp:\n${sizes(overHttp)}`,
      );
    });
    expect(toAnalysisFile(readAnalysis(late.doc))).toEqual(JSON.parse(await readOverHttp()));
    expect(bystander.provider.wsconnected).toBe(true);
    // Loose on purpose (a heap grows and shrinks in steps); without the awareness limits it grew by hundreds of MB.
    expect(rssPeak - rssBefore).toBeLessThan(150 * MIB);
    expect(stats.closeCodes['4400'] ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
