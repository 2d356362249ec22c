/**
 * Test helpers: a real server on port 0 in a temporary DATA_DIR, stock y-websocket clients, raw WebSocket clients.
 * Every helper registers its teardown in a `Teardown` so a test cannot leak sockets, servers or directories.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import Database from 'better-sqlite3';
import { parseConfig, type Config } from './config.ts';
import type { Logger } from './log.ts';
import { startServer, type RunningServer, type StartOptions } from './server.ts';
import { DB_FILE_NAME } from './storage/sqliteStorage.ts';
import { seededRandom } from '@samenzicht/shared/random';
export { seededRandom };

/**
 * The seed of a seeded test: the environment variable `name` when set (to replay a failure), a fixed `fallback` in a
 * normal run so `npm test` is the same every time, and a new one each run only under `npm run soak` (SOAK=1).
 */
export function testSeed(name: string, fallback: number): number {
  const given = process.env[name];
  if (given !== undefined && given.trim() !== '') return Number(given);
  return process.env.SOAK ? Date.now() % 1_000_000 : fallback;
}

/**
 * How much slower than a quiet machine this one may be: `TEST_TIME_FACTOR` (default 3, which a 2-core machine running
 * a second `npm test` beside this one needs). Tests scale by it the few deadlines that are part of what they claim
 * (an edit on disk within the flush window, an event loop that is not held) and every wait for an event (`waitFor`,
 * `within`), which only ever ends early when the event comes. Speed goals themselves live in `npm run bench`.
 */
export const TIME_FACTOR = readTimeFactor(process.env.TEST_TIME_FACTOR);

function readTimeFactor(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 3;
  const factor = Number(raw);
  if (!Number.isFinite(factor) || factor < 1)
    throw new Error(`TEST_TIME_FACTOR: expected a number of at least 1, got ${JSON.stringify(raw)}`);
  return factor;
}

/** `ms` scaled by TIME_FACTOR. */
export function scaled(ms: number): number {
  return Math.round(ms * TIME_FACTOR);
}

/** Collects cleanup steps and runs them last-in first-out. */
export class Teardown {
  private readonly steps: Array<() => unknown> = [];
  add(step: () => unknown): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    const errors: unknown[] = [];
    while (this.steps.length > 0) {
      try {
        await this.steps.pop()!();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}

/** Returns a fresh temporary directory, removed on teardown. */
export function makeTempDir(teardown: Teardown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenzicht-test-'));
  teardown.add(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A logger that keeps every line (to check, for instance, that no token is ever logged). */
export function captureLog(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(message),
    error: (message, error) => lines.push(`${message} ${error instanceof Error ? error.message : String(error ?? '')}`),
  };
}

export interface TestServer {
  readonly server: RunningServer;
  readonly config: Config;
  readonly url: string;
  /** `ws://…/sync`, the base URL a WebsocketProvider takes. */
  readonly syncUrl: string;
  readonly dbFile: string;
  readonly log: ReturnType<typeof captureLog>;
}

/** Starts a server on port 0; `dataDir` defaults to a fresh temporary directory; `options.now` moves its clock. */
export async function startTestServer(
  teardown: Teardown,
  overrides: Partial<Config> = {},
  options: Omit<StartOptions, 'log'> = {},
): Promise<TestServer> {
  const config: Config = {
    ...parseConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir: overrides.dataDir ?? makeTempDir(teardown),
    ...overrides,
  };
  const log = captureLog();
  const server = await startServer(config, { ...options, log });
  teardown.add(() => server.close());
  return {
    server,
    config,
    url: server.url,
    syncUrl: server.url.replace(/^http/, 'ws') + '/sync',
    dbFile: path.join(config.dataDir, DB_FILE_NAME),
    log,
  };
}

export interface CreatedAnalysis {
  readonly id: string;
  readonly links: Record<'facilitator' | 'editor' | 'viewer', string>;
  readonly tokens: Record<'facilitator' | 'editor' | 'viewer', string>;
}

/** Creates an analysis through the API and returns the 201 body. */
export async function createAnalysis(url: string, body: unknown = {}): Promise<CreatedAnalysis> {
  const res = await fetch(`${url}/api/analyses`, { method: 'POST', body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST /api/analyses answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as CreatedAnalysis;
}

export interface TestClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Resolves once the client finished its first sync with the server. */
  readonly synced: Promise<void>;
  destroy(): void;
}

/** Connects a stock y-websocket client, like the web app does (with `name` when given, as the app sends it). */
export function connectClient(teardown: Teardown, syncUrl: string, id: string, token: string, options: { name?: string } = {}): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, id, doc, {
    params: options.name === undefined ? { token } : { token, name: options.name },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // In Node, BroadcastChannel would let clients of one process sync without the server: keep it honest.
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (isSynced: boolean) => {
      if (isSynced) resolve();
    });
  });
  let destroyed = false;
  const destroy = (): void => {
    if (destroyed) return;
    destroyed = true;
    provider.destroy();
    doc.destroy();
  };
  teardown.add(destroy);
  return { doc, provider, synced, destroy };
}

export interface RawClient {
  readonly socket: WebSocket;
  readonly messages: Uint8Array[];
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Resolves when the socket is open (rejects if it never opens). */
  readonly opened: Promise<void>;
}

export interface RawOptions {
  /** Sent as the `Origin` header, like a browser does (none by default, like a Node client). */
  readonly origin?: string;
  /** Local address to connect from, e.g. `127.0.0.2` to look like another client address. */
  readonly localAddress?: string;
}

/** Opens a plain WebSocket (no Yjs) to look at close codes and send arbitrary bytes. */
export function connectRaw(teardown: Teardown, url: string, options: RawOptions = {}): RawClient {
  const socket = new WebSocket(url, {
    ...(options.origin === undefined ? {} : { origin: options.origin }),
    ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
  });
  const messages: Uint8Array[] = [];
  socket.on('message', (data) => messages.push(new Uint8Array(data as Buffer)));
  socket.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('close', () => reject(new Error('closed before open')));
  });
  opened.catch(() => {});
  teardown.add(() => {
    if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
  });
  return { socket, messages, closed, opened };
}

/** Polls `check` until it returns true; fails with `message` after `timeoutMs` (scaled by TIME_FACTOR). */
export async function waitFor(check: () => boolean | Promise<boolean>, message: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + scaled(timeoutMs);
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await sleep(10);
  }
}

/** Rejects with `message` when `promise` takes longer than `ms` (scaled by TIME_FACTOR), so a failing test fails fast. */
export function within<T>(promise: Promise<T>, message: string, ms = 5_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${message}`)), scaled(ms));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `read` on a second, read-only connection to the database file, closed right after. */
export function readDb<T>(dbFile: string, read: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Counts the stored rows and bytes of one analysis. */
export function storedSize(dbFile: string, id: string): { logRows: number; logBytes: number; snapshotBytes: number } {
  return readDb(dbFile, (db) => {
    const log = db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(data)), 0) AS bytes FROM updates WHERE analysis_id = ?').get(id) as {
      n: number;
      bytes: number;
    };
    const snapshot = db.prepare('SELECT COALESCE(SUM(LENGTH(data)), 0) AS bytes FROM snapshots WHERE analysis_id = ?').get(id) as {
      bytes: number;
    };
    return { logRows: log.n, logBytes: log.bytes, snapshotBytes: snapshot.bytes };
  });
}
