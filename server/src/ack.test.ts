/**
 * Issue 13: the connection state tells the truth within 2 s. A client that offers `samenzicht.ack` gets its pings
 * answered and is told which of its edits are committed to storage, only after the commit; a stock client never
 * sees these messages; a bad ping or watch closes that one connection.
 */
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket } from 'ws';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import {
  ACK_PROTOCOL,
  MESSAGE_SAMENZICHT,
  encodePing,
  encodeWatch,
  parseAckAnswer,
  type AckAnswer,
} from '@samenzicht/shared/sync/ackProtocol';
import { silentLogger } from './log.ts';
import type { RoomPeer } from './room.ts';
import { RoomManager } from './rooms.ts';
import { DB_FILE_NAME, openSqliteStorage } from './storage/sqliteStorage.ts';
import type { Storage } from './storage/storage.ts';
import {
  Teardown,
  connectClient,
  createAnalysis,
  makeTempDir,
  readDb,
  startTestServer,
  waitFor,
  within,
  type TestServer,
} from './testing.ts';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const HASHES = { facilitator: 'f'.repeat(64), editor: 'e'.repeat(64), viewer: 'v'.repeat(64) };

let teardown: Teardown;
beforeEach(() => {
  teardown = new Teardown();
});
afterEach(async () => {
  await teardown.run();
});

/** The Yjs update message a client sends for a local change. */
function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The clock of `clientId` in everything stored for `id` (snapshot and log), read from the database file. */
function storedClockInDb(dbFile: string, id: string, clientId: number): number {
  const rows = readDb(dbFile, (db) => [
    ...(db.prepare('SELECT data FROM snapshots WHERE analysis_id = ?').all(id) as Array<{ data: Uint8Array }>),
    ...(db.prepare('SELECT data FROM updates WHERE analysis_id = ? ORDER BY id').all(id) as Array<{ data: Uint8Array }>),
  ]);
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
  return Y.decodeStateVector(Y.encodeStateVector(doc)).get(clientId) ?? 0;
}

describe('Room: stored acknowledgements', () => {
  class WatchingPeer implements RoomPeer {
    notified = 0;
    sendDocUpdate(): void {}
    sendAwarenessUpdate(): void {}
    close(): void {}
    storedChanged(): void {
      this.notified++;
    }
  }

  async function openRoom(storage: Storage) {
    const rooms = new RoomManager({ storage, log: silentLogger, flushIntervalMs: 10_000, compactThreshold: 500, unloadGraceMs: 50 });
    teardown.add(() => rooms.closeAll(1001, 'test over'));
    const peer = new WatchingPeer();
    const room = (await rooms.join(ID, peer))!;
    return { room, peer };
  }

  async function makeStorage(): Promise<Storage> {
    const storage = openSqliteStorage(path.join(makeTempDir(teardown), DB_FILE_NAME));
    teardown.add(() => storage.close());
    await storage.createAnalysis(ID, HASHES, Y.encodeStateAsUpdate(new Y.Doc()));
    return storage;
  }

  it('moves the stored clock of a client only once its batch is committed', async () => {
    const storage = await makeStorage();
    let release: () => void = () => {};
    let committed = false;
    let started = false;
    const gated: Storage = {
      ...storage,
      appendUpdates: async (id, updates) => {
        started = true;
        await new Promise<void>((resolve) => (release = resolve));
        const last = await storage.appendUpdates(id, updates);
        committed = true;
        return last;
      },
    };
    const { room, peer } = await openRoom(gated);
    const author = new Y.Doc();
    addFactor(author, null, { label: 'Schaamte', position: { x: 0, y: 0 } });
    Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(author), peer);
    const clock = Y.decodeStateVector(Y.encodeStateVector(author)).get(author.clientID)!;
    expect(clock).toBeGreaterThan(0);

    const flushed = room.flush();
    await waitFor(() => started, 'the write started');
    // Written to nobody yet: nothing is acknowledged.
    expect(room.storedClock(author.clientID)).toBe(0);
    expect(peer.notified).toBe(0);
    release();
    await flushed;
    expect(committed).toBe(true);
    expect(room.storedClock(author.clientID)).toBe(clock);
    expect(peer.notified).toBe(1);
  });

  it('acknowledges nothing of a batch whose write failed, until it is written again', async () => {
    const storage = await makeStorage();
    let failNext = true;
    const flaky: Storage = {
      ...storage,
      appendUpdates: async (id, updates) => {
        if (failNext) {
          failNext = false;
          throw new Error('disk full (test)');
        }
        return storage.appendUpdates(id, updates);
      },
    };
    const { room, peer } = await openRoom(flaky);
    const author = new Y.Doc();
    addFactor(author, null, { label: 'Schulden', position: { x: 0, y: 0 } });
    Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(author), peer);
    await expect(room.flush()).rejects.toThrow('disk full');
    expect(room.storedClock(author.clientID)).toBe(0);
    expect(peer.notified).toBe(0);
    await room.flush();
    expect(room.storedClock(author.clientID)).toBeGreaterThan(0);
    expect(peer.notified).toBe(1);
  });
});

