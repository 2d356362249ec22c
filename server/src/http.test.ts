import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { CONTENT_SECURITY_POLICY } from './securityHeaders.ts';
import {
  Teardown,
  connectClient,
  connectRaw,
  createAnalysis,
  makeTempDir,
  readDb,
  startTestServer,
  waitFor,
  within,
  type TestServer,
} from './testing.ts';

let teardown: Teardown;
let server: TestServer;

beforeEach(async () => {
  teardown = new Teardown();
  server = await startTestServer(teardown, { webDir: path.join(makeTempDir(teardown), 'missing') });
});

afterEach(async () => {
  await teardown.run();
});

const EXAMPLE = {
  format: 'samenzicht/analysis',
  version: 1,
  title: 'Gezin Jansen — verklarende analyse',
  factors: [
    { id: 'f1', label: 'Terugvordering kinderopvangtoeslag', kind: 'precipitating', domain: 'context', position: { x: 0, y: 0 } },
    { id: 'f2', label: 'Geldzorgen', kind: 'perpetuating', evidence: 'hypothesis', note: 'volgens moeder', position: { x: 200, y: 0 } },
    { id: 'f3', label: 'Ruzie thuis', kind: 'problem', position: { x: 100, y: 150 } },
  ],
  links: [
    { id: 'l1', from: 'f1', to: 'f2', polarity: '+' },
    { id: 'l2', from: 'f2', to: 'f3', polarity: '+' },
    { id: 'l3', from: 'f3', to: 'f2', polarity: '+', note: 'de spiraal' },
  ],
  actors: [{ id: 'a1', name: 'Moeder', role: 'parent', factors: ['f2'] }],
  loops: [{ links: ['l2', 'l3'], name: 'De schuldenspiraal' }],
};

function api(pathname: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  return fetch(`${server.url}${pathname}`, { ...init, headers });
}

