import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { addFactor, addLink, moveFactors, removeFactors, setTitle, updateFactors } from '@samenzicht/shared/ydoc/commands';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import type { WebSocket as WsSocket } from 'ws';
import { CLOSE_CODES } from './closeCodes.ts';
import {
  Teardown,
  connectClient,
  connectRaw,
  createAnalysis,
  seededRandom,
  sleep,
  startTestServer,
  waitFor,
  within,
  testSeed,
  type TestClient,
  type TestServer,
} from './testing.ts';

const LOCAL = 'test';

let teardown: Teardown;
let server: TestServer;

beforeEach(async () => {
  teardown = new Teardown();
  server = await startTestServer(teardown);
});

afterEach(async () => {
  await teardown.run();
});

function snapshotOf(client: TestClient): string {
  return JSON.stringify(readAnalysis(client.doc));
}

async function fetchFile(id: string, token: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}/api/analyses/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('sync between stock y-websocket clients', () => {
  it('two clients on one analysis converge', async () => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'Gezin Jansen' });
    const a = connectClient(teardown, server.syncUrl, id, tokens.facilitator);
    const b = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await Promise.all([a.synced, b.synced]);
    expect(readAnalysis(b.doc).title).toBe('Gezin Jansen');

    const f1 = addFactor(a.doc, LOCAL, { label: 'Schulden', kind: 'perpetuating', position: { x: 0, y: 0 } });
    const f2 = addFactor(b.doc, LOCAL, { label: 'Stress', kind: 'aggravating', position: { x: 100, y: 0 } });
    await waitFor(() => getMaps(a.doc).factors.has(f2) && getMaps(b.doc).factors.has(f1), 'both factors on both clients');
    addLink(a.doc, LOCAL, { from: f1, to: f2, polarity: '+' });
    updateFactors(b.doc, LOCAL, [f1], { label: 'Schulden bij de Belastingdienst' });
    setTitle(b.doc, LOCAL, 'Gezin Jansen — verklarende analyse');

    await waitFor(() => snapshotOf(a) === snapshotOf(b), 'clients converge');
    const analysis = readAnalysis(a.doc);
    expect(analysis.title).toBe('Gezin Jansen — verklarende analyse');
    expect(analysis.factors.map((f) => f.label).sort()).toEqual(['Schulden bij de Belastingdienst', 'Stress']);
    expect(analysis.links).toHaveLength(1);
    // The server holds the same state.
    const file = await fetchFile(id, tokens.viewer);
    expect(file.title).toBe('Gezin Jansen — verklarende analyse');
    expect((file.factors as unknown[]).length).toBe(2);
  });

  it('three clients converge after seeded random edits with disconnects', async () => {
    const seed = testSeed('SYNC_SEED', 1);
    const random = seededRandom(seed);
    const { id, tokens } = await createAnalysis(server.url, { title: 'Willekeurig' });
    const clients = [tokens.facilitator, tokens.editor, tokens.editor].map((token) => connectClient(teardown, server.syncUrl, id, token));
    await Promise.all(clients.map((c) => c.synced));

    for (let step = 0; step < 300; step++) {
      const client = clients[Math.floor(random() * clients.length)]!;
      const factorIds = [...getMaps(client.doc).factors.keys()];
      const pick = () => factorIds[Math.floor(random() * factorIds.length)];
      const action = random();
      if (action < 0.3 || factorIds.length < 2) {
        addFactor(client.doc, LOCAL, { label: `f${step}`, position: { x: step, y: 0 } });
      } else if (action < 0.5) {
        moveFactors(client.doc, LOCAL, [{ id: pick()!, position: { x: random() * 500, y: random() * 500 } }]);
      } else if (action < 0.65) {
        updateFactors(client.doc, LOCAL, [pick()!], { label: `label ${step}` });
      } else if (action < 0.8) {
        addLink(client.doc, LOCAL, { from: pick()!, to: pick()!, polarity: random() < 0.5 ? '+' : '-' });
      } else if (action < 0.9) {
        removeFactors(client.doc, LOCAL, [pick()!]);
      } else if (client.provider.wsconnected) {
        // Go offline for a while; edits made meanwhile must arrive after reconnecting.
        client.provider.disconnect();
        setTimeout(() => client.provider.connect(), 20 + random() * 100);
      }
      if (random() < 0.1) await sleep(random() * 20);
    }
    for (const client of clients) client.provider.connect();

    await waitFor(
      () => clients.every((c) => c.provider.synced && snapshotOf(c) === snapshotOf(clients[0]!)),
      `clients converge (seed ${seed}; rerun with SYNC_SEED=${seed})`,
      10_000,
    );
    const file = await fetchFile(id, tokens.viewer);
    expect((file.factors as unknown[]).length, `seed ${seed}`).toBe(readAnalysis(clients[0]!.doc).factors.length);
  });

  it('sends awareness to the others and removes it when a client leaves', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const a = connectClient(teardown, server.syncUrl, id, tokens.editor);
    const b = connectClient(teardown, server.syncUrl, id, tokens.viewer);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'Anna' });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Anna', 'b sees anna');
    b.provider.awareness.setLocalStateField('user', { name: 'Bram (kijker)' });
    await waitFor(() => a.provider.awareness.getStates().has(b.doc.clientID), 'a sees the viewer');

    // A client that vanishes without saying goodbye (no null awareness state) is removed by the server.
    a.provider.shouldConnect = false;
    (a.provider.ws as unknown as WsSocket).terminate();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'anna gone for b');
  });
});

