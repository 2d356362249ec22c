/**
 * Issue 16: automatic versions at the end of each session (the last person who may edit leaves after changes, or an
 * hour passes without an edit) and RETENTION_DAYS. The session rules are tested on `Versions` with a fake clock; the
 * same rules end to end on a real server with a short idle time and a moved clock.
 */
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { AccessLog } from './accessLog.ts';
import { encodeInitialState } from './analysesApi.ts';
import { silentLogger } from './log.ts';
import { DAY_MS } from './retention.ts';
import { RoomManager } from './rooms.ts';
import { DB_FILE_NAME, openSqliteStorage } from './storage/sqliteStorage.ts';
import type { Storage, StoredVersionInfo } from './storage/storage.ts';
import { Teardown, connectClient, createAnalysis, makeTempDir, readDb, startTestServer, waitFor } from './testing.ts';
import { Versions, type SessionPeer } from './versions.ts';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const HASHES = { facilitator: 'f'.repeat(64), editor: 'e'.repeat(64), viewer: 'v'.repeat(64) };
const HOUR = 3_600_000;

let teardown: Teardown;
beforeEach(() => {
  teardown = new Teardown();
});
afterEach(async () => {
  vi.useRealTimers();
  await teardown.run();
});

describe('automatic versions at the end of a session (fake clock)', () => {
  let storage: Storage;
  let versions: Versions;
  const mira: SessionPeer = { role: 'editor', name: () => 'Mira' };
  const oma: SessionPeer = { role: 'viewer', name: () => 'Oma' };
  const sanne: SessionPeer = { role: 'facilitator', name: () => 'Sanne' };

  beforeEach(async () => {
    // setImmediate stays real: the SQLite engine's group commit runs on it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    storage = openSqliteStorage(path.join(makeTempDir(teardown), DB_FILE_NAME));
    teardown.add(() => storage.close());
    await storage.createAnalysis(ID, HASHES, encodeInitialState(null, 'Sessies'));
    const rooms = new RoomManager({ storage, log: silentLogger, flushIntervalMs: 0, compactThreshold: 100, unloadGraceMs: 0 });
    versions = new Versions({ storage, rooms, accessLog: new AccessLog(storage, silentLogger), log: silentLogger, sessionIdleMs: HOUR });
    teardown.add(() => versions.close());
  });

  /** Lets the storage calls of an automatic version finish (they run on real setImmediate turns). */
  async function settle(): Promise<StoredVersionInfo[]> {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    return (await storage.listVersions(ID))!;
  }

  it('makes one when the last person who may edit leaves after changes, with everyone who was there', async () => {
    versions.joined(ID, sanne);
    versions.joined(ID, mira);
    versions.joined(ID, oma);
    versions.edited(ID, mira);
    versions.left(ID, sanne);
    expect(await settle()).toEqual([]); // Mira may still edit
    versions.left(ID, mira);
    const [made, ...rest] = await settle();
    expect(rest).toEqual([]);
    expect(made).toMatchObject({ auto: true, reason: 'session', by: { name: 'Mira', role: 'editor' } });
    expect(made!.name).toMatch(/^Sessie van /);
    expect(made!.present.map((p) => p.name).sort()).toEqual(['Mira', 'Oma', 'Sanne']);
    // The viewer leaving later, without changes, makes no second one.
    versions.left(ID, oma);
    expect(await settle()).toHaveLength(1);
  });

  it('makes none when nobody changed anything, or when a version was made by hand after the last change', async () => {
    versions.joined(ID, mira);
    versions.left(ID, mira);
    expect(await settle()).toEqual([]);
    versions.joined(ID, mira);
    versions.edited(ID, mira);
    await versions.make(ID, { reason: 'manual', by: { name: 'Mira', role: 'editor' }, name: 'Met de hand' });
    versions.left(ID, mira);
    expect((await settle()).map((v) => v.name)).toEqual(['Met de hand']);
  });

  it('makes one after an hour without edits, counted from the last edit, while people stay connected', async () => {
    versions.joined(ID, mira);
    versions.joined(ID, oma);
    versions.edited(ID, mira);
    await vi.advanceTimersByTimeAsync(59 * 60_000);
    versions.edited(ID, mira);
    await vi.advanceTimersByTimeAsync(59 * 60_000);
    expect(await settle()).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    const list = await settle();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ auto: true, reason: 'session' });
    // A quiet hour after that makes nothing more; the next change starts a new session.
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(await settle()).toHaveLength(1);
    versions.edited(ID, mira);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(await settle()).toHaveLength(2);
  });
});

