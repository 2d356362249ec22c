/** Join codes in the SQLite engine: expiry, the number of uses, live codes per analysis, rotation and delete. */
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Teardown, makeTempDir, readDb } from '../testing.ts';
import { DB_FILE_NAME, openSqliteStorage } from './sqliteStorage.ts';
import type { Storage } from './storage.ts';

const HASHES = { facilitator: 'f'.repeat(64), editor: 'e'.repeat(64), viewer: 'v'.repeat(64) };
const code = (n: number) => n.toString(16).padStart(64, 'c');
const token = (n: number) => n.toString(16).padStart(64, 't');

let teardown: Teardown;
let file: string;
let storage: Storage;

beforeEach(async () => {
  teardown = new Teardown();
  file = path.join(makeTempDir(teardown), DB_FILE_NAME);
  storage = openSqliteStorage(file);
  teardown.add(() => storage.close());
  await storage.createAnalysis('a', HASHES, new Uint8Array([0]));
  await storage.createAnalysis('b', { facilitator: 'F'.repeat(64), editor: 'E'.repeat(64), viewer: 'V'.repeat(64) }, new Uint8Array([0]));
});

afterEach(async () => {
  await teardown.run();
});

describe('join codes in SQLite', () => {
  it('redeems a live code into a new token of its role; an expired one not', async () => {
    expect(await storage.addJoinCode({ analysisId: 'a', hash: code(1), role: 'editor', expiresAt: 2_000 }, 1_000, 10)).toBe('added');
    expect(await storage.redeemJoinCode(code(1), 1_999, 50, token(1))).toEqual({ analysisId: 'a', role: 'editor' });
    expect(await storage.findRoleByTokenHash('a', token(1))).toBe('editor');
    expect(await storage.redeemJoinCode(code(1), 2_000, 50, token(2))).toBeNull();
    expect(await storage.findRoleByTokenHash('a', token(2))).toBeNull();
    expect(await storage.redeemJoinCode(code(9), 1_500, 50, token(3))).toBeNull();
  });

  it('refuses a code used as often as allowed, and a hash already live', async () => {
    await storage.addJoinCode({ analysisId: 'a', hash: code(1), role: 'viewer', expiresAt: 9_000 }, 1_000, 10);
    expect(await storage.addJoinCode({ analysisId: 'b', hash: code(1), role: 'viewer', expiresAt: 9_000 }, 1_000, 10)).toBe('taken');
    for (let i = 0; i < 3; i++) expect(await storage.redeemJoinCode(code(1), 1_000, 3, token(i))).not.toBeNull();
    expect(await storage.redeemJoinCode(code(1), 1_000, 3, token(9))).toBeNull();
  });

  it('keeps at most the newest live codes of an analysis and deletes expired codes of every analysis', async () => {
    for (let i = 0; i < 5; i++)
      await storage.addJoinCode({ analysisId: 'a', hash: code(i), role: 'viewer', expiresAt: 10_000 }, 1_000 + i, 3);
    await storage.addJoinCode({ analysisId: 'b', hash: code(100), role: 'viewer', expiresAt: 1_500 }, 1_000, 3);
    const hashes = () => new Set(readDb(file, (db) => db.prepare('SELECT hash FROM join_codes').pluck().all()));
    expect(hashes()).toEqual(new Set([code(2), code(3), code(4), code(100)]));
    expect(await storage.addJoinCode({ analysisId: 'a', hash: code(5), role: 'viewer', expiresAt: 10_000 }, 2_000, 3)).toBe('added');
    expect(hashes()).toEqual(new Set([code(3), code(4), code(5)]));
    expect(await storage.addJoinCode({ analysisId: 'gone', hash: code(6), role: 'viewer', expiresAt: 10_000 }, 2_000, 3)).toBe('missing');
  });

  it('rotation deletes the codes of that role and the tokens they gave; delete removes every code', async () => {
    await storage.addJoinCode({ analysisId: 'a', hash: code(1), role: 'editor', expiresAt: 9_000 }, 1_000, 10);
    await storage.addJoinCode({ analysisId: 'a', hash: code(2), role: 'viewer', expiresAt: 9_000 }, 1_000, 10);
    await storage.redeemJoinCode(code(1), 1_000, 50, token(1));
    const replaced = await storage.rotateToken('a', 'editor', token(2));
    expect(new Set(replaced)).toEqual(new Set([HASHES.editor, token(1)]));
    expect(await storage.redeemJoinCode(code(1), 1_000, 50, token(3))).toBeNull();
    expect(await storage.redeemJoinCode(code(2), 1_000, 50, token(4))).toEqual({ analysisId: 'a', role: 'viewer' });
    await storage.addJoinCode({ analysisId: 'b', hash: code(3), role: 'viewer', expiresAt: 9_000 }, 1_000, 10);
    await storage.deleteAnalysis('a');
    expect(readDb(file, (db) => db.prepare('SELECT analysis_id FROM join_codes').pluck().all())).toEqual(['b']);
  });
});
