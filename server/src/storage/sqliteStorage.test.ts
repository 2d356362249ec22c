import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Teardown, makeTempDir, readDb } from '../testing.ts';
import { DB_FILE_NAME, openSqliteStorage } from './sqliteStorage.ts';
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

  it('delete removes every row and leaves no byte of it in the files', async () => {
    const marker = 'Vertrouwelijk-Jansen';
    await storage.createAnalysis('a', HASHES, bytes(`${marker}-snapshot`));
    await storage.createAnalysis('b', { facilitator: '1'.repeat(64), editor: '2'.repeat(64), viewer: '3'.repeat(64) }, bytes('ander'));
    for (let i = 0; i < 50; i++) await storage.appendUpdates('a', [bytes(`${marker}-${i}-${'x'.repeat(200)}`)]);
    await storage.compact('a', bytes(`${marker}-compacted`), 25);
    const inFiles = () => [file, `${file}-wal`].some((f) => fs.existsSync(f) && fs.readFileSync(f).includes(marker));
    expect(inFiles()).toBe(true);

    await storage.deleteAnalysis('a');
    expect(await storage.exists('a')).toBe(false);
    expect(await storage.loadDoc('a')).toBeNull();
    expect(await storage.findRoleByTokenHash('a', HASHES.facilitator)).toBeNull();
    expect(inFiles()).toBe(false);
    expect(fs.readFileSync(file).includes(HASHES.facilitator)).toBe(false);
    expect(text((await storage.loadDoc('b'))!.snapshot!)).toBe('ander');
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
