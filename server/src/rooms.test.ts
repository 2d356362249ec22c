import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { silentLogger } from './log.ts';
import { AWARENESS_RELAY_MS, type RoomPeer } from './room.ts';
import { RoomManager } from './rooms.ts';
import { DB_FILE_NAME, openSqliteStorage } from './storage/sqliteStorage.ts';
import type { Storage } from './storage/storage.ts';
import { Teardown, makeTempDir, sleep, storedSize, waitFor } from './testing.ts';

const HASHES = { facilitator: 'f'.repeat(64), editor: 'e'.repeat(64), viewer: 'v'.repeat(64) };
const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** A peer that records what the room sends it. */
class FakePeer implements RoomPeer {
  readonly docUpdates: Uint8Array[] = [];
  readonly awarenessUpdates: Uint8Array[] = [];
  closedWith: number | null = null;
  sendDocUpdate(update: Uint8Array): void {
    this.docUpdates.push(update);
  }
  sendAwarenessUpdate(update: Uint8Array): void {
    this.awarenessUpdates.push(update);
  }
  close(code: number): void {
    this.closedWith = code;
  }
}

let teardown: Teardown;
let dbFile: string;
let storage: Storage;

function makeManager(
  overrides: Partial<{ unloadGraceMs: number; compactThreshold: number; flushIntervalMs: number; storage: Storage }> = {},
): RoomManager {
  const rooms = new RoomManager({
    storage,
    log: silentLogger,
    flushIntervalMs: 10,
    compactThreshold: 500,
    unloadGraceMs: 50,
    ...overrides,
  });
  teardown.add(() => rooms.closeAll(1001, 'test over'));
  return rooms;
}

/**
 * A fake clock for the room's timers (flush, unload grace, awareness relay): setTimeout, clearTimeout and Date only.
 * The SQLite engine of these tests runs on this thread and commits on setImmediate, which stays real.
 */
function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  teardown.add(() => vi.useRealTimers());
}

/**
 * Moves the fake clock on by `ms`, running the timers due, and lets the storage work they started finish: a commit
 * waits for one turn of the event loop (setImmediate), the keyed queue for promises. Counts turns, not time.
 */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
}

async function createEmpty(id: string): Promise<void> {
  const doc = new Y.Doc();
  getMaps(doc).meta.set('title', 'start');
  await storage.createAnalysis(id, HASHES, Y.encodeStateAsUpdate(doc));
  doc.destroy();
}

beforeEach(async () => {
  teardown = new Teardown();
  dbFile = path.join(makeTempDir(teardown), DB_FILE_NAME);
  storage = openSqliteStorage(dbFile);
  teardown.add(() => storage.close());
  await createEmpty(ID);
});

afterEach(async () => {
  await teardown.run();
});

