/**
 * The SQLite engine behind the storage interface (better-sqlite3, one connection, prepared statements).
 * better-sqlite3 is synchronous; each call is short (indexed reads, one batched write), so it runs on the event loop.
 *
 * Group commit: appends (and access-log entries) that arrive in the same turn of the event loop (rooms flush on a
 * shared clock, see room.ts) are written in one transaction, so one fsync covers every room instead of one fsync per room. With 50
 * busy analyses that is 20 commits a second instead of 1,000, each of which would block the event loop.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { ACCESS_ROLES, parseAccessRole, type AccessRole } from '../auth.ts';
import { decodeChain, encodeDelta, encodeWhole } from './versionCodec.ts';
import {
  parseAccessAction,
  type AccessLogEntry,
  type AccessLogFold,
  type AccessLogPage,
  type AccessLogQuery,
  type AppendLogResult,
  type AnalysisActivity,
  type JoinCodeTarget,
  type NewJoinCode,
  type NewVersion,
  type StoredVersionInfo,
  type Storage,
  type StoredAccessLogEntry,
  type StoredDoc,
  type TokenHashes,
} from './storage.ts';

export const DB_FILE_NAME = 'samenzicht.db';

/**
 * The table layout as numbered migrations: `MIGRATIONS[n]` takes a database from `user_version` n to n + 1. Never
 * change one that shipped; add the next.
 */
const MIGRATIONS: readonly string[] = [
  // 0 → 1: analyses, tokens, snapshots and the update log.
  `
  CREATE TABLE analyses (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL
  );
  -- One row per valid token. Keyed by hash rather than by role so a rotation can add the new token
  -- before it removes the old one.
  CREATE TABLE tokens (
    analysis_id TEXT NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN (${ACCESS_ROLES.map((r) => `'${r}'`).join(', ')})),
    hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (analysis_id, hash)
  );
  CREATE INDEX tokens_by_role ON tokens(analysis_id, role);
  CREATE TABLE snapshots (
    analysis_id TEXT PRIMARY KEY REFERENCES analyses(id) ON DELETE CASCADE,
    data BLOB NOT NULL
  );
  CREATE TABLE updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    analysis_id TEXT NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    data BLOB NOT NULL
  );
  CREATE INDEX updates_by_analysis ON updates(analysis_id, id);
  `,
  // 1 → 2: the access log (who, when, what; no content). Role and action are checked when read, so a later
  // action needs no table rebuild.
  `
  CREATE TABLE access_log (
    id INTEGER PRIMARY KEY,
    analysis_id TEXT NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT
  );
  CREATE INDEX access_log_by_analysis ON access_log(analysis_id, id);
  `,
  // 2 → 3: identical access-log events folded into one row (count, and the time of the latest as last_at; null
  // while count is 1), and the index the log is read and paged by: newest first by time, then by row id.
  `
  ALTER TABLE access_log ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE access_log ADD COLUMN last_at INTEGER;
  CREATE INDEX access_log_by_time ON access_log(analysis_id, at);
  `,
  // 3 → 4: short join codes (joinApi.ts): only the hash of a code, the role it leads to, when it
  // expires and how often it was used. Deleted with the analysis, and when expired.
  `
  CREATE TABLE join_codes (
    hash TEXT PRIMARY KEY,
    analysis_id TEXT NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    uses INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX join_codes_by_analysis ON join_codes(analysis_id, created_at);
  CREATE INDEX join_codes_by_expiry ON join_codes(expires_at);
  `,
  // 4 → 5: versions (versionsApi.ts): frozen copies of the analysis file, stored whole or as the difference from the
  // version before it (`base`, its seq; `depth` differences from the one stored whole; versionCodec.ts), compressed. The record of who made it, who was there and
  // the counts is JSON in `info`, checked when read. Deleted with the analysis.
  `
  CREATE TABLE versions (
    seq INTEGER PRIMARY KEY,
    analysis_id TEXT NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    at INTEGER NOT NULL,
    name TEXT NOT NULL,
    auto INTEGER NOT NULL,
    info TEXT NOT NULL,
    base INTEGER,
    depth INTEGER NOT NULL DEFAULT 0,
    data BLOB NOT NULL,
    UNIQUE (analysis_id, id)
  );
  CREATE INDEX versions_by_time ON versions(analysis_id, at, seq);
  CREATE INDEX versions_by_base ON versions(base);
  `,
];

