/**
 * One WebSocket connection speaking the y-websocket protocol with one room. The connection authenticates, joins
 * the room (loading it if needed), then sends sync step 1 and the present awareness states. Messages that arrive
 * before that are kept and handled in order afterwards. A message it cannot read closes this connection only.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebSocket, type RawData } from 'ws';
import { canWrite, type AccessRole } from './auth.ts';
import { authorize } from './authorize.ts';
import { CLOSE_CODES, CLOSE_REASONS } from './closeCodes.ts';
import type { Logger } from './log.ts';
import type { Room, RoomPeer } from './room.ts';
import { ShuttingDownError, type RoomManager } from './rooms.ts';
import type { Storage } from './storage/storage.ts';
import {
  encodeAwareness,
  encodeDocUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  parseSyncMessage,
  type SyncMessage,
} from './syncMessage.ts';

export interface SyncConnectionOptions {
  readonly id: string;
  readonly token: string | null;
  readonly storage: Storage;
  readonly rooms: RoomManager;
  readonly log: Logger;
  /** Interval of the ping that drops connections whose other end vanished. */
  readonly keepaliveMs?: number;
}

const KEEPALIVE_MS = 30_000;
/** A client has no reason to send more than a few messages before it got the server's first one. */
const MAX_EARLY_MESSAGES = 200;

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

class SyncConnection implements RoomPeer {
  private room: Room | null = null;
  private role: AccessRole | null = null;
  private early: Uint8Array[] | null = [];
  private closed = false;
  private alive = true;
  private readonly keepalive: ReturnType<typeof setInterval>;

  constructor(
    private readonly socket: WebSocket,
    private readonly options: SyncConnectionOptions,
  ) {
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => this.handleClosed());
    socket.on('error', (error) => {
      options.log.error('websocket error', error);
      socket.terminate();
    });
    socket.on('pong', () => {
      this.alive = true;
    });
    this.keepalive = setInterval(() => {
      if (!this.alive) {
        socket.terminate();
        return;
      }
      this.alive = false;
      socket.ping();
    }, options.keepaliveMs ?? KEEPALIVE_MS);
    void this.open();
  }

  sendDocUpdate(update: Uint8Array): void {
    this.send(encodeDocUpdate(update));
  }

  sendAwarenessUpdate(update: Uint8Array): void {
    this.send(encodeAwareness(update));
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    // Leave at once: the closing handshake may take a while, and nothing should reach this peer meanwhile.
    this.room?.leave(this);
    clearInterval(this.keepalive);
    this.socket.close(code, reason);
  }

  private async open(): Promise<void> {
    const { id, token, storage, rooms, log } = this.options;
    try {
      const role = await authorize(storage, id, token);
      if (this.closed) return;
      if (role === null) return this.closeWith('unauthorized');
      this.role = role;
      const room = await rooms.join(id, this);
      if (room === null) return this.closeWith('unauthorized');
      this.room = room;
      if (this.closed) {
        room.leave(this);
        return;
      }
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

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    const bytes = toBytes(data);
    if (!isBinary) return this.closeWith('badMessage');
    if (this.early !== null) {
      if (this.early.length >= MAX_EARLY_MESSAGES) return this.closeWith('tooManyMessages');
      this.early.push(bytes);
      return;
    }
    if (this.room !== null && this.role !== null) this.handle(this.room, this.role, bytes);
  }

  private handle(room: Room, role: AccessRole, bytes: Uint8Array): void {
    const parsed = parseSyncMessage(bytes);
    if (!parsed.ok) {
      this.options.log.info(`closing a sync connection to analysis ${room.id}: ${parsed.reason}`);
      return this.closeWith('badMessage');
    }
    try {
      this.apply(room, role, parsed.message);
    } catch (error) {
      // A message that parsed but still broke Yjs: only this connection pays for it.
      this.options.log.error(`a sync message for analysis ${room.id} could not be applied`, error);
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
        if (canWrite(role)) Y.applyUpdate(room.doc, message.update, this);
        return;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(room.awareness, message.update, this);
        return;
      case 'queryAwareness':
        this.sendAllAwareness(room);
        return;
      case 'auth':
        // Permissions come from the token in the URL; auth messages carry nothing the server needs.
        return;
    }
  }

  private sendAllAwareness(room: Room): void {
    const clientIds = [...room.awareness.getStates().keys()];
    if (clientIds.length > 0) this.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, clientIds)));
  }

  private send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(message, (error) => {
      if (error) this.closeWith('serverError');
    });
  }

  private closeWith(kind: keyof typeof CLOSE_CODES): void {
    this.close(CLOSE_CODES[kind], CLOSE_REASONS[kind]);
  }

  private handleClosed(): void {
    this.closed = true;
    clearInterval(this.keepalive);
    this.room?.leave(this);
  }
}

/** Serves the y-websocket protocol on an upgraded socket for analysis `id`, if `token` grants access. */
export function acceptSyncConnection(socket: WebSocket, options: SyncConnectionOptions): void {
  new SyncConnection(socket, options);
}
