/**
 * One process, one port: the HTTP routes and the WebSocket sync endpoint `/sync/<id>?token=…` share a server.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { AccessLog, parseDisplayName } from './accessLog.ts';
import { createCreateRateLimit } from './analysesApi.ts';
import { CLOSE_CODES, CLOSE_REASONS } from './closeCodes.ts';
import type { Config } from './config.ts';
import { ConnectionRegistry } from './connections.ts';
import { DEFAULT_EXPORT_LIMITS, createExportLimiter } from './export/exportLimiter.ts';
import { createWorkPool } from './export/workPool.ts';
import { createRequestHandler } from './http.ts';
import { createCodeLimit, JOIN_TRIES_GLOBAL, JOIN_TRIES_PER_ADDRESS, JOIN_TRIES_WINDOW_MS } from './joinApi.ts';
import { createJoinGuard } from './joinCodes.ts';
import { toLoggablePath, readRequestPath } from './httpIo.ts';
import { consoleLogger, type Logger } from './log.ts';
import { createHostPolicy, isHostAllowed } from './hostCheck.ts';
import { isOriginAllowed } from './origin.ts';
import { Retention } from './retention.ts';
import { RoomManager } from './rooms.ts';
import { createStaticHandler } from './staticFiles.ts';
import { DB_FILE_NAME } from './storage/sqliteStorage.ts';
import { openSqliteStorageInWorker } from './storage/workerStorage.ts';
import { acceptSyncConnection } from './sync.ts';
import { readHandshake, selectProtocol } from './syncHandshake.ts';
import { Versions } from './versions.ts';

export interface RunningServer {
  /** Where the server listens, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, closes every connection, stores every room and closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  readonly log?: Logger;
  /** The clock of the access log, versions and RETENTION_DAYS (ms since 1970); tests move it forward. */
  readonly now?: () => number;
}

const SYNC_PATH = /^\/sync\/([^/]+)$/;

function rejectUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Starts the server with `config`; resolves once it listens (use port 0 for a free port). */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? consoleLogger;
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // On a thread of its own: commits (fsync), VACUUM and large reads never stall the sync connections.
  const storage = await openSqliteStorageInWorker(path.join(config.dataDir, DB_FILE_NAME));
  const rooms = new RoomManager({
    storage,
    log,
    flushIntervalMs: config.flushIntervalMs,
    compactThreshold: config.compactThreshold,
    unloadGraceMs: config.unloadGraceMs,
  });
  const accessLog = new AccessLog(storage, log, options.now);
  const versions = new Versions({ storage, rooms, accessLog, log, sessionIdleMs: config.sessionIdleMs, now: options.now });
  const retention = new Retention({
    storage,
    rooms,
    log,
    days: config.retentionDays,
    checkMs: config.retentionCheckMs,
    now: options.now,
  });
  const connections = new ConnectionRegistry({
    maxPerAnalysis: config.maxConnectionsPerAnalysis,
    maxPerAddress: config.maxConnectionsPerAddress,
  });
  // Pages served by PUBLIC_URL are ours too, also when a proxy in front rewrites the Host header.
  const allowedOrigins = [...config.allowedOrigins, ...(config.publicUrl ? [new URL(config.publicUrl).origin] : [])];
  const hostPolicy = createHostPolicy(config);
  // Exports and large imports run on worker threads, started on the first one (export/workPool.ts).
  const workPool = createWorkPool({ threads: config.exportWorkers, timeBudgetMs: config.exportTimeBudgetMs, log });
  const server = http.createServer(
    {
      // A request (headers and body) must arrive within this time; Node's default holds a slow body for 300 s.
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: Math.min(config.requestTimeoutMs, 20_000),
      // How often those two are checked (Node's default, 30 s, would let a slow request live that much longer).
      connectionsCheckingInterval: Math.min(5_000, Math.max(250, Math.floor(config.requestTimeoutMs / 4))),
    },
    createRequestHandler({
      hostPolicy,
      allowedOrigins,
      storage,
      rooms,
      accessLog,
      connections,
      publicUrl: config.publicUrl,
      maxBodyBytes: config.maxBodyBytes,
      workPool,
      exportLimiter: createExportLimiter({ ...DEFAULT_EXPORT_LIMITS, maxPerKey: config.maxExportsPerAddress }),
      createRate: createCreateRateLimit(config.maxCreatesPerMinute),
      joinGuard: createJoinGuard({ perAddress: JOIN_TRIES_PER_ADDRESS, global: JOIN_TRIES_GLOBAL, windowMs: JOIN_TRIES_WINDOW_MS }),
      codeLimit: createCodeLimit(),
      joinCodeTtlMs: config.joinCodeTtlMinutes * 60_000,
      versions,
      retention,
      log,
      serveStatic: createStaticHandler(config.webDir),
    }),
  );
  // Beyond this many open sockets (HTTP and sync together) new ones are closed at once.
  server.maxConnections = config.maxHttpConnections;
  // `maxPayload`: ws refuses a bigger message from its frame header, before buffering it, and closes with 1009.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxMessageBytes,
    // permessage-deflate for large messages only: the first sync of a long-edited analysis (hundreds of kB of Yjs
    // history) shrinks to about a third, while edits and cursors (tens of bytes) go out at once, uncompressed. No
    // context takeover: nothing of one message is kept for the next, so the data is not held between messages.
    // Level 1: for an 870 kB first sync ~330 kB in ~20 ms, where the default level 6 gains 50 kB for 5× the time.
    perMessageDeflate: {
      threshold: 16 * 1024,
      serverNoContextTakeover: true,
      clientNoContextTakeover: true,
      zlibDeflateOptions: { level: 1 },
    },
    // The web app offers its token as a subprotocol (syncHandshake.ts); it must be answered with one.
    handleProtocols: (protocols) => selectProtocol(protocols),
  });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (!isHostAllowed(req.headers.host, hostPolicy)) return rejectUpgrade(socket, '421 Misdirected Request');
    const match = SYNC_PATH.exec(readRequestPath(req.url));
    if (!match) return rejectUpgrade(socket, '404 Not Found');
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const handshake = readHandshake(params, req.headers['sec-websocket-protocol']);
    const originAllowed = isOriginAllowed(req.headers.origin, req.headers.host, allowedOrigins);
    // Accept first, then decide: a browser only sees a close code (4401), never the status of a refused upgrade.
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!originAllowed) {
        // The Origin is quoted (JSON escapes control characters) so it cannot forge log lines; it holds no secret.
        const origin = JSON.stringify((req.headers.origin ?? '').slice(0, 200));
        log.info(`WS ${toLoggablePath(req.url)} refused: origin not allowed (${origin}; see ALLOWED_ORIGINS)`);
        ws.on('error', () => ws.terminate());
        ws.close(CLOSE_CODES.forbiddenOrigin, CLOSE_REASONS.forbiddenOrigin);
        return;
      }
      log.info(`WS ${toLoggablePath(req.url)}`);
      acceptSyncConnection(ws, {
        id: match[1]!,
        token: handshake.token,
        name: parseDisplayName(handshake.name),
        via: handshake.via,
        ack: handshake.ack,
        address: req.socket.remoteAddress ?? 'unknown',
        storage,
        rooms,
        log,
        accessLog,
        connections,
        maxMessagesPerSecond: config.maxMessagesPerSecond,
        editLogIntervalMs: config.editLogIntervalMs,
        maxPresenceBytes: config.maxPresenceBytes,
        sessions: versions,
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  retention.start();

  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    // No session versions on shutdown: the sessions are not over, people reconnect to the next process.
    await versions.close();
    await retention.close();
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const ws of wss.clients) ws.close(CLOSE_CODES.goingAway, CLOSE_REASONS.goingAway);
    await rooms.closeAll(CLOSE_CODES.goingAway, CLOSE_REASONS.goingAway);
    server.closeAllConnections();
    // Sockets that do not answer the close handshake are cut off.
    for (const ws of wss.clients) ws.terminate();
    await serverClosed;
    await workPool.close();
    await storage.close();
  };

  return {
    url: formatUrl(config.host, port),
    port,
    close: () => (closing ??= close()),
  };
}
