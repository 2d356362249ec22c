/**
 * Issue 13, joining: short codes made by someone holding a link (`POST /api/analyses/:id/codes`) and typed on the
 * start page (`POST /api/join`); expiry, the limit of wrong tries per address, delete and rotation, and the way in
 * (`via`) in the access log.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { hashJoinCode, normalizeJoinCode } from './joinCodes.ts';
import { canMakeCode, createCodeLimit, JOIN_MESSAGES, JOIN_TRIES_PER_ADDRESS } from './joinApi.ts';
import { Teardown, createAnalysis, readDb, startTestServer, waitFor, within, type TestServer } from './testing.ts';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

let teardown: Teardown;
let server: TestServer;

beforeEach(async () => {
  teardown = new Teardown();
  server = await startTestServer(teardown);
});

afterEach(async () => {
  await teardown.run();
});

/** A JSON POST with node:http, so a test can pick the client address (127.0.0.x are all this machine). */
function post(pathname: string, body: unknown, options: { token?: string; localAddress?: string; raw?: string } = {}): Promise<Answer> {
  const text = options.raw ?? JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.url}${pathname}`,
      {
        method: 'POST',
        localAddress: options.localAddress ?? '127.0.0.1',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} });
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

const makeCode = (id: string, token: string, role: unknown) => post(`/api/analyses/${id}/codes`, { role }, { token });
const join = (code: unknown, localAddress?: string) => post('/api/join', { code }, localAddress ? { localAddress } : {});

async function sessionRole(id: string, token: string): Promise<unknown> {
  const res = await fetch(`${server.url}/api/analyses/${id}/session`, { headers: { authorization: `Bearer ${token}` } });
  return res.status === 200 ? ((await res.json()) as { role: unknown }).role : res.status;
}

describe('who may make codes, and how many', () => {
  it('lets anyone make viewer codes and only editors and the facilitator editor codes', () => {
    expect(canMakeCode('facilitator', 'editor')).toBe(true);
    expect(canMakeCode('editor', 'editor')).toBe(true);
    expect(canMakeCode('viewer', 'editor')).toBe(false);
    for (const holder of ['facilitator', 'editor', 'viewer'] as const) expect(canMakeCode(holder, 'viewer')).toBe(true);
  });

  it('allows 20 codes per analysis at once, then one a minute, each analysis on its own', () => {
    let now = 0;
    const limit = createCodeLimit(() => now);
    for (let i = 0; i < 20; i++) expect(limit.take('a')).toBe(true);
    expect(limit.take('a')).toBe(false);
    expect(limit.take('b')).toBe(true);
    now = 60_000;
    expect(limit.take('a')).toBe(true);
    expect(limit.take('a')).toBe(false);
  });
});

describe('POST /api/analyses/:id/codes', () => {
  it('makes editor and viewer codes for the facilitator and editors, only viewer codes for viewers', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    for (const [holder, role, status] of [
      ['facilitator', 'editor', 201],
      ['facilitator', 'viewer', 201],
      ['editor', 'editor', 201],
      ['editor', 'viewer', 201],
      ['viewer', 'viewer', 201],
      ['viewer', 'editor', 403],
    ] as const) {
      const res = await makeCode(id, tokens[holder], role);
      expect(res.status, `${holder} makes a ${role} code`).toBe(status);
      if (status === 201) {
        expect(res.body.role).toBe(role);
        expect(res.body.code).toMatch(/^[a-z]{3,9} [a-z]{3,9} [a-z]{3,9} [0-9]{2}$/);
        const expiresIn = Date.parse(res.body.expiresAt as string) - Date.now();
        expect(expiresIn).toBeGreaterThan(29 * 60_000);
        expect(expiresIn).toBeLessThanOrEqual(30 * 60_000);
      } else {
        expect(res.body.error).toBe(JOIN_MESSAGES.viewerOnly);
      }
    }
  });

  it('never makes a facilitator code, and names the field of a bad body', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    for (const body of [{ role: 'facilitator' }, {}, { role: 7 }]) {
      const res = await makeCode(id, tokens.facilitator, body.role);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'role', message: expect.stringContaining('expected "editor" or "viewer"') }]);
    }
    expect((await post(`/api/analyses/${id}/codes`, null, { token: tokens.facilitator, raw: '{nope' })).status).toBe(400);
  });

  it('answers a wrong token and an unknown analysis alike with 401', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    expect((await makeCode(id, 'x'.repeat(43), 'viewer')).status).toBe(401);
    expect((await makeCode('y'.repeat(22), tokens.facilitator, 'viewer')).status).toBe(401);
  });

  it('stores only the hash of a code', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const { code } = (await makeCode(id, tokens.facilitator, 'editor')).body as { code: string };
    const rows = readDb(server.dbFile, (db) => db.prepare('SELECT hash, role FROM join_codes WHERE analysis_id = ?').all(id));
    expect(rows).toEqual([{ hash: hashJoinCode(normalizeJoinCode(code)!), role: 'editor' }]);
    const files = [server.dbFile, `${server.dbFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
    for (const bytes of files) {
      expect(bytes.includes(code)).toBe(false);
      expect(bytes.includes(normalizeJoinCode(code)!)).toBe(false);
    }
  });
});

