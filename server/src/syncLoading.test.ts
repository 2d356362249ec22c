/**
 * What a sync connection may send before it is let in: little before its token is checked, and anything within the
 * byte and rate limits while its room loads (which a busy server may take seconds for). The room load and the token
 * check are held open by the test, so no timing decides the outcome.
 */
import * as path from 'node:path';
import * as Y from 'yjs';
import { WebSocketServer } from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { AccessLog } from './accessLog.ts';
import { hashToken, newTokenSet, type TokenSet } from './auth.ts';
import { CLOSE_CODES } from './closeCodes.ts';
import { ConnectionRegistry } from './connections.ts';
import { silentLogger } from './log.ts';
import type { Room, RoomPeer } from './room.ts';
import { RoomManager } from './rooms.ts';
import { DB_FILE_NAME, openSqliteStorage } from './storage/sqliteStorage.ts';
import type { Storage, StoredDoc } from './storage/storage.ts';
import { acceptSyncConnection } from './sync.ts';
import { Teardown, connectClient, connectRaw, makeTempDir, waitFor, within } from './testing.ts';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const LOCAL = 'test';
/** More than MAX_EARLY_MESSAGES (sync.ts). */
const MESSAGES = 300;
/** A valid y-websocket message (query awareness). */
const QUERY_AWARENESS = new Uint8Array([3]);

/** A promise that the test resolves, and whether something waits for it yet. */
function gate(): { readonly open: () => void; readonly passed: Promise<void>; readonly reached: Promise<void>; wait(): Promise<void> } {
  let open!: () => void;
  let reach!: () => void;
  const passed = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return {
    open,
    passed,
    reached,
    wait() {
      reach();
      return passed;
    },
  };
}

let teardown: Teardown;
let tokens: TokenSet;
let storage: Storage;

beforeEach(async () => {
  teardown = new Teardown();
  storage = openSqliteStorage(path.join(makeTempDir(teardown), DB_FILE_NAME));
  teardown.add(() => storage.close());
  tokens = newTokenSet();
  const hashes = { facilitator: hashToken(tokens.facilitator), editor: hashToken(tokens.editor), viewer: hashToken(tokens.viewer) };
  const doc = new Y.Doc();
  await storage.createAnalysis(ID, hashes, Y.encodeStateAsUpdate(doc));
  doc.destroy();
});

afterEach(async () => {
  await teardown.run();
});

/**
 * A sync endpoint on port 0 whose token check and room load wait for the given gates: its ws:// base URL, its rooms, and
 * how many messages its sockets have handed to their connections so far.
 */
async function startEndpoint(gates: {
  token?: ReturnType<typeof gate>;
  load?: ReturnType<typeof gate>;
}): Promise<{ url: string; rooms: RoomManager; received: () => number }> {
  const checked: Storage = {
    ...storage,
    findRoleByTokenHash: async (id, hash) => {
      await gates.token?.wait();
      return storage.findRoleByTokenHash(id, hash);
    },
  };
  class SlowRooms extends RoomManager {
    override async join(id: string, peer: RoomPeer, onStored?: (stored: StoredDoc) => Promise<void> | void): Promise<Room | null> {
      await gates.load?.wait();
      return super.join(id, peer, onStored);
    }
  }
  const rooms = new SlowRooms({ storage, log: silentLogger, flushIntervalMs: 10, compactThreshold: 500, unloadGraceMs: 60_000 });
  teardown.add(() => rooms.closeAll(1001, 'test over'));
  const connections = new ConnectionRegistry({ maxPerAnalysis: 250, maxPerAddress: 100 });
  const accessLog = new AccessLog(storage, silentLogger);
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  teardown.add(() => new Promise((resolve) => wss.close(resolve)));
  let received = 0;
  wss.on('connection', (ws, req) => {
    const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
    acceptSyncConnection(ws, {
      id: ID,
      token,
      name: 'onbekend',
      address: req.socket.remoteAddress ?? 'unknown',
      storage: checked,
      rooms,
      log: silentLogger,
      accessLog,
      connections,
      maxMessagesPerSecond: 10_000,
      editLogIntervalMs: 60_000,
    });
    // Added after the connection's own listener, so it runs after it.
    ws.on('message', () => received++);
  });
  const { port } = wss.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}`, rooms, received: () => received };
}

describe('messages before a connection is let in', () => {
  it(`a client that edits on while its room loads (${MESSAGES} messages) is let in with every edit`, async () => {
    const load = gate();
    const { url, rooms, received } = await startEndpoint({ load });
    const client = connectClient(teardown, url, ID, tokens.editor);
    const closes: number[] = [];
    client.provider.on('connection-close', (event: CloseEvent | null) => void (event && closes.push(event.code)));
    // The token is checked, the room is loading, and the client sends each edit as it is made.
    await within(load.reached, 'the room starts loading');
    await waitFor(() => client.provider.wsconnected, 'the client is connected');
    const ids: string[] = [];
    const before = received();
    for (let i = 0; i < MESSAGES; i++) ids.push(addFactor(client.doc, LOCAL, { label: `f${i}`, position: { x: i, y: 0 } }));
    // Every edit reached the server while it still loads the room.
    await waitFor(() => received() >= before + MESSAGES || closes.length > 0, 'the server received every edit');
    load.open();
    await within(client.synced, 'the client is let in');
    const room = rooms.peek(ID)!;
    await waitFor(() => ids.every((f) => getMaps(room.doc).factors.has(f)), 'the room has every edit');
    expect(closes).toEqual([]);
    expect(client.provider.wsconnected).toBe(true);
  });

  it('a client that sends more than a few messages before its token is checked is closed with 4429', async () => {
    const token = gate();
    const { url } = await startEndpoint({ token });
    const raw = connectRaw(teardown, `${url}/${ID}?token=${tokens.editor}`);
    await raw.opened;
    await within(token.reached, 'the token check starts');
    for (let i = 0; i < MESSAGES; i++) raw.socket.send(QUERY_AWARENESS);
    expect((await within(raw.closed, 'closed')).code).toBe(CLOSE_CODES.tooManyMessages);
    token.open();
  });
});
