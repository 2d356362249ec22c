/** The access log in the SQLite engine: folding, gathering over the rate, keyset paging, filters, the schema 3 migration. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Teardown, makeTempDir, readDb } from '../testing.ts';
import { DB_FILE_NAME, MAX_LOG_ROWS_SCANNED, SCHEMA_VERSION, openSqliteStorage } from './sqliteStorage.ts';
import type { AccessLogEntry, AccessLogFold, AccessLogQuery, Storage, StoredAccessLogEntry } from './storage.ts';

const HASHES = { facilitator: 'f'.repeat(64), editor: 'e'.repeat(64), viewer: 'v'.repeat(64) };
const GATHER = '(meerdere namen)';
const FOLD: AccessLogFold = { windowMs: 600_000, limited: false, gatherName: GATHER };
const LIMITED: AccessLogFold = { ...FOLD, limited: true };

let teardown: Teardown;
let file: string;
let storage: Storage;

beforeEach(async () => {
  teardown = new Teardown();
  file = path.join(makeTempDir(teardown), DB_FILE_NAME);
  storage = openSqliteStorage(file);
  teardown.add(() => storage.close());
  await storage.createAnalysis('a', HASHES, new Uint8Array([0]));
});

afterEach(async () => {
  await teardown.run();
});

function event(at: number, name: string, extra: Partial<AccessLogEntry> = {}): AccessLogEntry & { analysisId: string } {
  return { analysisId: 'a', at, name, role: 'viewer', action: 'opened', detail: null, ...extra };
}

async function readAll(query: Omit<AccessLogQuery, 'limit' | 'before'> = {}, limit = 500): Promise<StoredAccessLogEntry[]> {
  const all: StoredAccessLogEntry[] = [];
  let before: AccessLogQuery['before'] = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await storage.readLog('a', { ...query, limit, before });
    all.push(...page.entries);
    if (page.next === null) return all;
    before = page.next;
  }
  throw new Error('paging did not end');
}

const summary = (entries: readonly StoredAccessLogEntry[]) =>
  entries.map((e) => `${e.name}/${e.role}/${e.action}/${e.detail ?? ''}×${e.count}`);

describe('access log folding', () => {
  it('counts an event identical to the newest row within the window in that row', async () => {
    expect(await storage.appendLog(event(1_000, 'Anna'), FOLD)).toBe('inserted');
    expect(await storage.appendLog(event(2_000, 'Anna'), FOLD)).toBe('folded');
    expect(await storage.appendLog(event(5_000, 'Anna'), FOLD)).toBe('folded');
    const [row] = (await storage.readLog('a', { limit: 10 })).entries;
    expect(row).toMatchObject({ at: 1_000, lastAt: 5_000, count: 3, name: 'Anna' });
  });

  it('starts a new row after the window, for another detail, role, name or action, and without fold options', async () => {
    await storage.appendLog(event(0, 'Anna'), FOLD);
    expect(await storage.appendLog(event(600_001, 'Anna'), FOLD)).toBe('inserted');
    expect(await storage.appendLog(event(600_002, 'Anna', { detail: 'x' }), FOLD)).toBe('inserted');
    expect(await storage.appendLog(event(600_003, 'Anna', { detail: 'x', role: 'editor' }), FOLD)).toBe('inserted');
    expect(await storage.appendLog(event(600_004, 'anna', { detail: 'x', role: 'editor' }), FOLD)).toBe('inserted');
    expect(await storage.appendLog(event(600_005, 'anna', { detail: 'x', role: 'editor', action: 'edited' }), FOLD)).toBe('inserted');
    expect(await storage.appendLog(event(600_006, 'anna', { detail: 'x', role: 'editor', action: 'edited' }))).toBe('inserted');
    expect((await storage.readLog('a', { limit: 10 })).entries.every((e) => e.count === 1)).toBe(true);
  });

  it('within the rate folds only into the newest row; over the rate into the newest row like it in the window', async () => {
    await storage.appendLog(event(1, 'Anna'), FOLD);
    await storage.appendLog(event(2, 'Bram'), FOLD);
    expect(await storage.appendLog(event(3, 'Anna'), FOLD)).toBe('inserted');
    expect(await storage.appendLog(event(4, 'Bram'), LIMITED)).toBe('folded');
    expect(summary((await storage.readLog('a', { limit: 10 })).entries)).toEqual([
      'Anna/viewer/opened/×1',
      'Bram/viewer/opened/×2',
      'Anna/viewer/opened/×1',
    ]);
  });

  it('over the rate, an event with no row like it is gathered per role and action, without name or detail', async () => {
    await storage.appendLog(event(1, 'Anna'), FOLD);
    expect(await storage.appendLog(event(2, 'Nep-1', { detail: 'lang verhaal' }), LIMITED)).toBe('gathered');
    expect(await storage.appendLog(event(3, 'Nep-2'), LIMITED)).toBe('gathered');
    expect(await storage.appendLog(event(4, 'Nep-3', { role: 'editor' }), LIMITED)).toBe('gathered');
    expect(await storage.appendLog(event(5, 'Nep-4', { action: 'renamed', detail: 'Nep-3' }), LIMITED)).toBe('gathered');
    expect(await storage.appendLog(event(6, 'Nep-5'), LIMITED)).toBe('gathered');
    expect(summary((await storage.readLog('a', { limit: 10 })).entries)).toEqual([
      `${GATHER}/viewer/renamed/×1`,
      `${GATHER}/editor/opened/×1`,
      `${GATHER}/viewer/opened/×3`,
      'Anna/viewer/opened/×1',
    ]);
  });
});

describe('access log paging and filters', () => {
  it('pages newest first by time, then row id, and reaches every row exactly once', async () => {
    // Many rows share a millisecond, and one was written late with an earlier time (a retried write).
    for (let i = 0; i < 1_200; i++) await storage.appendLog(event(1_000 + Math.floor(i / 7), `p${i}`));
    await storage.appendLog(event(500, 'laat geschreven'));
    const all = await readAll({}, 11);
    expect(all).toHaveLength(1_201);
    expect(new Set(all.map((e) => e.id)).size).toBe(1_201);
    expect(all[0]!.name).toBe('p1199');
    expect(all[1_199]!.name).toBe('p0');
    expect(all[1_200]!.name).toBe('laat geschreven');
    const sorted = [...all].sort((x, y) => y.at - x.at || y.id - x.id);
    expect(all.map((e) => e.id)).toEqual(sorted.map((e) => e.id));
    const first = await storage.readLog('a', { limit: 500 });
    expect(first.entries).toHaveLength(500);
    expect(first.next).toEqual({ at: first.entries[499]!.at, id: first.entries[499]!.id });
  });

  it('the last page says so: next is null when the page ends at the oldest row', async () => {
    for (let i = 0; i < 4; i++) await storage.appendLog(event(i, `p${i}`));
    const page = await storage.readLog('a', { limit: 4 });
    expect(page.entries).toHaveLength(4);
    expect(page.next).toBeNull();
  });

  it('filters by action, role and part of a name (ignoring case), also across pages', async () => {
    await storage.appendLog(event(1, '—', { role: 'facilitator', action: 'created' }));
    await storage.appendLog(event(2, 'Özlem (moeder)', { role: 'editor' }));
    await storage.appendLog(event(3, 'Bram', { role: 'viewer' }));
    await storage.appendLog(event(4, 'ÖZLEM', { role: 'viewer', action: 'edited' }));
    await storage.appendLog(event(5, '—', { role: 'facilitator', action: 'rotated', detail: 'viewer' }));
    await storage.appendLog(event(6, 'Bram', { role: 'viewer', action: 'renamed', detail: 'özlem' }));
    expect((await readAll({ actions: ['created', 'rotated'] }, 1)).map((e) => e.action)).toEqual(['rotated', 'created']);
    expect((await readAll({ roles: ['viewer'] }, 1)).map((e) => e.at)).toEqual([6, 4, 3]);
    expect((await readAll({ name: 'özl' }, 1)).map((e) => e.name)).toEqual(['ÖZLEM', 'Özlem (moeder)']);
    expect((await readAll({ name: 'özl', roles: ['editor', 'facilitator'], actions: ['opened'] })).map((e) => e.at)).toEqual([2]);
    expect(await readAll({ name: 'niemand' })).toEqual([]);
  });

  it('a read looks at a bounded number of rows: a rare match is found by following next', async () => {
    await storage.appendLog(event(0, 'Zeldzaam'));
    const db = new Database(file);
    const insert = db.prepare("INSERT INTO access_log (analysis_id, at, name, role, action) VALUES ('a', ?, 'ander', 'viewer', 'opened')");
    db.transaction(() => {
      for (let i = 1; i <= MAX_LOG_ROWS_SCANNED + 10; i++) insert.run(i);
    })();
    db.close();
    const first = await storage.readLog('a', { limit: 10, name: 'zeld' });
    expect(first.entries).toEqual([]);
    expect(first.next).not.toBeNull();
    const second = await storage.readLog('a', { limit: 10, name: 'zeld', before: first.next });
    expect(second.entries.map((e) => e.name)).toEqual(['Zeldzaam']);
    expect(second.next).toBeNull();
  });

  it('reads a page through the index on (analysis_id, at), without sorting the whole log', () => {
    const plan = readDb(file, (db) =>
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id, at, name, role, action, detail, count, last_at FROM access_log
           WHERE analysis_id = ? AND (at, id) < (?, ?) ORDER BY at DESC, id DESC`,
        )
        .all('a', 1, 1)
        .map((row) => (row as { detail: string }).detail)
        .join('\n'),
    );
    expect(plan).toContain('access_log_by_time');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});

describe('access log schema 3', () => {
  it('upgrades a schema 2 database: old rows read with count 1, and fold', async () => {
    await storage.close();
    fs.rmSync(file);
    const db = new Database(file);
    // Schema 2 as it shipped: the access log without count and last_at.
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
      CREATE TABLE access_log (id INTEGER PRIMARY KEY, analysis_id TEXT NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
        at INTEGER NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL, detail TEXT);
      CREATE INDEX access_log_by_analysis ON access_log(analysis_id, id);
      INSERT INTO analyses VALUES ('oud', 1);
      INSERT INTO access_log (analysis_id, at, name, role, action) VALUES ('oud', 10, '—', 'facilitator', 'created');
      INSERT INTO access_log (analysis_id, at, name, role, action, detail) VALUES ('oud', 20, '—', 'viewer', 'exported', 'json');
    `);
    db.pragma('user_version = 2');
    db.close();

    storage = openSqliteStorage(file);
    expect(readDb(file, (check) => check.pragma('user_version', { simple: true }))).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
    expect((await storage.readLog('oud', { limit: 10 })).entries).toMatchObject([
      { at: 20, name: '—', role: 'viewer', action: 'exported', detail: 'json', count: 1, lastAt: 20 },
      { at: 10, name: '—', role: 'facilitator', action: 'created', detail: null, count: 1, lastAt: 10 },
    ]);
    const exported = { analysisId: 'oud', at: 30, name: '—', role: 'viewer', action: 'exported', detail: 'json' } as const;
    expect(await storage.appendLog(exported, FOLD)).toBe('folded');
    expect((await storage.readLog('oud', { limit: 1 })).entries[0]).toMatchObject({ at: 20, lastAt: 30, count: 2 });
  });
});
