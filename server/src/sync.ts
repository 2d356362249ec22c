/**
 * One WebSocket connection speaking the y-websocket protocol with one room. The connection authenticates, joins
 * the room (loading it if needed), then sends sync step 1 and the present awareness states. Messages that arrive
 * before that are kept and handled in order afterwards. A message it cannot read, a flood of messages or a message
 * over the size limit closes this connection only. Opening and editing are written to the access log.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebSocket, type RawData } from 'ws';
import type { AccessLog } from './accessLog.ts';
import { canWrite, hashToken, isTokenShaped, type AccessRole } from './auth.ts';
import { authorize } from './authorize.ts';
import { CLOSE_CODES, CLOSE_REASONS, type CloseKind } from './closeCodes.ts';
import type { ConnectionRegistry, TrackedConnection } from './connections.ts';
import { applyAndCollectAwarenessIds, ConnectionLog } from './connectionLog.ts';
import type { Logger } from './log.ts';
import { createTokenBucket, type TokenBucket } from './rateLimit.ts';
import type { Room, RoomPeer } from './room.ts';
import { ShuttingDownError, type RoomManager } from './rooms.ts';
import type { Storage, StoredDoc } from './storage/storage.ts';
import type { JoinWay } from './syncHandshake.ts';
import type { SessionHooks, SessionPeer } from './versions.ts';
import {
  encodeAwareness,
  encodeDocUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeAnswerFromStored,
  parseSyncMessage,
  MESSAGE_SAMENZICHT_TYPE,
  type SyncMessage,
} from './syncMessage.ts';
import { encodePong, encodeStored } from '@samenzicht/shared/sync/ackProtocol';

export interface SyncConnectionOptions {
  readonly id: string;
  readonly token: string | null;
  /**
   * The display name for the access log from the query (already cleaned by `parseDisplayName`); `onbekend` when
   * none was given: then it is learnt from the connection's awareness state (connectionLog.ts).
   */
  readonly name: string;
  /** How the person came in (QR code or join code), for the access log's `opened`; null or absent: the link. */
  readonly via?: JoinWay | null;
  /** The socket's remote address, for the per-address limit. */
  readonly address: string;
  readonly storage: Storage;
  readonly rooms: RoomManager;
  readonly log: Logger;
  readonly accessLog: AccessLog;
  readonly connections: ConnectionRegistry;
  /** Sustained rate; bursts of twice this are allowed. */
  readonly maxMessagesPerSecond: number;
  /** A connection's edits are logged at most once per this interval. */
  readonly editLogIntervalMs: number;
  /** Interval of the ping that drops connections whose other end vanished. */
  readonly keepaliveMs?: number;
  /** Largest awareness state (JSON bytes) taken; a larger one closes the connection with 4400 (default 4096). */
  readonly maxPresenceBytes?: number;
  /** The client offered `samenzicht.ack`: answer its pings and tell it what of its edits is stored. */
  readonly ack?: boolean;
  /** Told when the connection joins, edits and leaves, to end sessions with a version (versions.ts). */
  readonly sessions?: SessionHooks;
}

/** A connection is told about at most this many Yjs client ids (one per page load; a few for safety). */
const MAX_WATCHED_CLIENTS = 4;

const KEEPALIVE_MS = 30_000;
/**
 * Up to this many logged updates after the snapshot, the first client of a room that is not loaded is answered from
 * the stored bytes (merged and diffed without building a document). Compaction keeps the log far below it.
 */
const MAX_LOG_FOR_STORED_ANSWER = 2_000;
/** The room's rebuild waits at most this long for that answer to be written. */
const STORED_ANSWER_WAIT_MS = 250;
/**
 * Before its token is checked a client has no reason to send more than a few messages. Once it is, the wait is for the
 * room to load, which on a busy server can take seconds while a person goes on editing and moving the pointer
 * (a stock client does not wait for the server's first message); then only MAX_EARLY_BYTES and the rate limit hold.
 * A stock client takes the close (4429) as final, so closing it for the server's own slowness would shut it out.
 */