describe('POST /api/join', () => {
  it('lets in with the code typed in capitals, with extra spaces or hyphens, as the code’s role', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const editorCode = (await makeCode(id, tokens.facilitator, 'editor')).body.code as string;
    const viewerCode = (await makeCode(id, tokens.viewer, 'viewer')).body.code as string;
    const typed = [`  ${editorCode.toUpperCase()}  `, editorCode.replaceAll(' ', '-'), editorCode.replaceAll(' ', '')];
    for (const code of typed) {
      const res = await join(code);
      expect(res.status, code).toBe(200);
      expect(res.body).toMatchObject({ id, role: 'editor' });
      const token = res.body.token as string;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(res.body.link).toBe(`${server.url}/a/${id}#${token}`);
      expect(await sessionRole(id, token)).toBe('editor');
    }
    const viewer = await join(viewerCode);
    expect(viewer.body.role).toBe('viewer');
    expect(await sessionRole(id, viewer.body.token as string)).toBe('viewer');
    // Neither the codes nor the tokens reach the server's log (it logs method, path and status).
    const log = server.log.lines.join('\n');
    expect(log).toContain('POST /api/join 200');
    expect(log).not.toContain(editorCode.split(' ')[0]!.concat(' ', editorCode.split(' ')[1]!));
    expect(log).not.toContain(viewer.body.token as string);
  });

  it('refuses a code that does not exist or has expired, in plain Dutch', async () => {
    await teardown.run();
    teardown = new Teardown();
    // 60 ms instead of 30 minutes.
    server = await startTestServer(teardown, { joinCodeTtlMinutes: 0.001 });
    const { id, tokens } = await createAnalysis(server.url);
    const made = (await makeCode(id, tokens.facilitator, 'editor')).body as { code: string; expiresAt: string };
    await waitFor(() => Date.now() > Date.parse(made.expiresAt), 'the code expired', 5_000);
    const expired = await join(made.code);
    expect(expired.status).toBe(404);
    expect(expired.body.error).toBe('Deze code klopt niet of is verlopen. Vraag een nieuwe code.');
    expect((await join('appel vlinder haven 47')).status).toBe(404);
    // An expired code is deleted when the next code is made.
    await makeCode(id, tokens.facilitator, 'viewer');
    const left = readDb(server.dbFile, (db) =>
      db
        .prepare('SELECT COUNT(*) FROM join_codes WHERE hash = ?')
        .pluck()
        .get(hashJoinCode(normalizeJoinCode(made.code)!)),
    );
    expect(left).toBe(0);
  });

  it('answers 429 with Retry-After after 10 wrong tries from one address, also for a right code, not for another address', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const code = (await makeCode(id, tokens.facilitator, 'editor')).body.code as string;
    for (let i = 0; i < JOIN_TRIES_PER_ADDRESS; i++) {
      expect((await join(`appel vlinder haven ${String(i).padStart(2, '0')}`, '127.0.0.2')).status).toBe(404);
    }
    const refused = await join(code, '127.0.0.2');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('Te veel pogingen. Probeer het over een paar minuten opnieuw.');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(500);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
    // Another address is let in with the right code.
    expect((await join(code, '127.0.0.3')).status).toBe(200);
  });

  it('holds the limit for tries sent all at once', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => join('appel vlinder haven 11', '127.0.0.4')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(JOIN_TRIES_PER_ADDRESS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - JOIN_TRIES_PER_ADDRESS);
  });

  it('answers a bad body with 400 naming the field', async () => {
    for (const body of [{}, { code: 12 }, { kode: 'appel vlinder haven 47' }]) {
      const res = await post('/api/join', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe(JOIN_MESSAGES.badJoinBody);
      expect(res.body.errors).toEqual([{ path: 'code', message: expect.stringContaining('expected text') }]);
    }
    expect((await post('/api/join', null, { raw: '[1]' })).body.errors).toEqual([{ path: '', message: 'expected an object, got a list' }]);
    expect((await post('/api/join', null, { raw: 'appel' })).status).toBe(400);
  });
});

