/**
 * Issue 11, item 7: the web app presents its token (and name) as WebSocket subprotocols, so the token is not in the
 * sync URL that browsers print on errors and proxies log. `?token=` keeps working for the stock client.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Teardown, createAnalysis, startTestServer, waitFor, within, type TestServer } from './testing.ts';
import { SYNC_PROTOCOL, readHandshake, selectProtocol } from './syncHandshake.ts';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('readHandshake', () => {
  it('reads token and name from the query first, then from the offered subprotocols', () => {
    const none = new URLSearchParams();
    expect(readHandshake(none, `samenzicht, samenzicht.token.abc_-1, samenzicht.name.${b64('Zoë 👍')}`)).toEqual({
      token: 'abc_-1',
      name: 'Zoë 👍',
      via: null,
      ack: false,
    });
    expect(readHandshake(new URLSearchParams('token=q&name=Q'), 'samenzicht, samenzicht.token.p')).toEqual({
      token: 'q',
      name: 'Q',
      via: null,
      ack: false,
    });
    expect(readHandshake(none, undefined)).toEqual({ token: null, name: null, via: null, ack: false });
    expect(readHandshake(none, 'samenzicht, samenzicht.ack').ack).toBe(true);
    expect(readHandshake(none, `samenzicht.name.${'A'.repeat(500)}`).name).toBeNull();
  });

  it('reads how the person came in (qr, code) and ignores any other way', () => {
    const none = new URLSearchParams();
    expect(readHandshake(none, 'samenzicht, samenzicht.token.t, samenzicht.via.qr').via).toBe('qr');
    expect(readHandshake(none, 'samenzicht, samenzicht.via.code').via).toBe('code');
    expect(readHandshake(new URLSearchParams('via=code'), undefined).via).toBe('code');
    for (const odd of [
      'samenzicht.via.link',
      'samenzicht.via.QR',
      'samenzicht.via.',
      'samenzicht.via.qr\u0000',
      `samenzicht.via.${'q'.repeat(300)}`,
    ]) {
      expect(readHandshake(none, `samenzicht, ${odd}`).via).toBeNull();
    }
    expect(readHandshake(new URLSearchParams('via=<script>'), 'samenzicht.via.nope').via).toBeNull();
  });

  it('selects samenzicht only when it is offered', () => {
    expect(selectProtocol(new Set(['samenzicht', 'samenzicht.token.x']))).toBe(SYNC_PROTOCOL);
    expect(selectProtocol(new Set(['other']))).toBe(false);
    expect(selectProtocol(new Set(['samenzicht', 'samenzicht.ack']))).toBe('samenzicht.ack');
    expect(selectProtocol(new Set(['samenzicht.ack']))).toBe(false);
  });
});

describe('the token as a subprotocol', () => {
  let teardown: Teardown;
  let t: TestServer;
  beforeEach(async () => {
    teardown = new Teardown();
    t = await startTestServer(teardown);
  });
  afterEach(() => teardown.run());

  function open(id: string, protocols: string[]): { socket: WebSocket; messages: number; closed: Promise<number> } {
    const socket = new WebSocket(`${t.syncUrl}/${id}`, protocols);
    const state = { socket, messages: 0, closed: new Promise<number>((resolve) => socket.on('close', (code) => resolve(code))) };
    socket.on('message', () => state.messages++);
    socket.on('error', () => {});
    teardown.add(() => socket.terminate());
    return state;
  }

  it('syncs with no token in the URL, logs the name it carries, and never logs the token', async () => {
    const { id, tokens } = await createAnalysis(t.url, { title: 'Subprotocol' });
    const client = open(id, [SYNC_PROTOCOL, `samenzicht.token.${tokens.editor}`, `samenzicht.name.${b64('Anna')}`]);
    await within(new Promise((resolve) => client.socket.once('open', resolve)), 'socket open');
    expect(client.socket.protocol).toBe(SYNC_PROTOCOL);
    await waitFor(() => client.messages > 0, 'the server sent sync step 1');
    const auth = { headers: { Authorization: `Bearer ${tokens.facilitator}` } };
    await waitFor(async () => {
      const log = (await (await fetch(`${t.url}/api/analyses/${id}/log`, auth)).json()) as {
        entries: Array<{ name: string; action: string }>;
      };
      return log.entries.some((e) => e.action === 'opened' && e.name === 'Anna');
    }, 'opened by Anna in the access log');
    expect(t.log.lines.join('\n')).not.toContain(tokens.editor);
  });

  it('a wrong token as a subprotocol is closed with 4401', async () => {
    const { id } = await createAnalysis(t.url);
    const client = open(id, [SYNC_PROTOCOL, `samenzicht.token.${'x'.repeat(43)}`]);
    expect(await within(client.closed, 'closed')).toBe(4401);
  });
});
