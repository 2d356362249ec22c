/**
 * Awareness under load: many people moving their cursors at once, a peer announcing far more states than a
 * client has, and removals of client ids nobody ever announced. Found by fuzzing and by the cursor storm below:
 * before, the room relayed every change on its own (and the stock client sends each one straight back, so every
 * client was cut off by the rate limit from nine moving cursors on), and y-protocols' clocks piled up without end.
 */
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { CLOSE_CODES } from '../closeCodes.ts';
import { silentLogger } from '../log.ts';
import { MAX_AWARENESS_STATES_PER_PEER, MAX_STALE_AWARENESS_CLOCKS, type RoomPeer } from '../room.ts';
import { RoomManager } from '../rooms.ts';
import { DB_FILE_NAME, openSqliteStorage } from '../storage/sqliteStorage.ts';
import { Teardown, connectClient, connectRaw, createAnalysis, makeTempDir, sleep, startTestServer, waitFor, within } from '../testing.ts';

let teardown: Teardown;

beforeEach(() => {
  teardown = new Teardown();
});

afterEach(async () => {
  await teardown.run();
});

/** An awareness update with `count` entries from client id `firstId` on, each with `state` (null removes). */
function awarenessUpdate(firstId: number, count: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(encoder, firstId + i);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/** The same as a y-websocket message (type 1). */
function awarenessMessage(firstId: number, count: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, awarenessUpdate(firstId, count, clock, state));
  return encoding.toUint8Array(encoder);
}

describe('awareness under load', () => {
  it('sixteen stock clients moving their cursors 25 times a second stay connected and see each other', async () => {
    const server = await startTestServer(teardown);
    const { id, tokens } = await createAnalysis(server.url);
    const clients = Array.from({ length: 16 }, () => connectClient(teardown, server.syncUrl, id, tokens.editor));
    await Promise.all(clients.map((c) => c.synced));
    const closes: number[] = [];
    for (const c of clients) c.provider.on('connection-close', (event: CloseEvent | null) => void (event && closes.push(event.code)));

    // As the web app does: the latest cursor at most every 40 ms (web/src/sync/session.ts), for 4 s.
    const started = Date.now();
    for (let tick = 0; Date.now() - started < 4_000; tick++) {
      for (const [i, c] of clients.entries()) c.provider.awareness.setLocalStateField('cursor', { x: tick, y: i });
      await sleep(40);
    }
    const last = (i: number): unknown => clients[i]!.provider.awareness.getLocalState()?.cursor;
    await waitFor(
      () => clients.every((c) => clients.every((other, j) => JSON.stringify(c.provider.awareness.getStates().get(other.doc.clientID)?.cursor) === JSON.stringify(last(j)))),
      'every client sees every latest cursor',
    );
    expect(closes).toEqual([]);
    expect(clients.every((c) => c.provider.wsconnected)).toBe(true);
  });

  it(`a peer announcing more than ${MAX_AWARENESS_STATES_PER_PEER} states is closed with 4429 and its states go away`, async () => {
    const server = await startTestServer(teardown);
    const { id, tokens } = await createAnalysis(server.url);
    const watcher = connectClient(teardown, server.syncUrl, id, tokens.viewer);
    await watcher.synced;
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await raw.opened;
    await waitFor(() => raw.messages.length > 0, 'joined');
    raw.socket.send(awarenessMessage(1_000, MAX_AWARENESS_STATES_PER_PEER + 1, 1, { user: { name: 'veel' } }));
    expect((await within(raw.closed, 'closed')).code).toBe(CLOSE_CODES.tooManyMessages);
    await sleep(100);
    expect([...watcher.provider.awareness.getStates().keys()]).toEqual([watcher.doc.clientID]);

    // A client with a few tabs open in one browser stays.
    const tabs = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await tabs.opened;
    tabs.socket.send(awarenessMessage(5_000, 5, 1, { user: { name: 'tab' } }));
    await waitFor(() => watcher.provider.awareness.getStates().has(5_004), 'the tabs are seen');
    expect(tabs.socket.readyState).toBe(tabs.socket.OPEN);
  });

  it('removals of client ids nobody announced do not pile up in the room', async () => {
    const storage = openSqliteStorage(path.join(makeTempDir(teardown), DB_FILE_NAME));
    teardown.add(() => storage.close());
    const doc = new Y.Doc();
    await storage.createAnalysis('AAAAAAAAAAAAAAAAAAAAAA', { facilitator: 'f', editor: 'e', viewer: 'v' }, Y.encodeStateAsUpdate(doc));
    const rooms = new RoomManager({ storage, log: silentLogger, flushIntervalMs: 10, compactThreshold: 500, unloadGraceMs: 50 });
    teardown.add(() => rooms.closeAll(1001, 'test over'));
    const peer: RoomPeer = { sendDocUpdate() {}, sendAwarenessUpdate() {}, close() {} };
    const room = (await rooms.join('AAAAAAAAAAAAAAAAAAAAAA', peer))!;

    for (let m = 0; m < 400; m++) {
      room.applyAwarenessUpdate(awarenessUpdate(10_000 + m * 50, 50, 3, null), peer);
    }
    // 20,000 ids were named; y-protocols alone would keep a clock for each of them as long as the room lives.
    expect(room.awareness.meta.size).toBeLessThanOrEqual(room.awareness.getStates().size + MAX_STALE_AWARENESS_CLOCKS + 50);
    expect(awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...room.awareness.meta.keys()]).length).toBeGreaterThan(0);
  });

  it("a viewer cannot change or remove another person's presence; the same link reconnecting can take its id over", async () => {
    const server = await startTestServer(teardown);
    const { id, tokens } = await createAnalysis(server.url);
    const editor = connectClient(teardown, server.syncUrl, id, tokens.editor);
    const watcher = connectClient(teardown, server.syncUrl, id, tokens.viewer);
    await Promise.all([editor.synced, watcher.synced]);
    editor.provider.awareness.setLocalStateField('user', { name: 'Sanne' });
    const nameSeen = (): unknown => (watcher.provider.awareness.getStates().get(editor.doc.clientID) as { user?: { name?: string } } | undefined)?.user?.name;
    await waitFor(() => nameSeen() === 'Sanne', 'the editor is seen');

    const viewer = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.viewer}`);
    await viewer.opened;
    await waitFor(() => viewer.messages.length > 0, 'joined');
    // Everything the watcher hears about the editor from now on.
    const heard: string[] = [];
    watcher.provider.awareness.on('change', ({ updated, removed }: { updated: number[]; removed: number[] }) => {
      if (updated.includes(editor.doc.clientID)) heard.push(String(nameSeen()));
      if (removed.includes(editor.doc.clientID)) heard.push('removed');
    });
    viewer.socket.send(awarenessMessage(editor.doc.clientID, 1, 1_000, { user: { name: 'Nep' } }));
    await sleep(300);
    viewer.socket.send(awarenessMessage(editor.doc.clientID, 1, 1_001, null));
    await sleep(300);
    expect(heard).toEqual([]);
    expect(nameSeen()).toBe('Sanne');
    expect(viewer.socket.readyState).toBe(viewer.socket.OPEN);

    // The editor's link on a new socket (as after a network switch, before the old one is noticed gone) may.
    const again = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await again.opened;
    await waitFor(() => again.messages.length > 0, 'joined');
    again.socket.send(awarenessMessage(editor.doc.clientID, 1, 2_000, { user: { name: 'Sanne (telefoon)' } }));
    await waitFor(() => nameSeen() === 'Sanne (telefoon)', 'the new connection took the id over');
  });
});
