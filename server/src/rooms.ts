/**
 * Keeps the loaded rooms: loads a room when its first peer arrives, unloads it when its last peer has been gone
 * for the grace period, and drops it when its analysis is deleted. Every storage call for one document goes
 * through one keyed queue, so a load never sees half of a flush and a delete never races a write.
 */
import type * as Y from 'yjs';
import { createKeyedQueue, type KeyedQueue } from './keyedQueue.ts';
import type { Logger } from './log.ts';
import { restoreDoc } from './restoreDoc.ts';
import { Room, type RoomPeer } from './room.ts';
import type { Storage, StoredDoc } from './storage/storage.ts';

export interface RoomManagerOptions {
  readonly storage: Storage;
  readonly log: Logger;
  readonly flushIntervalMs: number;
  readonly compactThreshold: number;
  readonly unloadGraceMs: number;
}

/** Refusal to load a room because the server is shutting down (the client should retry later). */
export class ShuttingDownError extends Error {
  override name = 'ShuttingDownError';
  constructor() {
    super('the server is shutting down');
  }
}

interface Entry {
  readonly ready: Promise<Room | null>;
  /** Set once the load finished and the room exists. */
  room: Room | null;
}

export class RoomManager {
  private readonly entries = new Map<string, Entry>();
  private readonly unloading = new Set<Promise<void>>();
  private readonly queue: KeyedQueue = createKeyedQueue();
  /** Set by `closeAll`: a server that is shutting down loads no more rooms. */
  private closed = false;

  constructor(private readonly options: RoomManagerOptions) {}

  /**
   * Loads the room if needed and adds the peer; resolves with null when the analysis does not exist. Rejects with
   * `ShuttingDownError` once `closeAll` was called.
   */
  async join(id: string, peer: RoomPeer, onStored?: (stored: StoredDoc) => Promise<void> | void): Promise<Room | null> {
    // A room can start unloading while a join waits for it; the next round then loads it afresh (after the
    // unload's writes, thanks to the queue). Three rounds is far more than that race can need.
    for (let round = 0; round < 3; round++) {
      if (this.closed) throw new ShuttingDownError();
      const room = await this.getOrLoad(id, onStored);
      if (room === null) return null;
      // No await between the check and the join: a grace timer cannot unload the room in between.
      if (room.isOpen) {
        room.join(peer);
        return room;
      }
    }
    throw new Error(`analysis ${id} kept unloading while a peer tried to join`);
  }

  /** Returns the loaded room, or undefined when it is not (fully) loaded. */
  peek(id: string): Room | undefined {
    return this.entries.get(id)?.room ?? undefined;
  }

  /** Ids of the rooms loaded now. */
  loadedIds(): string[] {
    return [...this.entries.entries()].filter(([, entry]) => entry.room !== null).map(([id]) => id);
  }