describe('codes, rotation and delete', () => {
  it('rotating the editor link ends the editor codes and the tokens they handed out', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const code = (await makeCode(id, tokens.facilitator, 'editor')).body.code as string;
    const viewerCode = (await makeCode(id, tokens.facilitator, 'viewer')).body.code as string;
    const joined = (await join(code)).body.token as string;
    expect(await sessionRole(id, joined)).toBe('editor');
    const rotated = await post(`/api/analyses/${id}/rotate`, { role: 'editor' }, { token: tokens.facilitator });
    expect(rotated.status).toBe(200);
    expect(await sessionRole(id, joined)).toBe(401);
    expect((await join(code)).status).toBe(404);
    // The viewer code was not touched.
    expect((await join(viewerCode)).status).toBe(200);
  });

  it('leaves no code and no token of a join after DELETE', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const code = (await makeCode(id, tokens.facilitator, 'editor')).body.code as string;
    const unused = (await makeCode(id, tokens.editor, 'viewer')).body.code as string;
    const joined = (await join(code)).body.token as string;
    const hashes = [code, unused].map((c) => hashJoinCode(normalizeJoinCode(c)!));
    const del = await fetch(`${server.url}/api/analyses/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${tokens.facilitator}` },
    });
    expect(del.status).toBe(204);
    expect(readDb(server.dbFile, (db) => db.prepare('SELECT COUNT(*) FROM join_codes').pluck().get())).toBe(0);
    expect(readDb(server.dbFile, (db) => db.prepare('SELECT COUNT(*) FROM tokens WHERE analysis_id = ?').pluck().get(id))).toBe(0);
    const files = [server.dbFile, `${server.dbFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
    for (const bytes of files) for (const hash of hashes) expect(bytes.includes(hash)).toBe(false);
    expect((await join(code)).status).toBe(404);
    expect((await join(unused)).status).toBe(404);
    expect(await sessionRole(id, joined)).toBe(401);
  });
});

describe('the way in, in the access log', () => {
  async function openedDetails(id: string, token: string): Promise<Array<{ name: string; detail?: string }>> {
    const res = await fetch(`${server.url}/api/analyses/${id}/log?action=opened`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { entries: Array<{ name: string; detail?: string }> };
    return body.entries.map(({ name, detail }) => (detail === undefined ? { name } : { name, detail }));
  }

  it('logs opened with detail qr or code from the handshake, and nothing for the link or an unknown way', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const joined = (await join((await makeCode(id, tokens.facilitator, 'editor')).body.code)).body.token as string;
    const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    const open = async (token: string, name: string, via: string | null) => {
      const protocols = ['samenzicht', `samenzicht.token.${token}`, `samenzicht.name.${b64(name)}`];
      if (via !== null) protocols.push(`samenzicht.via.${via}`);
      const socket = new WebSocket(`${server.syncUrl}/${id}`, protocols);
      teardown.add(() => socket.terminate());
      await within(new Promise((resolve) => socket.once('message', resolve)), `${name} synced`);
    };
    await open(joined, 'Moeder', 'code');
    await open(tokens.viewer, 'Opa', 'qr');
    await open(tokens.editor, 'Vader', null);
    await open(tokens.editor, 'Buurvrouw', 'fax');
    await waitFor(async () => (await openedDetails(id, tokens.facilitator)).length === 4, 'four opened entries');
    expect(new Set((await openedDetails(id, tokens.facilitator)).map((e) => JSON.stringify(e)))).toEqual(
      new Set(
        [{ name: 'Moeder', detail: 'code' }, { name: 'Opa', detail: 'qr' }, { name: 'Vader' }, { name: 'Buurvrouw' }].map((e) =>
          JSON.stringify(e),
        ),
      ),
    );
  });
});