describe('sync: pings and stored acknowledgements', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer(teardown);
  });

  interface AckClient {
    socket: WebSocket;
    answers: AckAnswer[];
    other: Uint8Array[];
    closed: Promise<number>;
  }

  async function openAck(id: string, token: string): Promise<AckClient> {
    const socket = new WebSocket(`${t.syncUrl}/${id}`, ['samenzicht', `samenzicht.token.${token}`, ACK_PROTOCOL]);
    const client: AckClient = {
      socket,
      answers: [],
      other: [],
      closed: new Promise<number>((resolve) => socket.on('close', (code) => resolve(code))),
    };
    socket.on('message', (data) => {
      const bytes = new Uint8Array(data as Buffer);
      const decoder = decoding.createDecoder(bytes);
      if (decoding.readVarUint(decoder) === MESSAGE_SAMENZICHT) {
        const answer = parseAckAnswer(decoding.readTailAsUint8Array(decoder));
        if (answer) client.answers.push(answer);
      } else client.other.push(bytes);
    });
    socket.on('error', () => {});
    teardown.add(() => socket.terminate());
    await within(new Promise((resolve) => socket.once('open', resolve)), 'socket open');
    return client;
  }

  it('answers pings at once and tells which edits are stored, only once they are on disk', async () => {
    const { id, tokens } = await createAnalysis(t.url, { title: 'Ack' });
    const client = await openAck(id, tokens.editor);
    // The server selects the ack subprotocol: that is how the web app knows it may send pings.
    expect(client.socket.protocol).toBe(ACK_PROTOCOL);
    client.socket.send(encodePing(7));
    await waitFor(() => client.answers.some((a) => a.type === 'pong' && a.seq === 7), 'pong 7');

    const author = new Y.Doc();
    client.socket.send(encodeWatch(author.clientID));
    await waitFor(() => client.answers.some((a) => a.type === 'stored' && a.clientId === author.clientID && a.clock === 0), 'stored 0');

    author.on('update', (update: Uint8Array) => client.socket.send(updateMessage(update)));
    addFactor(author, null, { label: 'Schaamte', position: { x: 0, y: 0 } });
    addFactor(author, null, { label: 'Schulden', position: { x: 200, y: 0 } });
    const clock = Y.decodeStateVector(Y.encodeStateVector(author)).get(author.clientID)!;
    await waitFor(() => client.answers.some((a) => a.type === 'stored' && a.clock === clock), 'stored up to the last edit');
    // Whatever the server said was stored is in the database file, read by another connection.
    for (const answer of client.answers) {
      if (answer.type === 'stored') expect(storedClockInDb(t.dbFile, id, answer.clientId)).toBeGreaterThanOrEqual(answer.clock);
    }
  });

  it('a stock client is unaffected: it syncs with an ack client and never gets a ping or stored message', async () => {
    const { id, tokens } = await createAnalysis(t.url, { title: 'Stock' });
    const stock = connectClient(teardown, t.syncUrl, id, tokens.editor);
    const received: number[] = [];
    stock.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected')
        stock.provider.ws?.addEventListener('message', (event) => received.push(new Uint8Array(event.data as ArrayBuffer)[0]!));
    });
    await within(stock.synced, 'stock client synced');
    const ack = await openAck(id, tokens.editor);
    const author = new Y.Doc();
    ack.socket.send(encodeWatch(author.clientID));
    author.on('update', (update: Uint8Array) => ack.socket.send(updateMessage(update)));
    addFactor(author, null, { label: 'Schaamte', position: { x: 0, y: 0 } }, 'f1');
    await waitFor(() => stock.doc.getMap('factors').has('f1'), 'the ack client’s edit reached the stock client');
    addFactor(stock.doc, null, { label: 'Steun', position: { x: 0, y: 100 } }, 'f2');
    await waitFor(() => ack.answers.some((a) => a.type === 'stored' && a.clock > 0), 'the edit was stored');
    await waitFor(() => storedClockInDb(t.dbFile, id, stock.doc.clientID) > 0, 'the stock client’s edit was stored');
    expect(received.length).toBeGreaterThan(0);
    expect(received.filter((type) => type === MESSAGE_SAMENZICHT)).toEqual([]);
    expect(stock.provider.wsconnected).toBe(true);
  });

  it('a bad ping or watch closes only that connection; without the subprotocol a ping is an unknown message', async () => {
    const { id, tokens } = await createAnalysis(t.url, { title: 'Bad' });
    const stock = connectClient(teardown, t.syncUrl, id, tokens.editor);
    await within(stock.synced, 'stock client synced');
    const good = await openAck(id, tokens.editor);

    for (const bad of [
      [MESSAGE_SAMENZICHT],
      [MESSAGE_SAMENZICHT, 0],
      [MESSAGE_SAMENZICHT, 9, 1],
      [MESSAGE_SAMENZICHT, 0, 1, 2],
      [MESSAGE_SAMENZICHT, 2, 0xff],
    ]) {
      const client = await openAck(id, tokens.editor);
      client.socket.send(new Uint8Array(bad));
      expect(await within(client.closed, `closed after ${JSON.stringify(bad)}`)).toBe(4400);
    }
    // A client that did not offer the subprotocol may not send one either (as before this message type existed).
    const plain = new WebSocket(`${t.syncUrl}/${id}?token=${tokens.editor}`);
    const plainClosed = new Promise<number>((resolve) => plain.on('close', (code) => resolve(code)));
    plain.on('error', () => {});
    teardown.add(() => plain.terminate());
    await within(new Promise((resolve) => plain.once('open', resolve)), 'plain socket open');
    plain.send(encodePing(1));
    expect(await within(plainClosed, 'plain client closed')).toBe(4400);

    // The others go on: the good ack client still gets pongs, and an edit still reaches the stock client.
    good.socket.send(encodePing(42));
    await waitFor(() => good.answers.some((a) => a.type === 'pong' && a.seq === 42), 'pong 42');
    const author = new Y.Doc();
    author.on('update', (update: Uint8Array) => good.socket.send(updateMessage(update)));
    addFactor(author, null, { label: 'Na de fout', position: { x: 0, y: 0 } }, 'f9');
    await waitFor(() => stock.doc.getMap('factors').has('f9'), 'edit relayed after the bad messages');
  });
});
