import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import type { Config } from './config.ts';
import { CLOSE_CODES } from './closeCodes.ts';
import {
  Teardown,
  connectClient,
  connectRaw,
  createAnalysis,
  sleep,
  startTestServer,
  waitFor,
  within,
  type RawClient,
  type TestServer,
} from './testing.ts';

const LOCAL = 'test';
/** A valid y-websocket message (query awareness): cheap for the server, so only the count matters. */
const QUERY_AWARENESS = new Uint8Array([3]);
/** Sync step 1 with an empty state vector: the server answers it with sync step 2, which nothing else makes it send. */
const SYNC_STEP_1 = new Uint8Array([0, 0, 1, 0]);

const isSyncStep2 = (message: Uint8Array): boolean => message[0] === 0 && message[1] === 1;

/**
 * Sends sync step 1 after what `raw` sent before and waits for the answer: the server reads a socket's messages in
 * order, so by then it has taken (or refused) every earlier one.
 */
async function handledSoFar(raw: RawClient): Promise<void> {
  const answers = raw.messages.filter(isSyncStep2).length;
  raw.socket.send(SYNC_STEP_1);
  await waitFor(
    () => raw.messages.filter(isSyncStep2).length > answers || raw.socket.readyState !== raw.socket.OPEN,
    'the server answered',
  );
}

let teardown: Teardown;

beforeEach(() => {
  teardown = new Teardown();
});

afterEach(async () => {
  await teardown.run();
});

/** A server with `limits`, one analysis, and two stock editor clients on it that are in sync. */
async function roomWithTwoClients(limits: Partial<Config>) {
  const server = await startTestServer(teardown, limits);
  const analysis = await createAnalysis(server.url);
  const a = connectClient(teardown, server.syncUrl, analysis.id, analysis.tokens.editor);
  const b = connectClient(teardown, server.syncUrl, analysis.id, analysis.tokens.editor);
  await Promise.all([a.synced, b.synced]);
  return { server, ...analysis, a, b };
}

async function joined(raw: RawClient): Promise<void> {
  await raw.opened;
  await waitFor(() => raw.messages.length > 0, 'the server sent its first message');
}

describe('MAX_MESSAGE_BYTES', () => {
  it('a message over the limit closes that connection with 1009; the others keep syncing', async () => {
    const { server, id, tokens, a, b } = await roomWithTwoClients({ maxMessageBytes: 4096 });
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await joined(raw);
    raw.socket.send(new Uint8Array(4097));
    const closed = await within(raw.closed, 'the big message closes the connection');
    expect(closed.code).toBe(CLOSE_CODES.messageTooBig);

    const f = addFactor(a.doc, LOCAL, { label: 'daarna', position: { x: 0, y: 0 } });
    await waitFor(() => getMaps(b.doc).factors.has(f), 'b still receives a’s edits');
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    expect(server.log.lines.some((line) => line.includes('MAX_MESSAGE_BYTES'))).toBe(true);
  });

  it('a message within the limit is taken', async () => {
    const { server, id, tokens } = await roomWithTwoClients({ maxMessageBytes: 4096 });
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await joined(raw);
    raw.socket.send(QUERY_AWARENESS);
    await handledSoFar(raw);
    expect(raw.socket.readyState).toBe(raw.socket.OPEN);
  });
});

describe('MAX_MESSAGES_PER_SECOND', () => {
  it('a flood closes only that connection with 4429; another client in the analysis keeps syncing', async () => {
    const { server, id, tokens, a, b } = await roomWithTwoClients({ maxMessagesPerSecond: 20 });
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await joined(raw);
    for (let i = 0; i < 200; i++) raw.socket.send(QUERY_AWARENESS);
    const closed = await within(raw.closed, 'the flood closes the connection');
    expect(closed).toEqual({ code: CLOSE_CODES.tooManyMessages, reason: 'too many messages' });

    for (let i = 0; i < 5; i++) {
      const f = addFactor(a.doc, LOCAL, { label: `na de vloed ${i}`, position: { x: 0, y: 0 } });
      await waitFor(() => getMaps(b.doc).factors.has(f), 'b still receives a’s edits');
    }
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  });

  it('a burst of up to twice the rate is allowed, and the rate refills', async () => {
    const { server, id, tokens } = await roomWithTwoClients({ maxMessagesPerSecond: 20 });
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await joined(raw);
    // 36 of the 40 the burst allows (with the marker of handledSoFar), then a second after the server took them 16
    // more: only a refill of at least 12 lets them in.
    for (let i = 0; i < 35; i++) raw.socket.send(QUERY_AWARENESS);
    await handledSoFar(raw);
    expect(raw.socket.readyState).toBe(raw.socket.OPEN);
    await sleep(1_000);
    for (let i = 0; i < 15; i++) raw.socket.send(QUERY_AWARENESS);
    await handledSoFar(raw);
    expect(raw.socket.readyState).toBe(raw.socket.OPEN);
  });
});