describe('rooms', () => {
  it('concurrent joins share one load', async () => {
    const rooms = makeManager();
    const [a, b] = await Promise.all([rooms.join(ID, new FakePeer()), rooms.join(ID, new FakePeer())]);
    expect(a).not.toBeNull();
    expect(a).toBe(b);
    expect(a!.peerCount).toBe(2);
  });

  it('an unknown analysis gives null and is not kept', async () => {
    const rooms = makeManager();
    expect(await rooms.join('BBBBBBBBBBBBBBBBBBBBBB', new FakePeer())).toBeNull();
    expect(rooms.loadedIds()).toEqual([]);
  });

  it('relays an update to every peer except its origin', async () => {
    const rooms = makeManager();
    const sender = new FakePeer();
    const other = new FakePeer();
    const room = (await rooms.join(ID, sender))!;
    room.join(other);
    addFactor(room.doc, sender, { label: 'x', position: { x: 0, y: 0 } });
    expect(sender.docUpdates).toHaveLength(0);
    expect(other.docUpdates).toHaveLength(1);
  });

  it('batches updates into the log within the flush interval', async () => {
    useFakeClock();
    const rooms = makeManager({ flushIntervalMs: 30 });
    const peer = new FakePeer();
    const room = (await rooms.join(ID, peer))!;
    for (let i = 0; i < 5; i++) addFactor(room.doc, peer, { label: `f${i}`, position: { x: 0, y: 0 } });
    expect(storedSize(dbFile, ID).logRows).toBe(0);
    await advance(30);
    expect(storedSize(dbFile, ID).logRows).toBe(5);
  });

  it('unloads after the grace period: stores one snapshot, forgets the room, reloads with the content', async () => {
    useFakeClock();
    const rooms = makeManager({ unloadGraceMs: 50 });
    const peer = new FakePeer();
    const room = (await rooms.join(ID, peer))!;
    const f = addFactor(room.doc, peer, { label: 'blijft', position: { x: 0, y: 0 } });
    await advance(10);
    expect(storedSize(dbFile, ID).logRows).toBe(1);
    room.leave(peer);
    await advance(49);
    expect(rooms.loadedIds()).toEqual([ID]);
    await advance(1);
    expect(rooms.loadedIds()).toEqual([]);
    expect(storedSize(dbFile, ID).logRows).toBe(0);

    const again = (await rooms.join(ID, new FakePeer()))!;
    expect(again).not.toBe(room);
    expect(getMaps(again.doc).factors.has(f)).toBe(true);
  });

  it('a join within the grace period cancels the unload', async () => {
    useFakeClock();
    const rooms = makeManager({ unloadGraceMs: 80 });
    const first = new FakePeer();
    const room = (await rooms.join(ID, first))!;
    room.leave(first);
    await advance(79);
    const second = await rooms.join(ID, new FakePeer());
    expect(second).toBe(room);
    // Long past the grace period, with every timer run: none was left to unload the room.
    await advance(10_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(rooms.loadedIds()).toEqual([ID]);
    expect(room.isOpen).toBe(true);
  });

  it('a load right after an unload sees everything the unload stored', async () => {
    // Slow writes, as over a network: a load that did not wait for them would miss the updates.
    const slowWrites: Storage = {
      ...storage,
      appendUpdates: async (id, updates) => {
        await sleep(40);
        return storage.appendUpdates(id, updates);
      },
      compact: async (id, snapshot, upTo) => {
        await sleep(40);
        return storage.compact(id, snapshot, upTo);
      },
    };
    const rooms = makeManager({ unloadGraceMs: 0, flushIntervalMs: 10_000, storage: slowWrites });
    const peer = new FakePeer();
    const room = (await rooms.join(ID, peer))!;
    const ids = Array.from({ length: 50 }, (_, i) => addFactor(room.doc, peer, { label: `f${i}`, position: { x: 0, y: 0 } }));
    room.leave(peer);
    // Join again as soon as the room is forgotten, while its final write may still be running.
    await waitFor(() => rooms.loadedIds().length === 0, 'unloading started', 1_000);
    const again = (await rooms.join(ID, new FakePeer()))!;
    expect(ids.every((id) => getMaps(again.doc).factors.has(id))).toBe(true);
  });

  it('compacts when the log passes the threshold', async () => {
    useFakeClock();
    const rooms = makeManager({ compactThreshold: 10, flushIntervalMs: 5 });
    const peer = new FakePeer();
    const room = (await rooms.join(ID, peer))!;
    // One flush per update, so the log grows row by row past the threshold.
    for (let i = 0; i < 25; i++) {
      addFactor(room.doc, peer, { label: `f${i}`, position: { x: 0, y: 0 } });
      await advance(5);
    }
    await room.flush();
    expect(storedSize(dbFile, ID).logRows).toBeLessThanOrEqual(10);
    const stored = (await storage.loadDoc(ID))!;
    const doc = new Y.Doc();
    for (const update of [stored.snapshot!, ...stored.updates]) Y.applyUpdate(doc, update);
    expect(getMaps(doc).factors.size).toBe(25);
    doc.destroy();
  });

  it('delete closes the peers with the given code and erases the analysis', async () => {
    useFakeClock();
    const rooms = makeManager();
    const peer = new FakePeer();
    const room = (await rooms.join(ID, peer))!;
    addFactor(room.doc, peer, { label: 'weg', position: { x: 0, y: 0 } });
    await rooms.delete(ID, 4404, 'analysis deleted');
    expect(peer.closedWith).toBe(4404);
    expect(room.isOpen).toBe(false);
    expect(await storage.exists(ID)).toBe(false);
    // A pending flush of the dropped room must not bring anything back: every timer has run, none is left.
    await advance(10_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(storedSize(dbFile, ID)).toEqual({ logRows: 0, logBytes: 0, snapshotBytes: 0 });
    expect(await rooms.join(ID, new FakePeer())).toBeNull();
  });

  it('removes the awareness states a peer controlled when it leaves', async () => {
    useFakeClock();
    const rooms = makeManager();
    const leaving = new FakePeer();
    const staying = new FakePeer();
    const room = (await rooms.join(ID, leaving))!;
    room.join(staying);
    const clientDoc = new Y.Doc();
    const { Awareness, encodeAwarenessUpdate, applyAwarenessUpdate } = await import('y-protocols/awareness');
    const clientAwareness = new Awareness(clientDoc);
    clientAwareness.setLocalState({ user: { name: 'Anna' } });
    applyAwarenessUpdate(room.awareness, encodeAwarenessUpdate(clientAwareness, [clientDoc.clientID]), leaving);
    expect(room.awareness.getStates().has(clientDoc.clientID)).toBe(true);
    room.leave(leaving);
    expect(room.awareness.getStates().has(clientDoc.clientID)).toBe(false);
    // Relayed together after AWARENESS_RELAY_MS: the peer that stays hears only the outcome, the state removed.
    expect(staying.awarenessUpdates).toHaveLength(0);
    await advance(AWARENESS_RELAY_MS);
    expect(staying.awarenessUpdates).toHaveLength(1);
    const relayed = new Awareness(new Y.Doc());
    applyAwarenessUpdate(relayed, encodeAwarenessUpdate(clientAwareness, [clientDoc.clientID]), 'test');
    applyAwarenessUpdate(relayed, staying.awarenessUpdates.at(-1)!, 'test');
    expect(relayed.getStates().has(clientDoc.clientID)).toBe(false);
    clientDoc.destroy();
  });
});
