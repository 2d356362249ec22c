/**
 * The storage thread: runs the SQLite engine (sqliteStorage.ts) inside a worker, so that no commit, fsync, VACUUM
 * or large read ever blocks the event loop that relays edits. One thread per process serves every database the
 * process opens (a server has one; tests open many). Spoken to only by workerStorage.ts.
 */
import { parentPort } from 'node:worker_threads';
import { openSqliteStorage } from './sqliteStorage.ts';
import type { Storage } from './storage.ts';
import type { StorageReply, StorageRequest } from './workerStorage.ts';

const port = parentPort;
if (port === null) throw new Error('sqliteWorker.ts runs only as a worker thread');

const open = new Map<number, Storage>();
let nextHandle = 1;

function errorReply(seq: number, error: unknown): StorageReply {
  return {
    seq,
    ok: false,
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
  };
}

async function handle(request: StorageRequest): Promise<unknown> {
  if (request.kind === 'open') {
    const handleId = nextHandle++;
    open.set(handleId, openSqliteStorage(request.file));
    return handleId;
  }
  const storage = open.get(request.handle);
  if (storage === undefined) throw new Error('this database is closed');
  if (request.method === 'close') open.delete(request.handle);
  // Every method of the interface is async; the group commit inside relies on calls of one turn arriving together.
  const method = storage[request.method] as (...args: unknown[]) => Promise<unknown>;
  return method.apply(storage, request.args);
}

port.on('message', (request: StorageRequest) => {
  handle(request).then(
    (value) => port.postMessage({ seq: request.seq, ok: true, value } satisfies StorageReply),
    (error: unknown) => port.postMessage(errorReply(request.seq, error)),
  );
});