/**
 * A read of the log looks at this many rows at most, so a filter that matches little (say one name in a long log)
 * costs a bounded amount of work; the page then ends early and `next` says where to go on.
 */
export const MAX_LOG_ROWS_SCANNED = 5_000;

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * A version is stored as a difference at most this many steps from one stored whole; the next one is stored whole.
 * Opening one applies at most this many small differences (BENCHMARKS.md "Versions").
 */
export const MAX_VERSION_CHAIN = 24;

/** A write waiting for this turn's group commit. */
interface PendingWrite {
  run(): unknown;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`the database was made by a newer Samenzicht (schema ${version}, this program knows ${SCHEMA_VERSION})`);
  }
  for (let from = version; from < SCHEMA_VERSION; from++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[from]!);
      db.pragma(`user_version = ${from + 1}`);
    })();
  }
}

/** A row of the access log as the interface returns it; null for a row this version cannot read. */
function toStoredEntry(row: Record<string, unknown>): StoredAccessLogEntry | null {
  const role = parseAccessRole(row.role);
  const action = parseAccessAction(row.action);
  // Rows this version cannot read (e.g. written by a newer one) are left out rather than guessed at.
  if (role === null || action === null || typeof row.at !== 'number' || typeof row.name !== 'string') return null;
  const count = typeof row.count === 'number' && row.count >= 1 ? row.count : 1;
  return {
    id: row.id as number,
    at: row.at,
    name: row.name,
    role,
    action,
    detail: typeof row.detail === 'string' ? row.detail : null,
    count,
    lastAt: typeof row.last_at === 'number' ? row.last_at : row.at,
  };
}

/** A row of the versions table as the interface returns it; null for a row this version cannot read. */
function toStoredVersion(row: Record<string, unknown>): StoredVersionInfo | null {
  let info: Record<string, unknown>;
  try {
    info = JSON.parse(String(row.info)) as Record<string, unknown>;
  } catch {
    return null;
  }
  const person = (value: unknown): { name: string; role: AccessRole } | null => {
    const record = value as Record<string, unknown> | null;
    const role = parseAccessRole(record?.role);
    return role !== null && typeof record?.name === 'string' ? { name: record.name, role } : null;
  };
  const by = person(info.by);
  const reason = info.reason === 'manual' || info.reason === 'session' || info.reason === 'restore' ? info.reason : null;
  const count = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0);
  if (by === null || reason === null) return null;
  return {
    id: row.id as string,
    name: row.name as string,
    at: row.at as number,
    auto: row.auto === 1,
    reason,
    by,
    present: Array.isArray(info.present) ? info.present.map(person).filter((p) => p !== null) : [],
    actors: Array.isArray(info.actors) ? info.actors.filter((a): a is string => typeof a === 'string') : [],
    factors: count(info.factors),
    links: count(info.links),
    loops: count(info.loops),
    vicious: count(info.vicious),
    bytes: row.bytes as number,
  };
}

/** The record of a version as stored in `info` (everything but the columns of its own). */
function versionInfoJson(version: NewVersion): string {
  const { reason, by, present, actors, factors, links, loops, vicious } = version;
  return JSON.stringify({ reason, by, present, actors, factors, links, loops, vicious });
}

/** Empties the WAL file; another process reading the file can block that for a moment, so it retries. */
async function truncateWal(db: Database.Database): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (result?.busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the WAL could not be emptied: another process keeps reading the database');
}