const MAX_EARLY_MESSAGES = 200;
/**
 * Nor more than this many bytes: held before the token is even checked, 200 messages of up to MAX_MESSAGE_BYTES each
 * would be 1.6 GB per socket. A client's sync step 1 and presence are a few hundred bytes; offline edits sent right
 * after connecting can be larger, so this leaves room for one large message.
 */
const MAX_EARLY_BYTES = 16 * 1024 * 1024;

/** Socket errors that mean the client went away, not that the server failed. */
const CLIENT_GONE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);

/** The error `ws` raises for a message over `maxPayload`; it has already sent close code 1009 by then. */
const TOO_BIG_ERROR_CODE = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';

/** A client's update that Yjs could not apply; `unannounced` is what it changed in the document all the same. */
export class UpdateFailedError extends Error {
  constructor(
    readonly failure: unknown,
    readonly unannounced: Uint8Array | null,
  ) {
    super('the update could not be applied');
  }
}

function sameStateVector(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/**
 * Applies a Yjs update and tells whether it changed the document (an empty sync step 2 does not). When Yjs throws
 * half-way, part of the update may already be in the document without an 'update' event (so not stored and not
 * relayed); the error then carries that part, as an update from the state before, for the room to adopt.
 */
export function applyUpdateAndDetectChange(doc: Y.Doc, update: Uint8Array, origin: unknown): boolean {
  let changed = false;
  let announced = false;
  // Yjs emits 'update' synchronously, and only for transactions that inserted or deleted something.
  const onUpdate = (_update: Uint8Array, updateOrigin: unknown): void => {
    announced = true;
    if (updateOrigin === origin) changed = true;
  };
  // The state vector only (a few bytes per writer): encoding more before every update would cost every update.
  const before = Y.encodeStateVector(doc);
  doc.on('update', onUpdate);
  try {
    Y.applyUpdate(doc, update, origin);
  } catch (error) {
    doc.off('update', onUpdate);
    // Integrated structs raise the state vector (an update's deletes come after its structs, so a throw while
    // integrating leaves none applied); the diff from the state before carries them. Not covered: a throw half-way
    // through applying the delete set itself, which changes no state vector.
    const touched = !announced && !sameStateVector(Y.encodeStateVector(doc), before);
    throw new UpdateFailedError(error, touched ? Y.encodeStateAsUpdate(doc, before) : null);
  } finally {
    doc.off('update', onUpdate);
  }
  return changed;
}

/**
 * The room hands the same update to every peer in turn; it is wrapped into a y-websocket message once, not once per
 * peer. One entry is enough, because the peers of one update are served one after another.
 */
let lastUpdate: Uint8Array | null = null;
let lastUpdateMessage: Uint8Array | null = null;
function updateMessage(update: Uint8Array): Uint8Array {
  if (update !== lastUpdate || lastUpdateMessage === null) {
    lastUpdateMessage = encodeDocUpdate(update);
    lastUpdate = update;
  }
  return lastUpdateMessage;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

class SyncConnection implements RoomPeer, TrackedConnection {
  readonly analysisId: string;
  readonly address: string;
  readonly tokenHash: string | null;
  private room: Room | null = null;
  private role: AccessRole | null = null;
  private early: Uint8Array[] | null = [];
  /** Bytes held in `early`, bounded by MAX_EARLY_BYTES. */
  private earlyBytes = 0;
  private closed = false;
  private alive = true;
  /** A liveness check the room asked for (`checkAlive`), answered by the next pong. */
  private probe: { readonly answer: Promise<boolean>; readonly settle: (alive: boolean) => void } | null = null;
  private readonly keepalive: ReturnType<typeof setInterval>;
  private readonly bucket: TokenBucket;
  /** Writes opened, renamed and edited for this connection once it joined (connectionLog.ts). */
  private accessTrail: ConnectionLog | null = null;
  /** Yjs client id → the stored clock last told to the client (only with `samenzicht.ack`). */
  private readonly watched = new Map<number, number>();
  /** This connection as the session tracking sees it, once it joined. */
  private sessionPeer: SessionPeer | null = null;

  constructor(
    private readonly socket: WebSocket,
    private readonly options: SyncConnectionOptions,
  ) {
    this.analysisId = options.id;
    this.address = options.address;
    this.tokenHash = isTokenShaped(options.token) ? hashToken(options.token) : null;
    this.bucket = createTokenBucket(options.maxMessagesPerSecond, 2 * options.maxMessagesPerSecond);
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => this.handleClosed());
    socket.on('error', (error) => this.handleError(error));
    socket.on('pong', () => {
      this.alive = true;
      this.probe?.settle(true);
    });
    this.keepalive = setInterval(() => {
      if (!this.alive) {
        socket.terminate();
        return;
      }
      this.alive = false;
      socket.ping();
    }, options.keepaliveMs ?? KEEPALIVE_MS);
    // Registered before it is authorized, so a rotation that happens meanwhile still finds it.
    if (!options.connections.add(this)) {
      this.closeWith('tooManyConnections');
      return;
    }
    void this.open();
  }

  sendDocUpdate(update: Uint8Array): void {
    this.send(updateMessage(update));
  }

  sendAwarenessUpdate(update: Uint8Array): void {
    this.send(encodeAwareness(update));
  }

  storedChanged(): void {
    if (this.room === null) return;
    for (const [clientId, told] of this.watched) {
      const clock = this.room.storedClock(clientId);
      if (clock === told) continue;
      this.watched.set(clientId, clock);
      this.send(encodeStored(clientId, clock));
    }
  }

  /** Pings the other end; one that does not answer within `timeoutMs` is cut off (then false). See room.ts. */
  checkAlive(timeoutMs: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.probe !== null) return this.probe.answer;
    let settle: (alive: boolean) => void = () => {};
    const answer = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.options.log.info(`cutting off a sync connection to analysis ${this.analysisId}: no answer to a ping within ${timeoutMs} ms`);
        this.terminate();
      }, timeoutMs);
      settle = (alive) => {
        clearTimeout(timer);
        this.probe = null;
        resolve(alive);
      };
    });
    this.probe = { answer, settle };
    try {
      this.socket.ping();
    } catch {
      this.terminate();
    }
    return answer;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    // Leave at once: the closing handshake may take a while, and nothing should reach this peer meanwhile.
    this.forget();
    this.socket.close(code, reason);
  }

  private async open(): Promise<void> {
    const { id, token, name, storage, rooms, log, accessLog, connections } = this.options;
    try {
      const role = await authorize(storage, id, token);
      if (this.closed) return;
      if (role === null) return this.closeWith('unauthorized');
      // Places are handed out by role: a crowd on the viewer link cannot lock out the editors or the facilitator.
      if (!connections.admit(this, role)) return this.closeWith('tooManyConnections');
      this.role = role;
      const room = await rooms.join(id, this, (stored) => this.answerFromStored(stored));
      if (room === null) return this.closeWith('unauthorized');
      this.room = room;
      if (this.closed) {
        room.leave(this);
        return;
      }
      this.accessTrail = new ConnectionLog({
        accessLog,
        analysisId: id,
        role,
        queryName: name,
        via: this.options.via ?? null,
        editLogIntervalMs: this.options.editLogIntervalMs,
      });
      const trail = this.accessTrail;
      this.sessionPeer = { role, name: () => trail.currentName };
      this.options.sessions?.joined(id, this.sessionPeer);
      this.send(encodeSyncStep1(room.doc));
      this.sendAllAwareness(room);
      const early = this.early ?? [];
      this.early = null;
      for (const bytes of early) {
        if (this.closed) break;
        this.handle(room, role, bytes);
      }
    } catch (error) {
      if (error instanceof ShuttingDownError) return this.closeWith('goingAway');
      log.error(`opening a sync connection to analysis ${id} failed`, error);
      this.closeWith('serverError');
    }
  }

  /**
   * Cold start: the room is being loaded for this connection. Rebuilding the Y.Doc of a long-edited analysis takes
   * hundreds of ms (every overwritten value is an item to integrate), but the client's sync step 1 can be answered
   * from the stored bytes alone (`encodeAnswerFromStored`). Nothing can change the document between the read and
   * the rebuild, so the client ends up with exactly what the rebuilt doc would give it. Used only when the client's
   * step 1 has already arrived; otherwise the normal answer follows the rebuild.
   */
  private answerFromStored(stored: StoredDoc): Promise<void> | void {
    if (this.closed || this.early === null || stored.updates.length > MAX_LOG_FOR_STORED_ANSWER) return;
    let index = -1;
    let stateVector: Uint8Array | null = null;
    for (const [i, bytes] of this.early.entries()) {
      const parsed = parseSyncMessage(bytes);
      if (parsed.ok && parsed.message.type === 'syncStep1') {
        index = i;
        stateVector = parsed.message.stateVector;
        break;
      }
    }
    if (stateVector === null) return;
    const messages = encodeAnswerFromStored(stored, stateVector);
    for (const update of messages.slice(0, -1)) this.send(update);
    const message = messages[messages.length - 1]!;
    // Answered: not handled again once the room is live.
    this.early.splice(index, 1);
    // Resolves once the message is written (a large one is compressed on the thread pool first, and its write
    // would otherwise wait for the rebuild); a slow socket does not hold the room back for more than a moment.
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, STORED_ANSWER_WAIT_MS);
      this.send(message, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.bucket.take()) {
      this.options.log.info(`closing a sync connection to analysis ${this.analysisId}: too many messages per second`);
      return this.closeWith('tooManyMessages');
    }
    const bytes = toBytes(data);
    if (!isBinary) return this.closeWith('badMessage');
    // A ping is answered at once, also while the room loads: it asks whether the server is there, nothing more.
    if (this.options.ack === true && bytes[0] === MESSAGE_SAMENZICHT_TYPE) {
      const parsed = parseSyncMessage(bytes, { ack: true });
      if (parsed.ok && parsed.message.type === 'ping') return this.send(encodePong(parsed.message.seq));
    }
    if (this.early !== null) {
      this.earlyBytes += bytes.byteLength;
      const tooMany = this.role === null && this.early.length >= MAX_EARLY_MESSAGES;
      if (tooMany || this.earlyBytes > MAX_EARLY_BYTES) {
        this.options.log.info(`closing a sync connection to analysis ${this.analysisId}: too much sent before it was let in`);
        return this.closeWith('tooManyMessages');
      }
      this.early.push(bytes);
      return;
    }
    if (this.room !== null && this.role !== null) this.handle(this.room, this.role, bytes);
  }

  private handle(room: Room, role: AccessRole, bytes: Uint8Array): void {
    // An awareness state over MAX_PRESENCE_BYTES is refused here, before it is decoded: our app never sends one.
    const parsed = parseSyncMessage(bytes, { maxPresenceBytes: this.options.maxPresenceBytes, ack: this.options.ack === true });
    if (!parsed.ok) {
      this.options.log.info(`closing a sync connection to analysis ${room.id}: ${parsed.reason}`);
      return this.closeWith('badMessage');
    }
    try {
      this.apply(room, role, parsed.message);
    } catch (error) {
      // What a broken update changed before it failed is stored and sent to the others like any change.
      if (error instanceof UpdateFailedError && error.unannounced !== null) room.adoptUnannounced(error.unannounced, this);
      // A message that parsed but still broke Yjs: only this connection pays for it.
      this.options.log.error(
        `a sync message for analysis ${room.id} could not be applied`,
        error instanceof UpdateFailedError ? error.failure : error,
      );
      this.closeWith('badMessage');
    }
  }

  private apply(room: Room, role: AccessRole, message: SyncMessage): void {
    switch (message.type) {
      case 'syncStep1':
        this.send(encodeSyncStep2(room.doc, message.stateVector));
        return;
      case 'syncStep2':
      case 'update':
        // The single place where writes are let in. A viewer's are dropped: not applied, so not stored or relayed.
        if (canWrite(role) && applyUpdateAndDetectChange(room.doc, message.update, this)) {
          this.accessTrail?.noteEdit();
          if (this.sessionPeer !== null) this.options.sessions?.edited(room.id, this.sessionPeer);
        }
        return;
      case 'awareness': {
        const accepted = applyAndCollectAwarenessIds(room.awareness, this, () => room.applyAwarenessUpdate(message.update, this));
        // The display name for the access log, from the states this connection itself announced.
        this.accessTrail?.noteAwarenessUpdate(room.awareness, message.update, accepted);
        return;
      }
      case 'queryAwareness':
        this.sendAllAwareness(room);
        return;
      case 'auth':
        // Permissions come from the token in the URL; auth messages carry nothing the server needs.
        return;
      case 'ping':
        this.send(encodePong(message.seq));
        return;
      case 'watch': {
        if (this.watched.has(message.clientId) || this.watched.size >= MAX_WATCHED_CLIENTS) return;
        const clock = room.storedClock(message.clientId);
        this.watched.set(message.clientId, clock);
        this.send(encodeStored(message.clientId, clock));
        return;
      }
    }
  }

  private sendAllAwareness(room: Room): void {
    const clientIds = [...room.awareness.getStates().keys()];
    if (clientIds.length > 0) this.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, clientIds)));
  }

  private send(message: Uint8Array, sent?: () => void): void {
    if (this.closed || this.socket.readyState !== WebSocket.OPEN) return sent?.();
    this.socket.send(message, (error) => {
      if (error) this.closeWith('serverError');
      sent?.();
    });
  }

  private closeWith(kind: CloseKind): void {
    this.close(CLOSE_CODES[kind], CLOSE_REASONS[kind]);
  }

  private handleError(error: Error): void {
    const { log } = this.options;
    const code = (error as { code?: unknown }).code;
    if (code === TOO_BIG_ERROR_CODE) {
      log.info(`closing a sync connection to analysis ${this.analysisId}: message over MAX_MESSAGE_BYTES`);
    } else if (typeof code === 'string' && (code.startsWith('WS_ERR_') || CLIENT_GONE_CODES.has(code))) {
      // A client that broke the protocol or vanished (a closed laptop, a lost network): its fault, one line.
      log.info(`closing a sync connection to analysis ${this.analysisId}: ${code}`);
    } else {
      log.error('websocket error', error);
    }
    this.closed = true;
    this.forget();
    // For protocol errors `ws` has already sent a close frame (1009 for a message too big) and is CLOSING; cutting
    // the socket now could lose that frame. Anything else is cut off.
    if (this.socket.readyState !== WebSocket.CLOSING && this.socket.readyState !== WebSocket.CLOSED) this.socket.terminate();
  }

  private handleClosed(): void {
    this.closed = true;
    this.forget();
  }

  /** Cuts the socket off without a closing handshake (the other end does not answer) and leaves at once. */
  private terminate(): void {
    this.closed = true;
    this.forget();
    this.socket.terminate();
  }

  /** Leaves the room and the registry and stops the keepalive; safe to call more than once. */
  private forget(): void {
    clearInterval(this.keepalive);
    this.probe?.settle(false);
    this.accessTrail?.close();
    this.room?.leave(this);
    if (this.sessionPeer !== null) this.options.sessions?.left(this.analysisId, this.sessionPeer);
    this.options.connections.remove(this);
  }
}

/** Serves the y-websocket protocol on an upgraded socket for analysis `id`, if `token` grants access. */
export function acceptSyncConnection(socket: WebSocket, options: SyncConnectionOptions): void {
  new SyncConnection(socket, options);
}
