/**
 * Storage on a thread of its own: the same SQLite engine, run in a worker (sqliteWorker.ts), behind the same
 * Promise-based interface. better-sqlite3 is synchronous, and with `synchronous=FULL` every commit waits for an
 * fsync; on the main thread that wait stalls every sync connection of every analysis. Here the main thread only
 * posts a message and goes on relaying edits.
 *
 * One thread serves every database of the process and is started once (loading the TypeScript engine takes a few
 * hundred ms): restarting a server in the same process, as the tests do, reuses it. The thread keeps the process
 * alive only while a call is on its way.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../workerEntry.ts';
import type { Storage } from './storage.ts';

type Method = keyof Storage;

export type StorageRequest =
  | { readonly seq: number; readonly kind: 'open'; readonly file: string }
  | { readonly seq: number; readonly kind: 'call'; readonly handle: number; readonly method: Method; readonly args: unknown[] };

export type StorageReply =
  | { readonly seq: number; readonly ok: true; readonly value: unknown }
  | { readonly seq: number; readonly ok: false; readonly name: string; readonly message: string };

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** sqliteWorker.ts: through a boot file that registers tsx when run from source, compiled in dist/server. */
const WORKER_URL = workerEntry(import.meta.url, 'sqliteWorker');

function toError(reply: { name: string; message: string }): Error {
  const error = new Error(reply.message);
  error.name = reply.name;
  return error;
}

class StorageThread {
  private readonly worker = new Worker(WORKER_URL);
  private readonly pending = new Map<number, Pending>();
  private nextSeq = 1;
  /** Set once the thread is gone; every call after that fails with it. */
  stopped: Error | null = null;

  constructor(private readonly onStopped: () => void) {
    this.worker.unref();
    this.worker.on('message', (reply: StorageReply) => {
      const waiting = this.pending.get(reply.seq);
      if (waiting === undefined) return;
      this.pending.delete(reply.seq);
      if (this.pending.size === 0) this.worker.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(toError(reply));
    });
    this.worker.on('error', (error) => this.fail(new Error(`the storage thread failed: ${error.message}`)));
    this.worker.on('exit', (code) => this.fail(new Error(`the storage thread stopped (exit code ${code})`)));
  }

  request<T>(
    message: Omit<Extract<StorageRequest, { kind: 'open' }>, 'seq'> | Omit<Extract<StorageRequest, { kind: 'call' }>, 'seq'>,
  ): Promise<T> {
    if (this.stopped !== null) return Promise.reject(this.stopped);
    const seq = this.nextSeq++;
    return new Promise<T>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(seq, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...message, seq });
    });
  }

  private fail(error: Error): void {
    this.stopped ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    this.onStopped();
  }
}

let thread: StorageThread | null = null;

function storageThread(): StorageThread {
  if (thread === null || thread.stopped !== null) {
    const created: StorageThread = new StorageThread(() => {
      if (thread === created) thread = null;
    });
    thread = created;
  }
  return thread;
}

/** Opens (or creates) the database file on the storage thread; rejects when it cannot be opened. */
export async function openSqliteStorageInWorker(file: string): Promise<Storage> {
  const owner = storageThread();
  const handle = await owner.request<number>({ kind: 'open', file });
  let closing: Promise<void> | null = null;
  const call = <T>(method: Method, ...args: unknown[]): Promise<T> => {
    if (closing !== null && method !== 'close') return Promise.reject(new Error('the storage is closed'));
    return owner.request<T>({ kind: 'call', handle, method, args });
  };
  // Buffers come back from the thread as plain Uint8Arrays, which is what the interface promises.
  return {
    createAnalysis: (id, tokenHashes, initialUpdate) => call('createAnalysis', id, tokenHashes, initialUpdate),
    findRoleByTokenHash: (id, hash) => call('findRoleByTokenHash', id, hash),
    loadDoc: (id) => call('loadDoc', id),
    appendUpdates: (id, updates) => call('appendUpdates', id, updates),
    compact: (id, snapshot, upToUpdateId) => call('compact', id, snapshot, upToUpdateId),
    rotateToken: (id, role, hash) => call('rotateToken', id, role, hash),
    appendLog: (entry, fold) => call('appendLog', entry, fold),
    readLog: (id, query) => call('readLog', id, query),
    addJoinCode: (code, now, maxActive) => call('addJoinCode', code, now, maxActive),
    redeemJoinCode: (hash, now, maxUses, tokenHash) => call('redeemJoinCode', hash, now, maxUses, tokenHash),
    addVersion: (analysisId, version, maxVersions) => call('addVersion', analysisId, version, maxVersions),
    listVersions: (analysisId) => call('listVersions', analysisId),
    readVersion: (analysisId, versionId) => call('readVersion', analysisId, versionId),
    deleteVersion: (analysisId, versionId) => call('deleteVersion', analysisId, versionId),
    listInactive: (before, limit) => call('listInactive', before, limit),
    lastActivity: (analysisId) => call('lastActivity', analysisId),
    deleteAnalysis: (id) => call('deleteAnalysis', id),
    exists: (id) => call('exists', id),
    close: () => (closing ??= owner.stopped !== null ? Promise.resolve() : call<void>('close')),
  };
}
