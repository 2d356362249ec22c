/**
 * Issue 11, the smaller findings of item 7 on the HTTP side: the 413 reaches the client, slow bodies and idle sockets
 * are cut off, the number of open connections is capped, foreign Host names (DNS rebinding) and foreign pages are
 * refused, the extra security headers are sent, and a client hanging up is one line in the log.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Teardown, createAnalysis, readDb, scaled, startTestServer, waitFor, within, type TestServer } from './testing.ts';

let teardown: Teardown;
beforeEach(() => {
  teardown = new Teardown();
});
afterEach(() => teardown.run());

interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A request through node:http, so headers fetch will not send (Host, Sec-Fetch-Site) can be set. */
function request(url: string, options: http.RequestOptions & { body?: string | Buffer } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function countAnalyses(t: TestServer): number {
  return readDb(t.dbFile, (db) => (db.prepare('SELECT COUNT(*) AS n FROM analyses').get() as { n: number }).n);
}

describe('a body over MAX_BODY_BYTES', () => {
  it('is read to its end before the 413, so a client streaming it always gets the answer (it often got EPIPE)', async () => {
    const t = await startTestServer(teardown);
    const mib = new Uint8Array(1024 * 1024);
    const answers: string[] = [];
    for (let round = 0; round < 4; round++) {
      for (const size of [12, 30]) {
        // A streamed body (no Content-Length): the server only learns it is too large while reading it.
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let k = 0; k < size; k++) controller.enqueue(mib);
            controller.close();
          },
        });
        try {
          const res = await fetch(`${t.url}/api/analyses`, { method: 'POST', body, duplex: 'half' } as RequestInit);
          answers.push(`${size} MB: ${res.status} ${((await res.json()) as { error: string }).error}`);
        } catch (error) {
          answers.push(`${size} MB: ${String((error as Error).cause ?? error)}`);
        }
      }
    }
    expect(answers).toEqual(
      Array.from({ length: 8 }, (_, i) => `${i % 2 === 0 ? 12 : 30} MB: 413 De aanvraag is te groot (maximaal 5 MB).`),
    );
  });

  it('far beyond the limit (more than 8 times, or a declared length that large) is answered at once and closed', async () => {
    const t = await startTestServer(teardown, { maxBodyBytes: 64 * 1024 });
    const answer = await request(`${t.url}/api/analyses`, { method: 'POST', headers: { 'Content-Length': String(100 * 1024 * 1024) } });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
  });
});

describe('slow and idle clients', () => {
  it('a request whose body does not arrive within REQUEST_TIMEOUT_MS is cut off', async () => {
    const t = await startTestServer(teardown, { requestTimeoutMs: 1_000 });
    const socket = net.connect(t.server.port, '127.0.0.1');
    teardown.add(() => socket.destroy());
    socket.write('POST /api/analyses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{"title":');
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('utf8')));
    socket.on('error', () => {});
    const started = Date.now();
    await within(new Promise((resolve) => socket.once('close', resolve)), 'the server closed the slow request', 10_000);
    // Near REQUEST_TIMEOUT_MS, not Node's default of 300 s.
    expect(Date.now() - started).toBeLessThan(scaled(8_000));
    // Node answers 408 when it can; once the handler is reading the body it just closes.
    if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('refuses connections beyond MAX_HTTP_CONNECTIONS and takes new ones once others closed', async () => {
    const t = await startTestServer(teardown, { maxHttpConnections: 3 });
    const open: net.Socket[] = [];
    for (let i = 0; i < 3; i++) {
      const socket = net.connect(t.server.port, '127.0.0.1');
      teardown.add(() => socket.destroy());
      await new Promise((resolve) => socket.once('connect', resolve));
      open.push(socket);
    }
    const fourth = net.connect(t.server.port, '127.0.0.1');
    fourth.on('error', () => {});
    teardown.add(() => fourth.destroy());
    await within(new Promise((resolve) => fourth.once('close', resolve)), 'the fourth connection was closed', 5_000);
    for (const socket of open) socket.destroy();
    await waitFor(async () => {
      try {
        return (await fetch(`${t.url}/healthz`, { signal: AbortSignal.timeout(1_000) })).status === 200;
      } catch {
        return false;
      }
    }, 'a new connection is taken again');
  });
});

