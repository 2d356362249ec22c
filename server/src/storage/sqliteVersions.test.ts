/** Versions in the SQLite engine: stored whole or as differences, read back exactly, deleted alone or with the analysis. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Teardown, makeTempDir, readDb } from '../testing.ts';
import { DB_FILE_NAME, MAX_VERSION_CHAIN, openSqliteStorage } from './sqliteStorage.ts';
import type { NewVersion, Storage } from './storage.ts';
import { applyDelta, diffFiles, encodeDelta } from './versionCodec.ts';

const HASHES = { facilitator: 'f'.repeat(64), editor: 'e'.repeat(64), viewer: 'v'.repeat(64) };
const LARGE = JSON.parse(fs.readFileSync(new URL('../../../examples/large.samenzicht.json', import.meta.url), 'utf8')) as {
  factors: Array<Record<string, unknown>>;
  links: Array<Record<string, unknown>>;
} & Record<string, unknown>;

let teardown: Teardown;
let file: string;
let storage: Storage;

beforeEach(async () => {
  teardown = new Teardown();
  file = path.join(makeTempDir(teardown), DB_FILE_NAME);
  storage = openSqliteStorage(file);
  teardown.add(() => storage.close());
  await storage.createAnalysis('a', HASHES, new Uint8Array([0]));
  await storage.createAnalysis('b', { facilitator: '1'.repeat(64), editor: '2'.repeat(64), viewer: '3'.repeat(64) }, new Uint8Array([0]));
});

afterEach(async () => {
  await teardown.run();
});

/** The large example with `n` small edits: labels changed, a factor removed, one added. */
function variant(n: number, marker = 'x'): string {
  const factors = LARGE.factors
    .filter((_, i) => i !== n % LARGE.factors.length)
    .map((f, i) => (i % 37 === n % 37 ? { ...f, label: `${String(f.label)} (${marker} ${n})` } : f));
  factors.push({
    id: `extra-${n}`,
    label: `${marker} nieuw ${n}`,
    kind: 'protective',
    evidence: 'observation',
    note: '',
    position: { x: n, y: n },
  });
  return JSON.stringify({ ...LARGE, title: `${marker} ${n}`, factors });
}

function version(id: string, at: number, fileText: string, extra: Partial<NewVersion> = {}): NewVersion {
  return {
    id,
    name: `Versie ${id}`,
    at,
    auto: false,
    reason: 'manual',
    by: { name: 'Anna', role: 'facilitator' },
    present: [{ name: 'Anna', role: 'facilitator' }],
    actors: [],
    factors: 1,
    links: 2,
    loops: 3,
    vicious: 1,
    file: fileText,
    ...extra,
  };
}

describe('the version codec', () => {
  it('gives back exactly the same text, key and array order included', () => {
    const base = JSON.parse(variant(1)) as Record<string, unknown>;
    const target = JSON.parse(variant(2)) as Record<string, unknown>;
    // Order changed, a top-level key added and one gone.
    (target.factors as unknown[]).reverse();
    delete target.loops;
    target.signals = { share: true };
    // An entry with its keys in another order, one with a field gone and one with a field more.
    const factors = target.factors as Array<Record<string, unknown>>;
    const { id: firstId, ...firstRest } = factors[0]!;
    factors[0] = { ...firstRest, id: firstId };
    delete factors[1]!.note;
    factors[2]!.signal = 'schulden-toeslagen';
    expect(JSON.stringify(applyDelta(base, diffFiles(base, target)))).toBe(JSON.stringify(target));
    expect(encodeDelta(JSON.stringify(base), JSON.stringify(target))).not.toBeNull();
  });

  it('refuses to encode a text it could not give back exactly (then the version is stored whole)', () => {
    expect(encodeDelta(variant(1), JSON.stringify(JSON.parse(variant(2)), null, 2))).toBeNull();
    expect(encodeDelta('[1]', variant(2))).toBeNull();
  });
});