describe('viewer', () => {
  it("a viewer's edits are neither applied, stored nor relayed", async () => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'Alleen kijken' });
    const editor = connectClient(teardown, server.syncUrl, id, tokens.editor);
    const viewer = connectClient(teardown, server.syncUrl, id, tokens.viewer);
    await Promise.all([editor.synced, viewer.synced]);

    addFactor(viewer.doc, LOCAL, { label: 'door de kijker', position: { x: 0, y: 0 } });
    setTitle(viewer.doc, LOCAL, 'Overschreven door de kijker');
    // A later message on the viewer's own socket: once the editor hears it, the server has handled the viewer's edits
    // (one socket, in order), and would have relayed them to the editor before it.
    viewer.provider.awareness.setLocalStateField('user', { name: 'Kijker, klaar' });
    await waitFor(
      () => editor.provider.awareness.getStates().get(viewer.doc.clientID)?.user?.name === 'Kijker, klaar',
      "the editor hears the viewer's later message",
    );
    // The way back works too: an editor change reaches the viewer.
    const marker = addFactor(editor.doc, LOCAL, { label: 'door de editor', position: { x: 0, y: 0 } });
    await waitFor(() => getMaps(viewer.doc).factors.has(marker), 'viewer receives the editor change');

    expect(readAnalysis(editor.doc).factors.map((f) => f.label)).toEqual(['door de editor']);
    expect(readAnalysis(editor.doc).title).toBe('Alleen kijken');
    const file = await fetchFile(id, tokens.facilitator);
    expect(file.title).toBe('Alleen kijken');
    expect((file.factors as Array<{ label: string }>).map((f) => f.label)).toEqual(['door de editor']);
    // A fresh client gets the stored state, without the viewer's edits.
    const late = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await late.synced;
    expect(readAnalysis(late.doc).factors.map((f) => f.label)).toEqual(['door de editor']);
  });
});

describe('bad messages', () => {
  function corruptUpdateMessage(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0); // sync
    encoding.writeVarUint(encoder, 2); // update
    encoding.writeVarUint8Array(encoder, new Uint8Array([255, 255, 255, 255, 1, 2, 3]));
    return encoding.toUint8Array(encoder);
  }

  function badAwarenessMessage(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1); // awareness
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, 42);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, '{not json');
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
    return encoding.toUint8Array(encoder);
  }

  function randomBytesOfUnknownType(seed: number): Uint8Array {
    const random = seededRandom(seed);
    const bytes = Uint8Array.from({ length: 64 }, () => Math.floor(random() * 256));
    bytes[0] = 4 + Math.floor(random() * 100); // no message type ≥ 4 exists
    return bytes;
  }

  it.each([
    ['random bytes', () => randomBytesOfUnknownType(7)],
    ['a corrupt Yjs update', corruptUpdateMessage],
    ['a broken awareness update', badAwarenessMessage],
    ['a truncated sync message', () => new Uint8Array([0])],
    ['an empty message', () => new Uint8Array([])],
  ])('%s closes only that connection with 4400; the others keep syncing', async (_name, makeMessage) => {
    const { id, tokens } = await createAnalysis(server.url);
    const a = connectClient(teardown, server.syncUrl, id, tokens.editor);
    const b = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await Promise.all([a.synced, b.synced]);

    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await raw.opened;
    raw.socket.send(makeMessage());
    const closed = await within(raw.closed, 'server closes');
    expect(closed.code).toBe(CLOSE_CODES.badMessage);
    expect(closed.reason).toBe('bad message');

    const f = addFactor(a.doc, LOCAL, { label: 'na de storing', position: { x: 0, y: 0 } });
    await waitFor(() => getMaps(b.doc).factors.has(f), 'b still receives a’s edits');
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('an update that decodes but breaks Yjs while applying closes only that connection', async () => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'Basis' });
    const a = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await a.synced;
    addFactor(a.doc, LOCAL, { label: 'iets', position: { x: 0, y: 0 } });
    // Search (seeded) for a mutation of a real update that passes Y.decodeUpdate yet throws in Y.applyUpdate
    // against the current server state, which the client holds a copy of.
    const base = Y.encodeStateAsUpdate(a.doc);
    const random = seededRandom(11);
    let poison: Uint8Array | null = null;
    for (let attempt = 0; attempt < 50_000 && poison === null; attempt++) {
      const candidate = Uint8Array.from(base);
      candidate[Math.floor(random() * candidate.length)] = Math.floor(random() * 256);
      try {
        Y.decodeUpdate(candidate);
      } catch {
        continue;
      }
      const probe = new Y.Doc();
      Y.applyUpdate(probe, Y.encodeStateAsUpdate(a.doc));
      try {
        Y.applyUpdate(probe, candidate);
      } catch {
        poison = candidate;
      }
      probe.destroy();
    }
    expect(poison, 'found an update that decodes but fails to apply').not.toBeNull();
    await waitFor(async () => ((await fetchFile(id, tokens.editor)).factors as unknown[]).length === 1, 'server has the factor');

    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await raw.opened;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, poison!);
    raw.socket.send(encoding.toUint8Array(encoder));
    expect((await within(raw.closed, 'server closes')).code).toBe(CLOSE_CODES.badMessage);
    expect(server.log.lines.some((line) => line.includes('could not be applied'))).toBe(true);

    const b = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await b.synced;
    const f = addFactor(a.doc, LOCAL, { label: 'daarna', position: { x: 0, y: 0 } });
    await waitFor(() => getMaps(b.doc).factors.has(f), 'the room still syncs');
  });

  it('a text frame closes the connection with 4400', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await raw.opened;
    raw.socket.send('hallo');
    expect((await within(raw.closed, 'server closes')).code).toBe(CLOSE_CODES.badMessage);
  });

  it('a doc that a bad message closed on is not changed by it', async () => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'Heel' });
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await raw.opened;
    raw.socket.send(corruptUpdateMessage());
    await within(raw.closed, 'server closes');
    const file = await fetchFile(id, tokens.editor);
    expect(file.title).toBe('Heel');
    expect(file.factors).toEqual([]);
  });
});