describe('Host header (DNS rebinding)', () => {
  it('answers 421 for a name it does not know, over HTTP and for the sync socket', async () => {
    const t = await startTestServer(teardown);
    const refused = await request(`${t.url}/api/analyses`, { method: 'POST', headers: { Host: 'attacker.example:8080' }, body: '{}' });
    expect(refused.status).toBe(421);
    expect(JSON.parse(refused.body).error).toMatch(/PUBLIC_URL of ALLOWED_HOSTS/);
    expect(countAnalyses(t)).toBe(0);
    const page = await request(`${t.url}/`, { headers: { Host: 'attacker.example' } });
    expect(page.status).toBe(421);
    const upgrade = await new Promise<string>((resolve) => {
      const socket = net.connect(t.server.port, '127.0.0.1', () => {
        socket.write(
          'GET /sync/abc?token=x HTTP/1.1\r\nHost: attacker.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        );
      });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(upgrade).toMatch(/^HTTP\/1\.1 421/);
  });

  it('takes IP addresses, localhost, PUBLIC_URL and ALLOWED_HOSTS names', async () => {
    const t = await startTestServer(teardown, { publicUrl: 'https://samenzicht.example.nl', allowedHosts: ['samenzicht.lan'] });
    for (const host of [`127.0.0.1:${t.server.port}`, `localhost:${t.server.port}`, 'samenzicht.example.nl', 'samenzicht.lan:8080']) {
      const answer = await request(`${t.url}/healthz`, { headers: { Host: host } });
      expect(answer.status, host).toBe(200);
    }
  });
});

describe('requests that change something', () => {
  it('refuses another site’s page (a text/plain POST needs no preflight), and creates nothing', async () => {
    const t = await startTestServer(teardown);
    const foreign = await request(`${t.url}/api/analyses`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example', 'Content-Type': 'text/plain;charset=UTF-8' },
      body: '{"title":"x"}',
    });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error).toMatch(/andere website/);
    const crossSite = await request(`${t.url}/api/analyses`, { method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site' }, body: '{}' });
    expect(crossSite.status).toBe(403);
    expect(countAnalyses(t)).toBe(0);
  });

  it('a page of our own must send JSON; scripts without Origin may send a body without a type', async () => {
    const t = await startTestServer(teardown);
    const origin = t.url;
    const plain = await request(`${t.url}/api/analyses`, {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(plain.status).toBe(415);
    const form = await request(`${t.url}/api/analyses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    expect(form.status).toBe(415);
    const json = await request(`${t.url}/api/analyses`, {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(201);
    // fetch with a string body sends text/plain and no Origin (Node): as before.
    await createAnalysis(t.url, { title: 'script' });
    expect(countAnalyses(t)).toBe(2);
  });
});

describe('security headers', () => {
  it('sends Permissions-Policy and Cross-Origin-Opener-Policy, and HSTS only behind https', async () => {
    const plain = await startTestServer(teardown);
    const a = await fetch(`${plain.url}/healthz`);
    expect(a.headers.get('permissions-policy')).toContain('camera=()');
    expect(a.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(a.headers.get('strict-transport-security')).toBeNull();
    const secure = await startTestServer(teardown, { publicUrl: 'https://samenzicht.example.nl' });
    const b = await fetch(`${secure.url}/healthz`);
    expect(b.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});

describe('a client that hangs up', () => {
  it('mid-body is one line in the log, without a stack trace', async () => {
    const t = await startTestServer(teardown);
    const socket = net.connect(t.server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    // With `Expect: 100-continue`, Node answers "100 Continue" and calls the handler in the same turn, so once the
    // client reads that answer the handler is reading the body.
    const continued = new Promise<void>((resolve) =>
      socket.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('100 Continue')) resolve();
      }),
    );
    socket.write('POST /api/analyses HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n{"title":');
    await within(continued, 'the server asks for the body');
    socket.destroy();
    await waitFor(() => t.log.lines.some((line) => line.includes('the client hung up')), 'the hang-up was logged');
    expect(t.log.lines.filter((line) => line.includes('failed'))).toEqual([]);
    expect(t.log.lines.join('\n')).not.toMatch(/\n\s+at /);
  });
});

describe('a sync client that breaks the protocol', () => {
  it('is closed with one line in the log, without a stack trace', async () => {
    const t = await startTestServer(teardown);
    const { id, tokens } = await createAnalysis(t.url);
    const { WebSocket } = await import('ws');
    const socket = new WebSocket(`${t.syncUrl}/${id}?token=${tokens.editor}`);
    socket.on('error', () => {});
    teardown.add(() => socket.terminate());
    await new Promise((resolve) => socket.once('open', resolve));
    // A masked frame with opcode 0xF, which does not exist.
    (socket as unknown as { _socket: net.Socket })._socket.write(Buffer.from([0x8f, 0x80, 1, 2, 3, 4]));
    await within(new Promise((resolve) => socket.once('close', resolve)), 'closed');
    await waitFor(() => t.log.lines.some((line) => line.includes('WS_ERR_INVALID_OPCODE')), 'logged');
    expect(t.log.lines.filter((line) => line.startsWith('websocket error'))).toEqual([]);
  });
});