describe('versions in SQLite', () => {
  it('stores versions, lists them newest first and reads each back exactly', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => variant(i));
    for (const [i, text] of texts.entries()) expect(await storage.addVersion('a', version(`v${i}`, 1000 + i, text), 100)).toBe('added');
    const list = await storage.listVersions('a');
    expect(list!.map((v) => v.id)).toEqual(texts.map((_, i) => `v${i}`).reverse());
    expect(list![0]).toMatchObject({
      name: 'Versie v11',
      at: 1011,
      auto: false,
      reason: 'manual',
      factors: 1,
      links: 2,
      loops: 3,
      vicious: 1,
    });
    expect(list![0]!.present).toEqual([{ name: 'Anna', role: 'facilitator' }]);
    for (const [i, text] of texts.entries()) expect((await storage.readVersion('a', `v${i}`))!.file).toBe(text);
    // Only the first is stored whole; the others are small differences from the one before.
    const rows = readDb(
      file,
      (db) =>
        db.prepare('SELECT base, LENGTH(data) AS size FROM versions ORDER BY seq').all() as Array<{ base: number | null; size: number }>,
    );
    expect(rows.filter((r) => r.base === null)).toHaveLength(1);
    expect(Math.max(...rows.slice(1).map((r) => r.size))).toBeLessThan(rows[0]!.size / 4);
  });

  it('finds a version only within its own analysis', async () => {
    await storage.addVersion('a', version('va', 1, variant(1)), 100);
    expect(await storage.readVersion('b', 'va')).toBeNull();
    expect(await storage.deleteVersion('b', 'va')).toBe(false);
    expect(await storage.listVersions('b')).toEqual([]);
    expect(await storage.listVersions('nope')).toBeNull();
    expect(await storage.addVersion('nope', version('vn', 1, variant(1)), 100)).toBe('missing');
    expect(await storage.addVersion('a', version('va', 2, variant(2)), 100)).toBe('taken');
    expect((await storage.readVersion('a', 'va'))!.file).toBe(variant(1));
  });

  it('keeps chains of differences short, and every version readable after any one is deleted', async () => {
    const count = MAX_VERSION_CHAIN + 6;
    const texts = Array.from({ length: count }, (_, i) => variant(i));
    for (const [i, text] of texts.entries()) await storage.addVersion('a', version(`v${i}`, i, text), 100);
    const depths = () => readDb(file, (db) => db.prepare('SELECT depth FROM versions ORDER BY seq').pluck().all() as number[]);
    expect(Math.max(...depths())).toBe(MAX_VERSION_CHAIN);
    expect(depths().filter((d) => d === 0)).toHaveLength(2);
    // A difference in the middle, the last one, and one stored whole.
    const gone = ['v5', `v${count - 1}`, `v${MAX_VERSION_CHAIN + 1}`, 'v0'];
    for (const vid of gone) expect(await storage.deleteVersion('a', vid)).toBe(true);
    for (const [i, text] of texts.entries()) {
      if (!gone.includes(`v${i}`)) expect((await storage.readVersion('a', `v${i}`))!.file, `v${i}`).toBe(text);
    }
    expect(Math.max(...depths())).toBeLessThanOrEqual(MAX_VERSION_CHAIN);
  });

  it('holds at most maxVersions per analysis', async () => {
    for (let i = 0; i < 3; i++) expect(await storage.addVersion('a', version(`v${i}`, i, variant(i)), 3)).toBe('added');
    expect(await storage.addVersion('a', version('v3', 3, variant(3)), 3)).toBe('full');
    expect(await storage.addVersion('b', version('v3', 3, variant(3)), 3)).toBe('added');
  });

  it('deletes one version without a trace; versions stored against it stay readable', async () => {
    const marker = 'Geheim-versie-naam';
    const texts = Array.from({ length: 5 }, (_, i) => variant(i));
    await storage.addVersion('a', version('v0', 0, texts[0]!, { name: `${marker}-0` }), 100);
    for (let i = 1; i < 5; i++) await storage.addVersion('a', version(`v${i}`, i, texts[i]!), 100);
    const blob = readDb(file, (db) => db.prepare("SELECT data FROM versions WHERE id = 'v0'").pluck().get() as Buffer);
    const inFiles = (bytes: Buffer | string) => [file, `${file}-wal`].some((f) => fs.existsSync(f) && fs.readFileSync(f).includes(bytes));
    expect(inFiles(marker)).toBe(true);

    expect(await storage.deleteVersion('a', 'v0')).toBe(true);
    expect(await storage.readVersion('a', 'v0')).toBeNull();
    expect(await storage.deleteVersion('a', 'v0')).toBe(false);
    for (let i = 1; i < 5; i++) expect((await storage.readVersion('a', `v${i}`))!.file).toBe(texts[i]);
    expect(inFiles(marker)).toBe(false);
    expect(inFiles(blob.subarray(0, 64))).toBe(false);
    // A version added after the rebase is stored against the new base and reads back too.
    await storage.addVersion('a', version('v5', 5, variant(5)), 100);
    expect((await storage.readVersion('a', 'v5'))!.file).toBe(variant(5));
  });

  it('deleting the analysis deletes every version and leaves no byte of them in the files', async () => {
    const marker = 'Vertrouwelijk-versie';
    for (let i = 0; i < 6; i++) {
      await storage.addVersion(
        'a',
        version(`v${i}`, i, variant(i, marker), { name: `${marker}-${i}`, present: [{ name: `${marker}-naam`, role: 'editor' }] }),
        100,
      );
    }
    await storage.addVersion('b', version('vb', 1, variant(1)), 100);
    const blobs = readDb(file, (db) => db.prepare("SELECT data FROM versions WHERE analysis_id = 'a'").pluck().all() as Buffer[]);
    const inFiles = (bytes: Buffer | string) => [file, `${file}-wal`].some((f) => fs.existsSync(f) && fs.readFileSync(f).includes(bytes));
    expect(inFiles(marker)).toBe(true);

    await storage.deleteAnalysis('a');
    expect(readDb(file, (db) => db.prepare("SELECT COUNT(*) FROM versions WHERE analysis_id = 'a'").pluck().get())).toBe(0);
    expect(inFiles(marker)).toBe(false);
    for (const blob of blobs) expect(inFiles(blob.subarray(0, 48))).toBe(false);
    expect((await storage.readVersion('b', 'vb'))!.file).toBe(variant(1));
  });

  it('knows when an analysis was last used: its newest access-log event, else its creation', async () => {
    const created = (await storage.lastActivity('a'))!;
    expect(created).toBeGreaterThan(0);
    await storage.appendLog({ analysisId: 'a', at: created + 5_000, name: 'Anna', role: 'editor', action: 'opened', detail: null });
    expect(await storage.lastActivity('a')).toBe(created + 5_000);
    expect(await storage.lastActivity('nope')).toBeNull();
    const createdB = (await storage.lastActivity('b'))!;
    expect(createdB).toBeLessThan(created + 5_000);
    expect(await storage.listInactive(createdB + 1, 10)).toEqual([{ id: 'b', activeAt: createdB }]);
    expect((await storage.listInactive(created + 10_000, 10)).map((a) => a.id)).toEqual(['b', 'a']);
    expect(await storage.listInactive(created + 10_000, 1)).toHaveLength(1);
  });
});
