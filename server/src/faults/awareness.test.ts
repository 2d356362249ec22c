/**
 * Awareness under load: many people moving their cursors at once, a peer announcing far more states than a
 * client has, and removals of client ids nobody ever announced (ignored since presence is owned per socket, see
 * presence.test.ts). Found by fuzzing and by the cursor storm below:
 * before, the room relayed every change on its own (and the stock client sends each one straight back, so every
 * client was cut off by the rate limit from nine moving cursors on), and y-protocols' clocks piled up without end.
 */
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CLOSE_CODES } from '../closeCodes.ts';
import { silentLogger } from '../log.ts';
import { MAX_AWARENESS_STATES_PER_PEER, MAX_STALE_AWARENESS_CLOCKS, type RoomPeer } from '../room.ts';
import { RoomManager } from '../rooms.ts';
import { DB_FILE_NAME, openSqliteStorage } from '../storage/sqliteStorage.ts';
import { Teardown, connectClient, connectRaw, createAnalysis, makeTempDir, sleep, startTestServer, waitFor, within } from '../testing.ts';
import { awarenessMessage, awarenessUpdate, hear, nameOf } from './presenceWire.ts';

let teardown: Teardown;

beforeEach(() => {
  teardown = new Teardown();
});

afterEach(async () => {
  await teardown.run();
});

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
      () =>
        clients.every((c) =>
          clients.every(
            (other, j) => JSON.stringify(c.provider.awareness.getStates().get(other.doc.clientID)?.cursor) === JSON.stringify(last(j)),
          ),
        ),
      'every client sees every latest cursor',
    );
    expect(closes).toEqual([]);
    expect(clients.every((c) => c.provider.wsconnected)).toBe(true);
  });

  it(`a peer announcing more than ${MAX_AWARENESS_STATES_PER_PEER} states is closed with 4429 and nobody sees them`, async () => {
    const server = await startTestServer(teardown);
    const { id, tokens } = await createAnalysis(server.url);
    const watcher = connectClient(teardown, server.syncUrl, id, tokens.viewer);
    await watcher.synced;
    const seen = new Set<number>();
    watcher.provider.awareness.on('change', ({ added }: { added: number[] }) => added.forEach((clientId) => seen.add(clientId)));
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await raw.opened;
    await waitFor(() => raw.messages.length > 0, 'joined');
    raw.socket.send(awarenessMessage(1_000, MAX_AWARENESS_STATES_PER_PEER + 1, 1, { user: { name: 'veel' } }));
    expect((await within(raw.closed, 'closed')).code).toBe(CLOSE_CODES.tooManyMessages);

    // A client with a few tabs open in one browser stays; once its tabs are seen, the flood would have been too.
    const tabs = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await tabs.opened;
    tabs.socket.send(awarenessMessage(5_000, 5, 1, { user: { name: 'tab' } }));
    await waitFor(() => watcher.provider.awareness.getStates().has(5_004), 'the tabs are seen');
    expect([...seen].filter((clientId) => clientId < 5_000)).toEqual([]);
    expect(tabs.socket.readyState).toBe(tabs.socket.OPEN);
  });

  it('removals of client ids nobody announced do not pile up in the room', async () => {
    const storage = openSqliteStorage(path.join(makeTempDir(teardown), DB_FILE_NAME));
    teardown.add(() => storage.close());
    const doc = new Y.Doc();
    await storage.createAnalysis('AAAAAAAAAAAAAAAAAAAAAA', { facilitator: 'f', editor: 'e', viewer: 'v' }, Y.encodeStateAsUpdate(doc));
    const rooms = new RoomManager({ storage, log: silentLogger, flushIntervalMs: 10, compactThreshold: 500, unloadGraceMs: 50 });
    teardown.add(() => rooms.closeAll(1001, 'test over'));
    let relays = 0;
    const peer: RoomPeer = { sendDocUpdate() {}, sendAwarenessUpdate: () => void relays++, close() {} };
    const room = (await rooms.join('AAAAAAAAAAAAAAAAAAAAAA', peer))!;

    for (let m = 0; m < 400; m++) {
      room.applyAwarenessUpdate(awarenessUpdate(10_000 + m * 50, 50, 3, null), peer);
    }
    // A peer that announces a few ids and removes them again, over and over, leaves clocks without states too.
    for (let m = 0; m < 4_000; m++) {
      room.applyAwarenessUpdate(awarenessUpdate(100_000 + m * 5, 5, 1, { user: { name: 'kort' } }), peer);
      room.applyAwarenessUpdate(awarenessUpdate(100_000 + m * 5, 5, 2, null), peer);
      // Clocks of changes not relayed yet are kept; the relay runs every AWARENESS_RELAY_MS, as between messages.
      if (m % 500 === 499) {
        const before = relays;
        await waitFor(() => relays > before, 'relayed');
      }
    }
    // Any next message sweeps what the last relay sent.
    room.applyAwarenessUpdate(awarenessUpdate(1, 1, 1, null), peer);
    // 40,000 ids were named; y-protocols alone would keep a clock for each of them as long as the room lives.
    expect(room.awareness.getStates().size).toBe(0);
    expect(room.awareness.meta.size).toBeLessThanOrEqual(MAX_STALE_AWARENESS_CLOCKS + 50);
    expect(awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...room.awareness.meta.keys()]).length).toBeGreaterThan(0);
  });

  it("a viewer cannot change or remove another link's presence, and is not closed for trying", async () => {
    const server = await startTestServer(teardown);
    const { id, tokens } = await createAnalysis(server.url);
    const editor = connectClient(teardown, server.syncUrl, id, tokens.editor);
    const watcher = connectClient(teardown, server.syncUrl, id, tokens.viewer);
    await Promise.all([editor.synced, watcher.synced]);
    editor.provider.awareness.setLocalStateField('user', { name: 'Sanne' });
    const nameSeen = (): unknown => nameOf(watcher, editor.doc.clientID);
    await waitFor(() => nameSeen() === 'Sanne', 'the editor is seen');

    const viewer = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.viewer}`);
    await viewer.opened;
    await waitFor(() => viewer.messages.length > 0, 'joined');
    const heard = hear(watcher, editor.doc.clientID);
    viewer.socket.send(awarenessMessage(editor.doc.clientID, 1, 1_000, { user: { name: 'Nep' } }));
    viewer.socket.send(awarenessMessage(editor.doc.clientID, 1, 1_001, null));
    // The viewer's own state after the fakes: once it is seen, the fakes have been handled.
    viewer.socket.send(awarenessMessage(4_242, 1, 1, { user: { name: 'Kijker' } }));
    await waitFor(() => nameOf(watcher, 4_242) === 'Kijker', 'the marker is seen');
    expect(heard).toEqual([]);
    expect(nameSeen()).toBe('Sanne');
    expect(viewer.socket.readyState).toBe(viewer.socket.OPEN);
  });
});
