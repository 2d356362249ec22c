import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Teardown, makeTempDir } from '../testing.ts';
import { DB_FILE_NAME } from './sqliteStorage.ts';
import { openSqliteStorageInWorker } from './workerStorage.ts';

const HASHES = { facilitator: 'f'.repeat(64), editor: 'e'.repeat(64), viewer: 'v'.repeat(64) };
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);
const FOLD = { windowMs: 60_000, limited: false, gatherName: '(meerdere namen)' } as const;

let teardown: Teardown;
let dir: string;

beforeEach(() => {
  teardown = new Teardown();
  dir = makeTempDir(teardown);
});

afterEach(async () => {
  await teardown.run();
});

describe('storage on its own thread', () => {
  it('does what the in-thread engine does, with results and errors passed back', async () => {
    const storage = await openSqliteStorageInWorker(path.join(dir, DB_FILE_NAME));
    teardown.add(() => storage.close());
    await storage.createAnalysis('a', HASHES, bytes('snapshot'));
    expect(await storage.findRoleByTokenHash('a', HASHES.editor)).toBe('editor');
    const [first, second] = await Promise.all([storage.appendUpdates('a', [bytes('u1')]), storage.appendUpdates('a', [bytes('u2')])]);
    expect(second).toBeGreaterThan(first!);
    const doc = (await storage.loadDoc('a'))!;
    expect(text(doc.snapshot!)).toBe('snapshot');
    expect(doc.updates.map(text)).toEqual(['u1', 'u2']);
    expect(doc.updates[0]).toBeInstanceOf(Uint8Array);
    await expect(storage.appendUpdates('weg', [bytes('x')])).rejects.toThrow(/FOREIGN KEY/);
    await storage.appendLog({ analysisId: 'a', at: 1, name: 'Sanne', role: 'editor', action: 'opened', detail: null });
    expect(await storage.appendLog({ analysisId: 'a', at: 2, name: 'Sanne', role: 'editor', action: 'opened', detail: null }, FOLD)).toBe(
      'folded',
    );
    expect(await storage.readLog('a', { limit: 10 })).toMatchObject({
      entries: [{ at: 1, name: 'Sanne', role: 'editor', action: 'opened', detail: null, count: 2, lastAt: 2 }],
      next: null,
    });
    await storage.deleteAnalysis('a');
    expect(await storage.exists('a')).toBe(false);
  });

  it('two databases on the one thread stay apart, and a closed one refuses calls', async () => {
    const one = await openSqliteStorageInWorker(path.join(dir, 'one.db'));
    const two = await openSqliteStorageInWorker(path.join(dir, 'two.db'));
    teardown.add(() => two.close());
    await one.createAnalysis('a', HASHES, bytes('s'));
    expect(await one.exists('a')).toBe(true);
    expect(await two.exists('a')).toBe(false);
    await one.close();
    await expect(one.exists('a')).rejects.toThrow(/closed/);
    expect(await two.exists('a')).toBe(false);
  });

  it('refuses a database made by a newer version with the reason', async () => {
    const file = path.join(dir, 'newer.db');
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    await expect(openSqliteStorageInWorker(file)).rejects.toThrow(/newer Samenzicht/);
  });

  it('a delete (VACUUM of a large file) does not stall the calling thread', async () => {
    const storage = await openSqliteStorageInWorker(path.join(dir, DB_FILE_NAME));
    teardown.add(() => storage.close());
    await storage.createAnalysis('a', HASHES, bytes('s'));
    await storage.createAnalysis('b', { facilitator: '1'.repeat(64), editor: '2'.repeat(64), viewer: '3'.repeat(64) }, bytes('s'));
    const chunk = new Uint8Array(64 * 1024).fill(7);
    for (let i = 0; i < 40; i++)
      await storage.appendUpdates(
        'b',
        Array.from({ length: 16 }, () => chunk),
      );
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const started = performance.now();
    await storage.deleteAnalysis('a');
    const took = performance.now() - started;
    delay.disable();
    // Rewriting ~40 MB takes far longer than any stall of this thread: the work happened elsewhere.
    expect(took).toBeGreaterThan(20);
    expect(delay.max / 1e6).toBeLessThan(took / 2);
  });
});