  /**
   * Calls `read` with the current document: the live one when the room is loaded, else a copy loaded from storage
   * just for this call. Resolves with null when the analysis does not exist.
   */
  async readDoc<T>(id: string, read: (doc: Y.Doc) => T): Promise<T | null> {
    const entry = this.entries.get(id);
    const live = entry ? await entry.ready.catch(() => null) : null;
    if (live?.isOpen) return read(live.doc);
    const stored = await this.queue.run(id, () => this.options.storage.loadDoc(id));
    if (stored === null) return null;
    const { doc, skipped } = restoreDoc(stored);
    if (skipped > 0) this.options.log.error(`analysis ${id}: ${skipped} stored updates could not be applied`);
    try {
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * The stored state of the analysis, with a loaded room's queued updates written first, so that it holds what the
   * live document holds; null when the analysis does not exist. For a worker thread to rebuild: reading or encoding
   * a large document here takes tens to hundreds of ms, and that would stall every sync connection.
   */
  async readStored(id: string): Promise<StoredDoc | null> {
    const entry = this.entries.get(id);
    const live = entry ? await entry.ready.catch(() => null) : null;
    if (live?.isOpen) await live.flush();
    return this.queue.run(id, () => this.options.storage.loadDoc(id));
  }

  /**
   * Runs `change` with the analysis' live room, loaded for it when nobody is connected (it unloads again after the
   * grace period); resolves with null when the analysis does not exist. What `change` writes to `room.doc` reaches
   * every connected client and storage like any edit. Used to restore a version (versions.ts).
   */
  async change<T>(id: string, change: (room: Room) => Promise<T> | T): Promise<T | null> {
    // A peer that hears nothing: it only keeps the room loaded while `change` runs.
    const holder: RoomPeer = { sendDocUpdate: () => {}, sendAwarenessUpdate: () => {}, close: () => {} };
    const room = await this.join(id, holder);
    if (room === null) return null;
    try {
      return await change(room);
    } finally {
      room.leave(holder);
    }
  }

  /** Deletes the analysis: its room is dropped (peers closed with `code`) and storage erases it. */
  async delete(id: string, code: number, reason: string): Promise<void> {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    // A loaded room is dropped before the delete is queued, so none of its writes can follow the delete.
    entry?.room?.discard(code, reason);
    const deleted = this.queue.run(id, () => this.options.storage.deleteAnalysis(id));
    if (entry && entry.room === null) {
      // Still loading (queued before the delete): drop it once it exists.
      const room = await entry.ready.catch(() => null);
      room?.discard(code, reason);
    }
    await deleted;
  }

  /** Writes every room's queued updates. */
  async flushAll(): Promise<void> {
    const rooms = await this.allRooms();
    await Promise.all(rooms.map((room) => room.flush()));
  }

  /** Closes every peer with `code`, stores and unloads every room; used on shutdown. */
  async closeAll(code: number, reason: string): Promise<void> {
    this.closed = true;
    const rooms = await this.allRooms();
    this.entries.clear();
    for (const room of rooms) room.closePeers(code, reason);
    await Promise.all([...rooms.map((room) => this.track(room.unload())), ...this.unloading]);
    await this.queue.drain();
  }

  private async allRooms(): Promise<Room[]> {
    const loaded = await Promise.all([...this.entries.values()].map((entry) => entry.ready.catch(() => null)));
    return loaded.filter((room): room is Room => room !== null && room.isOpen);
  }

  private getOrLoad(id: string, onStored?: (stored: StoredDoc) => Promise<void> | void): Promise<Room | null> {
    const existing = this.entries.get(id);
    if (existing) return existing.ready;
    const ready = this.load(id, onStored).then(
      (room) => {
        if (this.entries.get(id) === entry) {
          if (room === null) this.entries.delete(id);
          else entry.room = room;
        }
        return room;
      },
      (error: unknown) => {
        if (this.entries.get(id) === entry) this.entries.delete(id);
        throw error;
      },
    );
    const entry: Entry = { ready, room: null };
    this.entries.set(id, entry);
    return ready;
  }

  private async load(id: string, onStored?: (stored: StoredDoc) => Promise<void> | void): Promise<Room | null> {
    const { storage, log, flushIntervalMs, compactThreshold, unloadGraceMs } = this.options;
    const stored = await this.queue.run(id, () => storage.loadDoc(id));
    if (stored === null) return null;
    // The peer that caused the load may be served from the stored bytes before the doc is rebuilt (see sync.ts);
    // the rebuild waits until that answer is on its way, since it holds the event loop for a while.
    try {
      await onStored?.(stored);
    } catch (error) {
      log.error(`answering from the stored state of analysis ${id} failed`, error);
    }
    const { doc, skipped } = restoreDoc(stored);
    if (skipped > 0) log.error(`analysis ${id}: ${skipped} stored updates could not be applied`);
    return new Room(
      id,
      doc,
      { rows: stored.updates.length, lastUpdateId: stored.lastUpdateId },
      {
        storage,
        queue: this.queue,
        log,
        flushIntervalMs,
        compactThreshold,
        unloadGraceMs,
        onIdle: (room) => this.unloadIdle(room),
      },
    );
  }

  private unloadIdle(room: Room): void {
    const entry = this.entries.get(room.id);
    if (entry?.room !== room) return;
    this.entries.delete(room.id);
    void this.track(room.unload());
  }

  private track(unload: Promise<void>): Promise<void> {
    const tracked = unload.catch((error: unknown) => this.options.log.error('unloading a room failed', error));
    this.unloading.add(tracked);
    void tracked.finally(() => this.unloading.delete(tracked));
    return tracked;
  }
}