describe('MAX_CONNECTIONS_PER_ANALYSIS', () => {
  it('one connection more than the limit is closed with 4429; other analyses and freed places stay usable; the facilitator still gets in', async () => {
    const server = await startTestServer(teardown, { maxConnectionsPerAnalysis: 2 });
    const { id, tokens } = await createAnalysis(server.url);
    const first = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    const second = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    await Promise.all([joined(first), joined(second)]);
    // Connections without a valid token do not take a place.
    const stranger = connectRaw(teardown, `${server.syncUrl}/${id}?token=${'x'.repeat(43)}`);
    expect((await within(stranger.closed, 'stranger refused')).code).toBe(CLOSE_CODES.unauthorized);

    const third = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    expect(await within(third.closed, 'third refused')).toEqual({ code: CLOSE_CODES.tooManyConnections, reason: 'too many connections' });
    expect(third.messages).toEqual([]);

    const other = await createAnalysis(server.url);
    const elsewhere = connectRaw(teardown, `${server.syncUrl}/${other.id}?token=${other.tokens.editor}`);
    await joined(elsewhere);

    first.socket.close();
    await first.closed;
    await waitFor(async () => {
      const again = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
      const outcome = await Promise.race([again.closed.then(() => false), joined(again).then(() => true)]);
      return outcome;
    }, 'a freed place can be taken again');

    // Full for editors and viewers, not for the facilitator (connections.ts: FACILITATOR_EXTRA).
    const viewer = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.viewer}`);
    expect((await within(viewer.closed, 'viewer refused')).code).toBe(CLOSE_CODES.tooManyConnections);
    await joined(connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.facilitator}`));
  });
});

describe('MAX_CONNECTIONS_PER_ADDRESS', () => {
  it('one connection more than the limit from one address is closed with 4429; another address gets in', async () => {
    const server = await startTestServer(teardown, { maxConnectionsPerAddress: 3 });
    const { id, tokens } = await createAnalysis(server.url);
    const open: RawClient[] = [];
    for (let i = 0; i < 3; i++) open.push(connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`));
    await Promise.all(open.map(joined));

    // Any connection counts, also one without a token and one to another analysis.
    const over = connectRaw(teardown, `${server.syncUrl}/AAAAAAAAAAAAAAAAAAAAAA?token=${tokens.editor}`);
    expect((await within(over.closed, 'over the limit')).code).toBe(CLOSE_CODES.tooManyConnections);

    // Linux routes all of 127.0.0.0/8 to the loopback interface: 127.0.0.2 is another client address.
    const elsewhere = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`, { localAddress: '127.0.0.2' });
    await joined(elsewhere);

    open[0]!.socket.close();
    await open[0]!.closed;
    await waitFor(async () => {
      const again = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.viewer}`);
      return Promise.race([again.closed.then(() => false), joined(again).then(() => true)]);
    }, 'a freed place can be taken again');
  });
});

describe('Origin of the sync socket', () => {
  let server: TestServer;
  let id: string;
  let token: string;

  beforeEach(async () => {
    server = await startTestServer(teardown, { allowedOrigins: ['https://samenzicht.example.nl'] });
    const created = await createAnalysis(server.url);
    id = created.id;
    token = created.tokens.editor;
  });

  it.each([
    ['another site', 'https://aanvaller.example'],
    ['the same host on another port', 'http://127.0.0.1:1'],
    ['a sandboxed page (null)', 'null'],
    ['an allowed host with another scheme', 'http://samenzicht.example.nl'],
  ])('%s is closed with 4403 before anything is sent', async (_name, origin) => {
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${token}`, { origin });
    expect(await within(raw.closed, 'refused')).toEqual({ code: CLOSE_CODES.forbiddenOrigin, reason: 'origin not allowed' });
    expect(raw.messages).toEqual([]);
    expect(server.log.lines.some((line) => line.includes('refused: origin not allowed'))).toBe(true);
  });

  it.each([
    ['the same origin', () => server.url],
    ['an origin on ALLOWED_ORIGINS', () => 'https://samenzicht.example.nl'],
    ['no Origin header (a non-browser client)', () => undefined],
  ])('%s is let in', async (_name, origin) => {
    const value = origin();
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${token}`, value === undefined ? {} : { origin: value });
    await joined(raw);
  });

  it('the origin of PUBLIC_URL is let in', async () => {
    const proxied = await startTestServer(teardown, { publicUrl: 'https://zicht.example.nl' });
    const created = await createAnalysis(proxied.url);
    const raw = connectRaw(teardown, `${proxied.syncUrl}/${created.id}?token=${created.tokens.viewer}`, {
      origin: 'https://zicht.example.nl',
    });
    await joined(raw);
  });
});

describe('MAX_BODY_BYTES', () => {
  it('a body over the limit answers 413 naming the limit; one within it is taken', async () => {
    const server = await startTestServer(teardown, { maxBodyBytes: 2048 });
    const big = await fetch(`${server.url}/api/analyses`, { method: 'POST', body: JSON.stringify({ title: 'x'.repeat(3000) }) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toBe('De aanvraag is te groot (maximaal 2 kB).');
    const small = await fetch(`${server.url}/api/analyses`, { method: 'POST', body: JSON.stringify({ title: 'klein' }) });
    expect(small.status).toBe(201);
  });

  it('applies to the rotate route too', async () => {
    const server = await startTestServer(teardown, { maxBodyBytes: 2048 });
    const { id, tokens } = await createAnalysis(server.url);
    const res = await fetch(`${server.url}/api/analyses/${id}/rotate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.facilitator}` },
      body: JSON.stringify({ role: 'viewer', padding: 'x'.repeat(3000) }),
    });
    expect(res.status).toBe(413);
    expect((await fetch(`${server.url}/api/analyses/${id}`, { headers: { Authorization: `Bearer ${tokens.viewer}` } })).status).toBe(200);
  });
});