/** Opens (or creates) the database file and returns it as `Storage`. */
export function openSqliteStorage(file: string): Storage {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  // The analyses are about families: keep the file (and the -wal/-shm files SQLite creates alike) private.
  fs.chmodSync(file, 0o600);
  db.pragma('journal_mode = WAL');
  // FULL, not NORMAL: "on disk" must survive a power cut too. Rooms batch their updates into one transaction per
  // flush interval, so this costs at most one fsync per room every ~50 ms.
  db.pragma('synchronous = FULL');
  // Deleted rows are overwritten with zeros, so a deleted analysis or compacted log leaves no bytes behind.
  db.pragma('secure_delete = ON');
  db.pragma('foreign_keys = ON');
  migrate(db);

  const insertAnalysis = db.prepare('INSERT INTO analyses (id, created_at) VALUES (?, ?)');
  const insertToken = db.prepare('INSERT INTO tokens (analysis_id, role, hash, created_at) VALUES (?, ?, ?, ?)');
  const upsertSnapshot = db.prepare(
    'INSERT INTO snapshots (analysis_id, data) VALUES (?, ?) ON CONFLICT (analysis_id) DO UPDATE SET data = excluded.data',
  );
  const selectRole = db.prepare('SELECT role FROM tokens WHERE analysis_id = ? AND hash = ?').pluck();
  const selectExists = db.prepare('SELECT 1 FROM analyses WHERE id = ?').pluck();
  const selectSnapshot = db.prepare('SELECT data FROM snapshots WHERE analysis_id = ?').pluck();
  const selectUpdates = db.prepare('SELECT id, data FROM updates WHERE analysis_id = ? ORDER BY id');
  const insertUpdate = db.prepare('INSERT INTO updates (analysis_id, data) VALUES (?, ?)');
  const deleteUpdatesUpTo = db.prepare('DELETE FROM updates WHERE analysis_id = ? AND id <= ?');
  const deleteAllUpdates = db.prepare('DELETE FROM updates WHERE analysis_id = ?');
  const deleteSnapshot = db.prepare('DELETE FROM snapshots WHERE analysis_id = ?');
  const deleteTokens = db.prepare('DELETE FROM tokens WHERE analysis_id = ?');
  const deleteAnalysisRow = db.prepare('DELETE FROM analyses WHERE id = ?');
  const selectHashesOfRole = db.prepare('SELECT hash FROM tokens WHERE analysis_id = ? AND role = ?').pluck();
  const deleteTokensOfRole = db.prepare('DELETE FROM tokens WHERE analysis_id = ? AND role = ?');
  const insertLog = db.prepare('INSERT INTO access_log (analysis_id, at, name, role, action, detail) VALUES (?, ?, ?, ?, ?, ?)');
  const selectNewestLog = db.prepare(
    'SELECT id, at, name, role, action, detail FROM access_log WHERE analysis_id = ? ORDER BY id DESC LIMIT 1',
  );
  // The rows of one window only (the index on analysis_id, at): bounded by the rate of new rows.
  const selectLikeInWindow = db
    .prepare(
      `SELECT id FROM access_log WHERE analysis_id = ? AND at BETWEEN ? AND ? AND name = ? AND role = ? AND action = ?
       AND detail IS ? ORDER BY at DESC, id DESC LIMIT 1`,
    )
    .pluck();
  const foldLog = db.prepare('UPDATE access_log SET count = count + 1, last_at = MAX(COALESCE(last_at, at), ?) WHERE id = ?');
  const selectLog = db.prepare(
    `SELECT id, at, name, role, action, detail, count, last_at FROM access_log
     WHERE analysis_id = ? AND (at, id) < (?, ?) ORDER BY at DESC, id DESC`,
  );
  const deleteLog = db.prepare('DELETE FROM access_log WHERE analysis_id = ?');
  const deleteExpiredCodes = db.prepare('DELETE FROM join_codes WHERE expires_at <= ?');
  const selectCode = db.prepare('SELECT analysis_id, role, uses FROM join_codes WHERE hash = ? AND expires_at > ?');
  const insertCode = db.prepare(
    'INSERT INTO join_codes (hash, analysis_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING',
  );
  const deleteOldestCodes = db.prepare(
    'DELETE FROM join_codes WHERE hash IN (SELECT hash FROM join_codes WHERE analysis_id = ? ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?)',
  );
  const countCodeUse = db.prepare('UPDATE join_codes SET uses = uses + 1 WHERE hash = ?');
  const deleteCodes = db.prepare('DELETE FROM join_codes WHERE analysis_id = ?');
  const deleteCodesOfRole = db.prepare('DELETE FROM join_codes WHERE analysis_id = ? AND role = ?');

  const versionColumns = 'seq, id, at, name, auto, info, base, LENGTH(data) AS bytes';
  const insertVersion = db.prepare(
    'INSERT INTO versions (analysis_id, id, at, name, auto, info, base, depth, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const countVersions = db.prepare('SELECT COUNT(*) FROM versions WHERE analysis_id = ?').pluck();
  const selectNewestVersion = db.prepare('SELECT seq, base, depth, data FROM versions WHERE analysis_id = ? ORDER BY seq DESC LIMIT 1');
  const selectVersions = db.prepare(`SELECT ${versionColumns} FROM versions WHERE analysis_id = ? ORDER BY at DESC, seq DESC`);
  const selectVersion = db.prepare(`SELECT ${versionColumns}, depth, data FROM versions WHERE analysis_id = ? AND id = ?`);
  const selectChainLink = db.prepare('SELECT base, data FROM versions WHERE seq = ?');
  const selectDependents = db.prepare('SELECT seq FROM versions WHERE base = ? ORDER BY seq').pluck();
  const rewriteVersion = db.prepare('UPDATE versions SET base = ?, depth = ?, data = ? WHERE seq = ?');
  const deleteVersionRow = db.prepare('DELETE FROM versions WHERE seq = ?');
  const deleteVersions = db.prepare('DELETE FROM versions WHERE analysis_id = ?');
  // The newest access-log event, else the creation: the activity RETENTION_DAYS counts from (retention.ts).
  const activitySql = `MAX(a.created_at, COALESCE((SELECT MAX(COALESCE(l.last_at, l.at)) FROM access_log l WHERE l.analysis_id = a.id), 0))`;
  const selectActivity = db.prepare(`SELECT ${activitySql} FROM analyses a WHERE a.id = ?`).pluck();
  const selectInactive = db.prepare(
    `SELECT id, active_at AS activeAt FROM (SELECT a.id, ${activitySql} AS active_at FROM analyses a)
     WHERE active_at < ? ORDER BY active_at, id LIMIT ?`,
  );

  type NewLogEntry = AccessLogEntry & { readonly analysisId: string };
  /** The row `entry` folds into as `fold` allows, or null. */
  const findFoldTarget = (entry: NewLogEntry, fold: AccessLogFold, name: string, detail: string | null): number | null => {
    const id = selectLikeInWindow.get(
      entry.analysisId,
      entry.at - fold.windowMs,
      entry.at + fold.windowMs,
      name,
      entry.role,
      entry.action,
      detail,
    );
    return typeof id === 'number' ? id : null;
  };
  /** Writes one event: a row of its own, or one more in a row like it (see AccessLogFold). */
  const writeLogEntry = (entry: NewLogEntry, fold: AccessLogFold | undefined): AppendLogResult => {
    if (fold !== undefined) {
      const newest = selectNewestLog.get(entry.analysisId) as Record<string, unknown> | undefined;
      if (
        newest !== undefined &&
        newest.name === entry.name &&
        newest.role === entry.role &&
        newest.action === entry.action &&
        (newest.detail ?? null) === entry.detail &&
        Math.abs(entry.at - (newest.at as number)) <= fold.windowMs
      ) {
        foldLog.run(entry.at, newest.id);
        return 'folded';
      }
      if (fold.limited) {
        const like = findFoldTarget(entry, fold, entry.name, entry.detail);
        if (like !== null) {
          foldLog.run(entry.at, like);
          return 'folded';
        }
        // Gathered per role and action only: the name and the detail are left out, since a flood could vary them.
        const gathering = findFoldTarget(entry, fold, fold.gatherName, null);
        if (gathering !== null) foldLog.run(entry.at, gathering);
        else insertLog.run(entry.analysisId, entry.at, fold.gatherName, entry.role, entry.action, null);
        return 'gathered';
      }
    }
    insertLog.run(entry.analysisId, entry.at, entry.name, entry.role, entry.action, entry.detail);
    return 'inserted';
  };

  /** Reads one page; see AccessLogPage. */
  const readLogPage = (id: string, query: AccessLogQuery): AccessLogPage => {
    const before = query.before ?? { at: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
    const actions = query.actions ? new Set<string>(query.actions) : null;
    const roles = query.roles ? new Set<string>(query.roles) : null;
    const needle = query.name ? query.name.normalize('NFC').toLowerCase() : null;
    const entries: StoredAccessLogEntry[] = [];
    let scanned = 0;
    let next: AccessLogPage['next'] = null;
    for (const row of selectLog.iterate(id, before.at, before.id) as Iterable<Record<string, unknown>>) {
      scanned++;
      const entry = toStoredEntry(row);
      const matches =
        entry !== null &&
        (actions === null || actions.has(entry.action)) &&
        (roles === null || roles.has(entry.role)) &&
        (needle === null || entry.name.normalize('NFC').toLowerCase().includes(needle));
      if (matches) {
        if (entries.length === query.limit) {
          // One more match exists: the page is full and there is more to read.
          const last = entries[entries.length - 1]!;
          next = { at: last.at, id: last.id };
          break;
        }
        entries.push(entry);
      }
      if (scanned >= MAX_LOG_ROWS_SCANNED) {
        next = { at: row.at as number, id: row.id as number };
        break;
      }
    }
    return { entries, next };
  };

  const create = db.transaction((id: string, hashes: TokenHashes, initialUpdate: Uint8Array) => {
    const now = Date.now();
    insertAnalysis.run(id, now);
    for (const role of ACCESS_ROLES) insertToken.run(id, role, hashes[role], now);
    upsertSnapshot.run(id, toBuffer(initialUpdate));
  });

  const load = db.transaction((id: string): StoredDoc | null => {
    if (selectExists.get(id) === undefined) return null;
    const snapshot = selectSnapshot.get(id) as Buffer | undefined;
    const rows = selectUpdates.all(id) as Array<{ id: number; data: Buffer }>;
    return {
      snapshot: snapshot ?? null,
      updates: rows.map((row) => row.data),
      lastUpdateId: rows.length > 0 ? rows[rows.length - 1]!.id : 0,
    };
  });

  const appendOne = (id: string, updates: readonly Uint8Array[]): number => {
    let lastId = 0;
    for (const update of updates) lastId = Number(insertUpdate.run(id, toBuffer(update)).lastInsertRowid);
    return lastId;
  };
  const runAlone = db.transaction((write: PendingWrite) => write.run());
  const runGroup = db.transaction((writes: readonly PendingWrite[]) => writes.map((write) => write.run()));

  let group: PendingWrite[] = [];
  let groupTimer: ReturnType<typeof setImmediate> | null = null;
  /** Commits the writes gathered this turn; if the shared transaction fails, each is tried on its own. */
  const commitGroup = (): void => {
    if (groupTimer !== null) clearImmediate(groupTimer);
    groupTimer = null;
    const writes = group;
    group = [];
    if (writes.length === 0) return;
    let results: unknown[] | null = null;
    try {
      results = runGroup(writes);
    } catch {
      // One bad write (e.g. for an analysis deleted meanwhile) must not fail the others.
    }
    writes.forEach((write, index) => {
      if (results !== null) return write.resolve(results[index]);
      try {
        write.resolve(runAlone(write));
      } catch (error) {
        write.reject(error);
      }
    });
  };
  /** Queues a small write for this turn's group commit. */
  function enqueueWrite<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      group.push({ run, resolve: resolve as (value: unknown) => void, reject });
      groupTimer ??= setImmediate(commitGroup);
    });
  }

  const compact = db.transaction((id: string, snapshot: Uint8Array, upToUpdateId: number) => {
    upsertSnapshot.run(id, toBuffer(snapshot));
    deleteUpdatesUpTo.run(id, upToUpdateId);
  });

  const rotate = db.transaction((id: string, role: AccessRole, hash: string): string[] | null => {
    if (selectExists.get(id) === undefined) return null;
    const old = selectHashesOfRole.all(id, role) as string[];
    deleteTokensOfRole.run(id, role);
    // Codes that lead to the role would hand out new tokens of it: a rotation ends them as well.
    deleteCodesOfRole.run(id, role);
    insertToken.run(id, role, hash, Date.now());
    return old;
  });

  const addCode = db.transaction((code: NewJoinCode, now: number, maxActive: number): 'added' | 'taken' | 'missing' => {
    deleteExpiredCodes.run(now);
    if (selectExists.get(code.analysisId) === undefined) return 'missing';
    if (insertCode.run(code.hash, code.analysisId, code.role, now, code.expiresAt).changes === 0) return 'taken';
    deleteOldestCodes.run(code.analysisId, Math.max(1, maxActive));
    return 'added';
  });

  const redeemCode = db.transaction((hash: string, now: number, maxUses: number, tokenHash: string): JoinCodeTarget | null => {
    const row = selectCode.get(hash, now) as { analysis_id: string; role: string; uses: number } | undefined;
    const role = parseAccessRole(row?.role);
    if (row === undefined || row.uses >= maxUses || role === null || role === 'facilitator') return null;
    countCodeUse.run(hash);
    insertToken.run(row.analysis_id, role, tokenHash, now);
    return { analysisId: row.analysis_id, role };
  });

  /** The JSON text of the version in row `seq`, rebuilt along its chain of differences. */
  const versionText = (seq: number): string => {
    const deltas: Buffer[] = [];
    let row = selectChainLink.get(seq) as { base: number | null; data: Buffer } | undefined;
    while (row !== undefined && row.base !== null) {
      deltas.push(row.data);
      if (deltas.length > MAX_VERSION_CHAIN * 4) throw new Error(`version ${seq}: its chain of differences does not end`);
      row = selectChainLink.get(row.base) as { base: number | null; data: Buffer } | undefined;
    }
    if (row === undefined) throw new Error(`version ${seq}: a version it is stored against is missing`);
    return decodeChain(row.data, deltas.reverse());
  };

  /**
   * Stores `version` as the difference from the newest version, or whole when there is none, when the chain would
   * grow past MAX_VERSION_CHAIN or when the difference would be more than half the size of the whole.
   */
  const addVersion = db.transaction((analysisId: string, version: NewVersion, maxVersions: number) => {
    if (selectExists.get(analysisId) === undefined) return 'missing' as const;
    if ((countVersions.get(analysisId) as number) >= maxVersions) return 'full' as const;
    const whole = encodeWhole(version.file);
    const base = selectNewestVersion.get(analysisId) as { seq: number; depth: number } | undefined;
    const delta = base === undefined || base.depth + 1 > MAX_VERSION_CHAIN ? null : encodeDelta(versionText(base.seq), version.file);
    const asDelta = base !== undefined && delta !== null && delta.length * 2 < whole.length;
    const result = insertVersion.run(
      analysisId,
      version.id,
      version.at,
      version.name,
      version.auto ? 1 : 0,
      versionInfoJson(version),
      asDelta ? base.seq : null,
      asDelta ? base.depth + 1 : 0,
      asDelta ? delta : whole,
    );
    return result.changes === 0 ? ('taken' as const) : ('added' as const);
  });

  const readVersion = db.transaction((analysisId: string, versionId: string) => {
    const row = selectVersion.get(analysisId, versionId) as (Record<string, unknown> & { seq: number }) | undefined;
    const info = row === undefined ? null : toStoredVersion(row);
    if (row === undefined || info === null) return null;
    return { info, file: versionText(row.seq) };
  });

  /**
   * Deletes a version row. The versions stored against it are first stored against its own base instead (or whole,
   * when it was stored whole), so every other version reads back exactly as before.
   */
  const deleteVersion = db.transaction((analysisId: string, versionId: string): boolean => {
    const row = selectVersion.get(analysisId, versionId) as { seq: number; base: number | null; depth: number } | undefined;
    if (row === undefined) return false;
    const dependents = selectDependents.all(row.seq) as number[];
    if (dependents.length > 0) {
      const baseText = row.base === null ? null : versionText(row.base);
      const texts = dependents.map((seq) => versionText(seq));
      dependents.forEach((seq, i) => {
        const text = texts[i]!;
        const delta = baseText === null ? null : encodeDelta(baseText, text);
        if (delta === null) rewriteVersion.run(null, 0, encodeWhole(text), seq);
        else rewriteVersion.run(row.base, row.depth, delta, seq);
      });
    }
    deleteVersionRow.run(row.seq);
    return true;
  });

  const remove = db.transaction((id: string) => {
    deleteVersions.run(id);
    deleteCodes.run(id);
    deleteLog.run(id);
    deleteAllUpdates.run(id);
    deleteSnapshot.run(id);
    deleteTokens.run(id);
    deleteAnalysisRow.run(id);
  });

  return {
    async createAnalysis(id, tokenHashes, initialUpdate) {
      create(id, tokenHashes, initialUpdate);
    },
    async findRoleByTokenHash(id, hash): Promise<AccessRole | null> {
      return parseAccessRole(selectRole.get(id, hash));
    },
    async loadDoc(id) {
      // Reads see every write queued before them.
      commitGroup();
      return load(id);
    },
    appendUpdates(id, updates) {
      if (updates.length === 0) return Promise.resolve(0);
      return enqueueWrite(() => appendOne(id, updates));
    },
    async compact(id, snapshot, upToUpdateId) {
      compact(id, snapshot, upToUpdateId);
    },
    async rotateToken(id, role, hash) {
      return rotate(id, role, hash);
    },
    appendLog(entry, fold) {
      // In the group commit too: 200 people opening at once would otherwise cost 200 fsyncs in a row. The writes of
      // one turn run one after another inside it, so each sees the rows the ones before it wrote or folded.
      return enqueueWrite(() => writeLogEntry(entry, fold));
    },
    async readLog(id, query) {
      commitGroup();
      return readLogPage(id, query);
    },
    async addJoinCode(code, now, maxActive) {
      return addCode(code, now, maxActive);
    },
    async redeemJoinCode(hash, now, maxUses, tokenHash) {
      return redeemCode(hash, now, maxUses, tokenHash);
    },
    async addVersion(analysisId, version, maxVersions) {
      return addVersion(analysisId, version, maxVersions);
    },
    async listVersions(analysisId) {
      if (selectExists.get(analysisId) === undefined) return null;
      const rows = selectVersions.all(analysisId) as Array<Record<string, unknown>>;
      return rows.map(toStoredVersion).filter((info) => info !== null);
    },
    async readVersion(analysisId, versionId) {
      return readVersion(analysisId, versionId);
    },
    async deleteVersion(analysisId, versionId) {
      commitGroup();
      if (!deleteVersion(analysisId, versionId)) return false;
      // As for a deleted analysis: no copy of the version's pages may stay behind in the file or the WAL.
      db.exec('VACUUM');
      await truncateWal(db);
      return true;
    },
    async listInactive(before, limit) {
      commitGroup();
      return selectInactive.all(before, limit) as AnalysisActivity[];
    },
    async lastActivity(analysisId) {
      commitGroup();
      const at = selectActivity.get(analysisId) as number | undefined;
      return at ?? null;
    },
    async deleteAnalysis(id) {
      // Queued writes of this analysis go first, so the delete removes them too.
      commitGroup();
      remove(id);
      // secure_delete zeroes the freed pages, but older copies of those pages still sit in the WAL and in pages
      // SQLite moved around. VACUUM rewrites the whole file and the TRUNCATE checkpoint empties the WAL.
      db.exec('VACUUM');
      await truncateWal(db);
    },
    async exists(id) {
      return selectExists.get(id) !== undefined;
    },
    async close() {
      if (!db.open) return;
      commitGroup();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