async function post(body: unknown): Promise<Response> {
  return api('/api/analyses', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
}

describe('POST /api/analyses', () => {
  it('without content creates an empty analysis with links and tokens per role', async () => {
    const res = await post({ title: 'Nieuw' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; links: Record<string, string>; tokens: Record<string, string> };
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(Object.keys(body.tokens).sort()).toEqual(['editor', 'facilitator', 'viewer']);
    const tokens = Object.values(body.tokens);
    expect(new Set(tokens).size).toBe(3);
    // ≥ 128 bits: at least 22 base64url characters.
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    for (const role of ['facilitator', 'editor', 'viewer'] as const) {
      expect(body.links[role]).toBe(`${server.url}/a/${body.id}#${body.tokens[role]}`);
    }
    const file = await (await api(`/api/analyses/${body.id}`, { token: body.tokens.viewer })).json();
    expect(file).toEqual({ format: 'samenzicht/analysis', version: 1, title: 'Nieuw', factors: [], links: [], actors: [], loops: [] });
  });

  it('with an empty body creates an untitled analysis', async () => {
    const res = await api('/api/analyses', { method: 'POST' });
    expect(res.status).toBe(201);
  });

  it('with content stores the analysis file; GET returns it', async () => {
    const res = await post({ content: EXAMPLE });
    expect(res.status).toBe(201);
    const { id, tokens } = (await res.json()) as { id: string; tokens: Record<string, string> };
    const file = (await (await api(`/api/analyses/${id}`, { token: tokens.editor })).json()) as Record<string, unknown>;
    expect(file.title).toBe(EXAMPLE.title);
    expect(file.factors).toEqual([
      {
        id: 'f1',
        label: 'Terugvordering kinderopvangtoeslag',
        kind: 'precipitating',
        domain: 'context',
        evidence: 'observation',
        note: '',
        position: { x: 0, y: 0 },
      },
      { id: 'f2', label: 'Geldzorgen', kind: 'perpetuating', evidence: 'hypothesis', note: 'volgens moeder', position: { x: 200, y: 0 } },
      { id: 'f3', label: 'Ruzie thuis', kind: 'problem', evidence: 'observation', note: '', position: { x: 100, y: 150 } },
    ]);
    expect(file.links).toEqual([
      { id: 'l1', from: 'f1', to: 'f2', polarity: '+', note: '' },
      { id: 'l2', from: 'f2', to: 'f3', polarity: '+', note: '' },
      { id: 'l3', from: 'f3', to: 'f2', polarity: '+', note: 'de spiraal' },
    ]);
    expect(file.actors).toEqual(EXAMPLE.actors);
    expect(file.loops).toEqual(EXAMPLE.loops);
  });

  it('a title next to content wins over the title in the file', async () => {
    const { id, tokens } = (await (await post({ title: 'Eigen titel', content: EXAMPLE })).json()) as {
      id: string;
      tokens: Record<string, string>;
    };
    const file = (await (await api(`/api/analyses/${id}`, { token: tokens.editor })).json()) as { title: string };
    expect(file.title).toBe('Eigen titel');
  });

  it('bad content answers 400 with a Dutch sentence and the paths of the errors', async () => {
    const bad = { ...EXAMPLE, factors: [{ ...EXAMPLE.factors[0], kind: 'probleem' }, ...EXAMPLE.factors.slice(1)] };
    const res = await post({ content: bad });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; errors: Array<{ path: string; message: string }> };
    expect(body.error).toMatch(/geen geldige Samenzicht-analyse/);
    expect(body.errors).toContainEqual({
      path: 'factors[0].kind',
      message: expect.stringContaining('got "probleem"') as unknown as string,
      code: 'expectedOneOf',
      params: expect.objectContaining({ got: '"probleem"' }) as unknown as Record<string, string>,
    });
  });

  it('a file from a newer Samenzicht is refused with 400', async () => {
    const res = await post({ content: { ...EXAMPLE, version: 99 } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ path: string; message: string }> };
    expect(body.errors[0]!.path).toBe('version');
    expect(body.errors[0]!.message).toMatch(/newer Samenzicht/);
  });

  it.each([
    ['bad JSON', '{"title": ', /geen geldige JSON/],
    ['a JSON list', '[1, 2]', /JSON-object/],
    ['a title that is not text', JSON.stringify({ title: 42 }), /geen geldige/],
  ])('%s answers 400 with { error }', async (_name, body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it('a body over 5 MB answers 413', async () => {
    const res = await post({ title: 'x'.repeat(6 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/te groot/);
  });

  it('uses PUBLIC_URL for links when set', async () => {
    const other = await startTestServer(teardown, { publicUrl: 'https://samenzicht.example.nl' });
    const body = await createAnalysis(other.url);
    expect(body.links.editor).toBe(`https://samenzicht.example.nl/a/${body.id}#${body.tokens.editor}`);
  });
});

describe('GET /api/analyses/:id', () => {
  it('answers 200 with the analysis file to each of the three tokens', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: EXAMPLE });
    const bodies = await Promise.all(
      Object.values(tokens).map(async (token) => {
        const res = await api(`/api/analyses/${id}`, { token });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        return res.text();
      }),
    );
    expect(new Set(bodies).size).toBe(1);
  });

  it('shows live edits of connected clients', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const client = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await client.synced;
    addFactor(client.doc, 'test', { label: 'live', position: { x: 0, y: 0 } });
    await waitFor(async () => {
      const file = (await (await api(`/api/analyses/${id}`, { token: tokens.viewer })).json()) as { factors: unknown[] };
      return file.factors.length === 1;
    }, 'GET shows the live factor');
  });

  it('a wrong token and an unknown id get the same 401', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const answers = await Promise.all([
      api(`/api/analyses/${id}`, { token: 'A'.repeat(43) }),
      api(`/api/analyses/AAAAAAAAAAAAAAAAAAAAAA`, { token: tokens.facilitator }),
      api(`/api/analyses/${id}`),
      api(`/api/analyses/kort`, { token: tokens.facilitator }),
      api(`/api/analyses/${id}`, { headers: { Authorization: `Basic ${tokens.facilitator}` } }),
    ]);
    const bodies = await Promise.all(answers.map((res) => res.text()));
    expect(answers.map((res) => res.status)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!)).toEqual({ error: expect.stringMatching(/Geen toegang/) as unknown as string });
  });
});