describe('access', () => {
  it.each([
    ['a wrong token', (id: string) => `/${id}?token=${'x'.repeat(43)}`],
    ['no token', (id: string) => `/${id}`],
    ['an unknown id', () => `/AAAAAAAAAAAAAAAAAAAAAA?token=${'x'.repeat(43)}`],
    ['a malformed id', () => `/kort?token=${'x'.repeat(43)}`],
  ])('%s is closed with 4401', async (_name, makePath) => {
    const { id } = await createAnalysis(server.url);
    const raw = connectRaw(teardown, `${server.syncUrl}${makePath(id)}`);
    const closed = await within(raw.closed, 'server closes');
    expect(closed.code).toBe(CLOSE_CODES.unauthorized);
    expect(raw.messages).toEqual([]);
  });

  it("another analysis' token is closed with 4401", async () => {
    const first = await createAnalysis(server.url);
    const second = await createAnalysis(server.url);
    const raw = connectRaw(teardown, `${server.syncUrl}/${first.id}?token=${second.tokens.facilitator}`);
    expect((await within(raw.closed, 'server closes')).code).toBe(CLOSE_CODES.unauthorized);
  });

  it('the server sends sync step 1 first to an authorized raw client', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.viewer}`);
    await raw.opened;
    await waitFor(() => raw.messages.length > 0, 'a first message');
    expect([...raw.messages[0]!.slice(0, 2)]).toEqual([0, 0]);
  });

  it('a large first sync crosses the wire compressed (permessage-deflate)', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const writer = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await writer.synced;
    for (let i = 0; i < 300; i++)
      addFactor(writer.doc, LOCAL, {
        label: `Factor ${i}`,
        note: 'Een toelichting die vaak terugkomt. '.repeat(5),
        position: { x: i, y: i },
      });
    const { WebSocket } = await import('ws');
    const socket = new WebSocket(`${server.syncUrl}/${id}?token=${tokens.viewer}`);
    teardown.add(() => socket.terminate());
    await new Promise((resolve) => socket.once('open', resolve));
    expect(socket.extensions).toContain('permessage-deflate');
    const tcp = (socket as unknown as { _socket: { bytesRead: number } })._socket;
    const before = tcp.bytesRead;
    socket.send(new Uint8Array([0, 0, 1, 0]));
    const step2 = await new Promise<Buffer>((resolve) =>
      socket.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && resolve(data)),
    );
    await waitFor(() => tcp.bytesRead > before, 'bytes read');
    const fresh = new Y.Doc();
    const decoder = (await import('lib0/decoding')).createDecoder(step2.subarray(2));
    Y.applyUpdate(fresh, (await import('lib0/decoding')).readVarUint8Array(decoder));
    expect(readAnalysis(fresh).factors).toHaveLength(300);
    expect(step2.length).toBeGreaterThan(16 * 1024);
    expect(tcp.bytesRead - before).toBeLessThan(step2.length / 2);
  });

  it('stopping the server closes connections with 1001, a code the client retries on', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await raw.opened;
    await waitFor(() => raw.messages.length > 0, 'joined');
    await server.server.close();
    expect((await within(raw.closed, 'closed on shutdown')).code).toBe(CLOSE_CODES.goingAway);
  });

  it('deleting the analysis closes its connections with 4404', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const client = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await client.synced;
    const closedCodes: number[] = [];
    client.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closedCodes.push(event.code);
    });
    const res = await fetch(`${server.url}/api/analyses/${id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${tokens.facilitator}` },
    });
    expect(res.status).toBe(204);
    await waitFor(() => closedCodes.length > 0, 'client closed');
    expect(closedCodes[0]).toBe(CLOSE_CODES.deleted);
  });
});