describe('automatic versions on a real server', () => {
  it('the last editor leaving after changes leaves a version; an idle session too', async () => {
    const server = await startTestServer(teardown, { sessionIdleMs: 400 });
    const { id, tokens } = await createAnalysis(server.url, { title: 'Sessie' });
    const list = async () =>
      (
        (await (
          await fetch(`${server.url}/api/analyses/${id}/versions`, { headers: { Authorization: `Bearer ${tokens.viewer}` } })
        ).json()) as {
          versions: Array<{ auto: boolean; reason: string; factors: number; present: Array<{ name: string }> }>;
        }
      ).versions;

    const editor = connectClient(teardown, server.syncUrl, id, tokens.editor, { name: 'Mira' });
    const viewer = connectClient(teardown, server.syncUrl, id, tokens.viewer, { name: 'Oma' });
    await Promise.all([editor.synced, viewer.synced]);
    addFactor(editor.doc, 'test', { label: 'Schulden', position: { x: 0, y: 0 } });
    // Idle: no edit for 400 ms while both stay connected.
    await waitFor(async () => (await list()).length === 1, 'a version after the idle time');
    expect((await list())[0]).toMatchObject({ auto: true, reason: 'session', factors: 1 });

    addFactor(editor.doc, 'test', { label: 'Stress', position: { x: 0, y: 100 } });
    await waitFor(
      async () => readDb(server.dbFile, (db) => db.prepare('SELECT COUNT(*) FROM updates').pluck().get() as number) > 0,
      'stored',
    );
    editor.destroy();
    await waitFor(async () => (await list()).length === 2, 'a version when the last editor left');
    const [last] = await list();
    expect(last).toMatchObject({ auto: true, reason: 'session', factors: 2 });
    expect(last!.present.map((p) => p.name).sort()).toEqual(['Mira', 'Oma']);
  });
});

describe('RETENTION_DAYS (moved clock)', () => {
  it('marks an analysis 14 days before, then deletes it with all its versions; activity keeps it', async () => {
    let offset = 0;
    const server = await startTestServer(teardown, { retentionDays: 30, retentionCheckMs: 50 }, { now: () => Date.now() + offset });
    const old = await createAnalysis(server.url, { title: 'Vergeten' });
    const used = await createAnalysis(server.url, { title: 'In gebruik' });
    const marker = `Bewaar-${Date.now()}`;
    const made = await fetch(`${server.url}/api/analyses/${old.id}/versions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${old.tokens.facilitator}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: marker }),
    });
    expect(made.status).toBe(201);
    const session = async (id: string, token: string) => {
      const res = await fetch(`${server.url}/api/analyses/${id}/session`, { headers: { Authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as { deleteAt?: string } };
    };
    expect((await session(old.id, old.tokens.facilitator)).body.deleteAt).toBeUndefined();

    offset = 17 * DAY_MS;
    const marked = await session(old.id, old.tokens.facilitator);
    expect(marked.status).toBe(200);
    const deleteAt = Date.parse(marked.body.deleteAt!);
    expect(deleteAt - (Date.now() + offset)).toBeGreaterThan(12 * DAY_MS);
    expect(deleteAt - (Date.now() + offset)).toBeLessThanOrEqual(14 * DAY_MS);
    // Reading the session is not activity; opening the analysis is.
    expect(
      (await fetch(`${server.url}/api/analyses/${used.id}`, { headers: { Authorization: `Bearer ${used.tokens.viewer}` } })).status,
    ).toBe(200);
    expect((await session(used.id, used.tokens.facilitator)).body.deleteAt).toBeUndefined();

    offset = 31 * DAY_MS;
    await waitFor(async () => (await session(old.id, old.tokens.facilitator)).status === 401, 'the forgotten analysis is deleted');
    expect(readDb(server.dbFile, (db) => db.prepare('SELECT COUNT(*) FROM versions WHERE analysis_id = ?').pluck().get(old.id))).toBe(0);
    expect(server.log.lines.some((line) => line.includes(`analysis ${old.id} deleted`))).toBe(true);
    const kept = await session(used.id, used.tokens.facilitator);
    expect(kept.status).toBe(200);
    expect(kept.body.deleteAt).toBeUndefined();
    // 30 days after its last activity (at day 17) it goes too.
    offset = 48 * DAY_MS;
    await waitFor(async () => (await session(used.id, used.tokens.facilitator)).status === 401, 'the used analysis is deleted in its turn');
  });

  it('is off by default: nothing is marked or deleted', async () => {
    let offset = 0;
    const server = await startTestServer(teardown, { retentionCheckMs: 50 }, { now: () => Date.now() + offset });
    expect(server.config.retentionDays).toBeNull();
    const { id, tokens } = await createAnalysis(server.url, {});
    offset = 10_000 * DAY_MS;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const res = await fetch(`${server.url}/api/analyses/${id}/session`, { headers: { Authorization: `Bearer ${tokens.facilitator}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { deleteAt?: string }).deleteAt).toBeUndefined();
  });
});
