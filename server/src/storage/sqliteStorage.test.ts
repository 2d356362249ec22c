import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Teardown, makeTempDir, readDb } from '../testing.ts';
import { DB_FILE_NAME, SCHEMA_VERSION, openSqliteStorage } from './sqliteStorage.ts';
import type { Storage } from './storage.ts';

const HASHES = { facilitator: 'f'.repeat(64), editor: 'e'.repeat(64), viewer: 'v'.repeat(64) };
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

let teardown: Teardown;
let file: string;
let storage: Storage;

beforeEach(() => {
  teardown = new Teardown();
  file = path.join(makeTempDir(teardown), DB_FILE_NAME);
  storage = openSqliteStorage(file);
  teardown.add(() => storage.close());
});

afterEach(async () => {
  await teardown.run();
});

describe('sqlite storage', () => {
  it('creates an analysis and finds the role of each token hash', async () => {
    await storage.createAnalysis('analyse-0000000001', HASHES, bytes('begin'));
    expect(await storage.exists('analyse-0000000001')).toBe(true);
    expect(await storage.findRoleByTokenHash('analyse-0000000001', HASHES.facilitator)).toBe('facilitator');
    expect(await storage.findRoleByTokenHash('analyse-0000000001', HASHES.editor)).toBe('editor');
    expect(await storage.findRoleByTokenHash('analyse-0000000001', HASHES.viewer)).toBe('viewer');
    expect(await storage.findRoleByTokenHash('analyse-0000000001', '0'.repeat(64))).toBeNull();
    expect(await storage.findRoleByTokenHash('analyse-0000000002', HASHES.viewer)).toBeNull();
    expect(await storage.exists('analyse-0000000002')).toBe(false);
  });

  it('loads the snapshot and the log in order; null for an unknown analysis', async () => {
    await storage.createAnalysis('a', HASHES, bytes('snapshot'));
    expect(await storage.loadDoc('a')).toMatchObject({ updates: [], lastUpdateId: 0 });
    const first = await storage.appendUpdates('a', [bytes('u1'), bytes('u2')]);
    const second = await storage.appendUpdates('a', [bytes('u3')]);
    expect(second).toBeGreaterThan(first);
    const doc = (await storage.loadDoc('a'))!;
    expect(text(doc.snapshot!)).toBe('snapshot');
    expect(doc.updates.map(text)).toEqual(['u1', 'u2', 'u3']);
    expect(doc.lastUpdateId).toBe(second);
    expect(await storage.loadDoc('b')).toBeNull();
  });

  it('compact replaces the snapshot and deletes the log up to the given id only', async () => {
    await storage.createAnalysis('a', HASHES, bytes('s0'));
    const upTo = await storage.appendUpdates('a', [bytes('u1'), bytes('u2')]);
    await storage.appendUpdates('a', [bytes('u3')]);
    await storage.compact('a', bytes('s1'), upTo);
    const doc = (await storage.loadDoc('a'))!;
    expect(text(doc.snapshot!)).toBe('s1');
    expect(doc.updates.map(text)).toEqual(['u3']);
  });

  it('keeps analyses apart', async () => {
    await storage.createAnalysis('a', HASHES, bytes('sa'));
    await storage.createAnalysis('b', { facilitator: '1'.repeat(64), editor: '2'.repeat(64), viewer: '3'.repeat(64) }, bytes('sb'));
    await storage.appendUpdates('a', [bytes('ua')]);
    await storage.appendUpdates('b', [bytes('ub')]);
    await storage.compact('a', bytes('sa2'), 1_000_000);
    expect((await storage.loadDoc('b'))!.updates.map(text)).toEqual(['ub']);
    expect(await storage.findRoleByTokenHash('b', HASHES.facilitator)).toBeNull();
  });

  it('refuses updates for an analysis that does not exist', async () => {
    await expect(storage.appendUpdates('weg', [bytes('u')])).rejects.toThrow();
  });

  it('appends made in the same turn are written in one commit', async () => {
    const Database = (await import('better-sqlite3')).default;
    const names = Array.from({ length: 10 }, (_, i) => `g${i}`);
    for (const [i, name] of names.entries()) {
      await storage.createAnalysis(
        name,
        { facilitator: `${i}f`.padEnd(64, '0'), editor: `${i}e`.padEnd(64, '0'), viewer: `${i}v`.padEnd(64, '0') },
        bytes('s'),
      );
    }
    const spy = new Database(file);
    teardown.add(() => spy.close());
    /** Frames in the WAL after emptying it: every commit writes its changed pages once more. */
    const walFramesAfter = async (write: () => Promise<unknown>): Promise<number> => {
      spy.pragma('wal_checkpoint(TRUNCATE)');
      await write();
      const [status] = spy.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
      return status!.log;
    };
    const together = await walFramesAfter(() => Promise.all(names.map((name) => storage.appendUpdates(name, [bytes('x')]))));
    const oneByOne = await walFramesAfter(async () => {
      for (const name of names) await storage.appendUpdates(name, [bytes('y')]);
    });
    expect(together).toBeGreaterThan(0);
    expect(together * 3).toBeLessThan(oneByOne);
  });

  it('one bad append in a turn fails only itself', async () => {
    await storage.createAnalysis('a', HASHES, bytes('sa'));
    await storage.createAnalysis('b', { facilitator: '1'.repeat(64), editor: '2'.repeat(64), viewer: '3'.repeat(64) }, bytes('sb'));
    const results = await Promise.allSettled([
      storage.appendUpdates('a', [bytes('a1'), bytes('a2')]),
      storage.appendUpdates('weg', [bytes('lost')]),
      storage.appendUpdates('b', [bytes('b1')]),
      storage.appendUpdates('a', [bytes('a3')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const [a, , b, a3] = results as Array<PromiseFulfilledResult<number>>;
    expect(a3!.value).toBeGreaterThan(a!.value);
    expect((await storage.loadDoc('a'))!).toMatchObject({ lastUpdateId: a3!.value });
    expect((await storage.loadDoc('a'))!.updates.map(text)).toEqual(['a1', 'a2', 'a3']);
    expect((await storage.loadDoc('b'))!.updates.map(text)).toEqual(['b1']);
    expect(b!.value).toBeGreaterThan(0);
  });

  it('close writes the appends still waiting for their turn', async () => {
    await storage.createAnalysis('a', HASHES, bytes('sa'));
    const pending = storage.appendUpdates('a', [bytes('late')]);
    await storage.close();
    await expect(pending).resolves.toBeGreaterThan(0);
    const reopened = openSqliteStorage(file);
    teardown.add(() => reopened.close());
    expect((await reopened.loadDoc('a'))!.updates.map(text)).toEqual(['late']);
  });

  it('delete removes every row and leaves no byte of it in the files', async () => {
    const marker = 'Vertrouwelijk-Jansen';
    await storage.createAnalysis('a', HASHES, bytes(`${marker}-snapshot`));
    await storage.createAnalysis('b', { facilitator: '1'.repeat(64), editor: '2'.repeat(64), viewer: '3'.repeat(64) }, bytes('ander'));
    for (let i = 0; i < 50; i++) await storage.appendUpdates('a', [bytes(`${marker}-${i}-${'x'.repeat(200)}`)]);
    await storage.compact('a', bytes(`${marker}-compacted`), 25);
    for (let i = 0; i < 20; i++) {
      await storage.appendLog({ analysisId: 'a', at: i, name: `${marker}-naam-${i}`, role: 'editor', action: 'opened', detail: null });
    }
    await storage.appendLog({ analysisId: 'b', at: 1, name: 'blijft', role: 'editor', action: 'opened', detail: null });
    // Versions, one stored whole and one as a difference, with the marker in their record.
    for (let i = 0; i < 2; i++) {
      const person = { name: `${marker}-aanwezig`, role: 'editor' as const };
      const file = JSON.stringify({ format: 'samenzicht/analysis', version: 1, title: `${marker}-${i}`, factors: [], links: [] });
      const version = {
        id: `v${i}`,
        name: `${marker}-versie-${i}`,
        at: i,
        auto: false,
        reason: 'manual' as const,
        by: person,
        present: [person],
      };
      await storage.addVersion('a', { ...version, actors: [], factors: 0, links: 0, loops: 0, vicious: 0, file }, 10);
    }
    const inFiles = () => [file, `${file}-wal`].some((f) => fs.existsSync(f) && fs.readFileSync(f).includes(marker));
    expect(inFiles()).toBe(true);

    await storage.deleteAnalysis('a');
    expect(await storage.exists('a')).toBe(false);
    expect(await storage.loadDoc('a')).toBeNull();
    expect(await storage.findRoleByTokenHash('a', HASHES.facilitator)).toBeNull();
    expect((await storage.readLog('a', { limit: 100 })).entries).toEqual([]);
    expect(readDb(file, (db) => db.prepare("SELECT COUNT(*) FROM access_log WHERE analysis_id = 'a'").pluck().get())).toBe(0);
    expect(await storage.listVersions('a')).toBeNull();
    expect(readDb(file, (db) => db.prepare("SELECT COUNT(*) FROM versions WHERE analysis_id = 'a'").pluck().get())).toBe(0);
    expect(inFiles()).toBe(false);
    expect(fs.readFileSync(file).includes(HASHES.facilitator)).toBe(false);
    expect(text((await storage.loadDoc('b'))!.snapshot!)).toBe('ander');
    expect((await storage.readLog('b', { limit: 100 })).entries.map((entry) => entry.name)).toEqual(['blijft']);
  });

  it('rotateToken replaces the token of one role at once and returns the old hash', async () => {
    await storage.createAnalysis('a', HASHES, bytes('s'));
    const replaced = await storage.rotateToken('a', 'editor', 'n'.repeat(64));
    expect(replaced).toEqual([HASHES.editor]);
    expect(await storage.findRoleByTokenHash('a', HASHES.editor)).toBeNull();
    expect(await storage.findRoleByTokenHash('a', 'n'.repeat(64))).toBe('editor');
    expect(await storage.findRoleByTokenHash('a', HASHES.viewer)).toBe('viewer');
    expect(await storage.findRoleByTokenHash('a', HASHES.facilitator)).toBe('facilitator');
    expect(await storage.rotateToken('weg', 'editor', 'm'.repeat(64))).toBeNull();
  });

  it('keeps an access log per analysis, newest first, up to the limit', async () => {
    await storage.createAnalysis('a', HASHES, bytes('s'));
    await storage.createAnalysis('b', { facilitator: '1'.repeat(64), editor: '2'.repeat(64), viewer: '3'.repeat(64) }, bytes('s'));
    await storage.appendLog({ analysisId: 'a', at: 1000, name: '—', role: 'facilitator', action: 'created', detail: null });
    await storage.appendLog({ analysisId: 'b', at: 1500, name: 'ander', role: 'viewer', action: 'opened', detail: null });
    await storage.appendLog({ analysisId: 'a', at: 2000, name: 'Anna', role: 'editor', action: 'opened', detail: null });
    // Same millisecond: the order of writing decides.
    await storage.appendLog({ analysisId: 'a', at: 2000, name: '—', role: 'facilitator', action: 'rotated', detail: 'viewer' });
    expect((await storage.readLog('a', { limit: 10 })).entries).toMatchObject([
      { at: 2000, name: '—', role: 'facilitator', action: 'rotated', detail: 'viewer', count: 1, lastAt: 2000 },
      { at: 2000, name: 'Anna', role: 'editor', action: 'opened', detail: null, count: 1, lastAt: 2000 },
      { at: 1000, name: '—', role: 'facilitator', action: 'created', detail: null, count: 1, lastAt: 1000 },
    ]);
    const page = await storage.readLog('a', { limit: 2 });
    expect(page.entries.map((entry) => entry.action)).toEqual(['rotated', 'opened']);
    expect(page.next).toEqual({ at: 2000, id: page.entries[1]!.id });
    await expect(
      storage.appendLog({ analysisId: 'weg', at: 1, name: 'x', role: 'editor', action: 'opened', detail: null }),
    ).rejects.toThrow();
  });

  it('leaves out log rows it cannot read', async () => {
    await storage.createAnalysis('a', HASHES, bytes('s'));
    await storage.appendLog({ analysisId: 'a', at: 1, name: 'Anna', role: 'editor', action: 'opened', detail: null });
    await storage.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    db.prepare("INSERT INTO access_log (analysis_id, at, name, role, action) VALUES ('a', 2, 'x', 'beheerder', 'opened')").run();
    db.prepare("INSERT INTO access_log (analysis_id, at, name, role, action) VALUES ('a', 3, 'x', 'editor', 'gedanst')").run();
    db.close();
    storage = openSqliteStorage(file);
    expect((await storage.readLog('a', { limit: 10 })).entries.map((entry) => entry.name)).toEqual(['Anna']);
  });

  it('migrates a schema 1 database: the access log is added, the analyses stay', async () => {
    await storage.close();
    fs.rmSync(file);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    // Schema 1 as it shipped, with one analysis in it.
    db.exec(`
      CREATE TABLE analyses (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE tokens (analysis_id TEXT NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('facilitator', 'editor', 'viewer')), hash TEXT NOT NULL,
        created_at INTEGER NOT NULL, PRIMARY KEY (analysis_id, hash));
      CREATE INDEX tokens_by_role ON tokens(analysis_id, role);
      CREATE TABLE snapshots (analysis_id TEXT PRIMARY KEY REFERENCES analyses(id) ON DELETE CASCADE, data BLOB NOT NULL);
      CREATE TABLE updates (id INTEGER PRIMARY KEY AUTOINCREMENT,
        analysis_id TEXT NOT NULL REFERENCES analyses(id) ON DELETE CASCADE, data BLOB NOT NULL);
      CREATE INDEX updates_by_analysis ON updates(analysis_id, id);
      INSERT INTO analyses VALUES ('oud', 1);
      INSERT INTO tokens VALUES ('oud', 'viewer', '${HASHES.viewer}', 1);
      INSERT INTO snapshots VALUES ('oud', x'00');
    `);
    db.pragma('user_version = 1');
    db.close();

    storage = openSqliteStorage(file);
    expect(readDb(file, (check) => check.pragma('user_version', { simple: true }))).toBe(SCHEMA_VERSION);
    expect(await storage.findRoleByTokenHash('oud', HASHES.viewer)).toBe('viewer');
    await storage.appendLog({ analysisId: 'oud', at: 5, name: 'Anna', role: 'viewer', action: 'opened', detail: null });
    expect((await storage.readLog('oud', { limit: 10 })).entries).toHaveLength(1);
    await storage.deleteAnalysis('oud');
    expect((await storage.readLog('oud', { limit: 10 })).entries).toEqual([]);
  });

  it('uses WAL, secure_delete and foreign keys, and keeps the file private', () => {
    expect(readDb(file, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reopens an existing file and refuses one made by a newer version', async () => {
    await storage.createAnalysis('a', HASHES, bytes('s'));
    await storage.close();
    const reopened = openSqliteStorage(file);
    expect(await reopened.exists('a')).toBe(true);
    await reopened.close();

    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStorage(file)).toThrow(/newer Samenzicht/);
  });
});