describe('DELETE /api/analyses/:id', () => {
  it('with the editor or viewer token answers 403 and deletes nothing', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    expect((await api(`/api/analyses/${id}`, { method: 'DELETE', token: tokens.editor })).status).toBe(403);
    expect((await api(`/api/analyses/${id}`, { method: 'DELETE', token: tokens.viewer })).status).toBe(403);
    expect((await api(`/api/analyses/${id}`, { token: tokens.viewer })).status).toBe(200);
  });

  it('with the facilitator token answers 204; afterwards every token gets 401', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const unknown = await api(`/api/analyses/AAAAAAAAAAAAAAAAAAAAAA`, { token: tokens.viewer });
    const res = await api(`/api/analyses/${id}`, { method: 'DELETE', token: tokens.facilitator });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    for (const token of Object.values(tokens)) {
      const after = await api(`/api/analyses/${id}`, { token });
      expect(after.status).toBe(401);
      expect(await after.text()).toBe(await unknown.clone().text());
    }
    expect((await api(`/api/analyses/${id}`, { method: 'DELETE', token: tokens.facilitator })).status).toBe(401);
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.facilitator}`);
    expect((await within(raw.closed, 'closed')).code).toBe(4401);
  });

  it('leaves no byte of the analysis in the database or WAL file', async () => {
    const marker = `GEHEIM-${Date.now()}-familie`;
    // A display name only the access log holds.
    const nameMarker = `Naam-${Date.now()}-deelnemer`;
    const { id, tokens } = await createAnalysis(server.url, { title: `${marker}-titel` });
    const client = connectClient(teardown, server.syncUrl, id, tokens.editor, { name: nameMarker });
    await client.synced;
    for (let i = 0; i < 30; i++) addFactor(client.doc, 'test', { label: `${marker}-${i}`, position: { x: i, y: i } });
    const keep = await createAnalysis(server.url, { title: 'blijft bestaan' });
    // A version (issue 16) with the marker in its name: deleted with the analysis.
    const version = await api(`/api/analyses/${id}/versions`, {
      method: 'POST',
      token: tokens.editor,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `${marker}-versie` }),
    });
    expect(version.status).toBe(201);
    const filesContain = (text: string) =>
      [server.dbFile, `${server.dbFile}-wal`].some((file) => fs.existsSync(file) && fs.readFileSync(file).includes(text));
    await waitFor(() => filesContain(`${marker}-29`), 'the edits are stored');
    await waitFor(() => filesContain(nameMarker), 'the access log is stored');
    expect(filesContain(`${marker}-versie`)).toBe(true);
    const logRows = () =>
      readDb(server.dbFile, (db) => db.prepare('SELECT COUNT(*) FROM access_log WHERE analysis_id = ?').pluck().get(id));
    expect(logRows()).toBeGreaterThanOrEqual(3); // created, opened, edited

    expect((await api(`/api/analyses/${id}`, { method: 'DELETE', token: tokens.facilitator })).status).toBe(204);
    expect(filesContain(marker)).toBe(false);
    expect(filesContain(nameMarker)).toBe(false);
    expect(logRows()).toBe(0);
    expect(fs.existsSync(`${server.dbFile}-wal`) ? fs.statSync(`${server.dbFile}-wal`).size : 0).toBe(0);
    // Other analyses are untouched.
    expect((await api(`/api/analyses/${keep.id}`, { token: keep.tokens.viewer })).status).toBe(200);
  });
});

describe('other routes', () => {
  it('GET /healthz answers 200', async () => {
    const res = await api('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('every response carries the security headers', async () => {
    const answers = await Promise.all([api('/healthz'), api('/api/analyses/x'), api('/'), api('/api/nope'), post('{')]);
    for (const res of answers) {
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('the CSP allows connections to the own origin only, and no inline script', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name!, values] as const;
      }),
    );
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('unknown API routes answer 404 and wrong methods 405, in JSON', async () => {
    const notFound = await api('/api/nope');
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as { error: string }).error).toBeTruthy();
    const wrongMethod = await api('/api/analyses', { method: 'PUT' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('without a built web app, pages answer 404 with a hint instead of crashing', async () => {
    const res = await api('/a/iets');
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/npm run build/);
  });

  it('never logs a token, and logs paths without their query string', async () => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'log' });
    await api(`/api/analyses/${id}`, { token: tokens.viewer });
    await api(`/api/analyses/${id}?token=${tokens.editor}`);
    await api(`/api/analyses/${id}`, { method: 'DELETE', token: tokens.editor });
    const client = connectClient(teardown, server.syncUrl, id, tokens.facilitator);
    await client.synced;
    const log = server.log.lines.join('\n');
    expect(log).toContain(`GET /api/analyses/${id} 200`);
    expect(log).toContain(`WS /sync/${id}`);
    for (const token of Object.values(tokens)) expect(log).not.toContain(token);
    expect(log).not.toContain('?');
  });
});

describe('the web app', () => {
  async function serveApp(): Promise<TestServer> {
    const webDir = makeTempDir(teardown);
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Samenzicht</title>');
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    return startTestServer(teardown, { webDir });
  }

  it('serves files, and index.html for app routes', async () => {
    const app = await serveApp();
    const index = await fetch(`${app.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Samenzicht</title>');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);

    const route = await fetch(`${app.url}/a/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toMatch(/^text\/html/);

    const asset = await fetch(`${app.url}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');

    expect((await fetch(`${app.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/analyses/x`)).status).toBe(401);
  });
});
