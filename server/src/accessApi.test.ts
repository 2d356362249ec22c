import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFactor, setTitle } from '@samenzicht/shared/ydoc/commands';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { CLOSE_CODES } from './closeCodes.ts';
import {
  Teardown,
  connectClient,
  connectRaw,
  createAnalysis,
  scaled,
  sleep,
  startTestServer,
  waitFor,
  within,
  type TestServer,
} from './testing.ts';

const LOCAL = 'test';
const ROLES = ['facilitator', 'editor', 'viewer'] as const;

interface LogEntryBody {
  id: string;
  at: string;
  name: string;
  role: string;
  action: string;
  detail?: string;
  count: number;
  last?: string;
}

interface LogBody {
  entries: LogEntryBody[];
  next: string | null;
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

function api(pathname: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  return fetch(`${server.url}${pathname}`, { ...init, headers });
}

function rotate(id: string, token: string, body: unknown): Promise<Response> {
  return api(`/api/analyses/${id}/rotate`, {
    method: 'POST',
    token,
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function readLog(id: string, token: string): Promise<LogBody['entries']> {
  const res = await api(`/api/analyses/${id}/log`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as LogBody).entries;
}

describe('GET /api/analyses/:id/session', () => {
  it.each(ROLES)('answers { id, role, title } to the %s token', async (role) => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'Gezin Jansen' });
    const res = await api(`/api/analyses/${id}/session`, { token: tokens[role] });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ id, role, title: 'Gezin Jansen' });
  });

  it('shows the live title', async () => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'Oud' });
    const client = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await client.synced;
    setTitle(client.doc, LOCAL, 'Nieuw');
    await waitFor(async () => {
      const body = (await (await api(`/api/analyses/${id}/session`, { token: tokens.viewer })).json()) as { title: string };
      return body.title === 'Nieuw';
    }, 'the session shows the new title');
  });

  it('a wrong token, no token and an unknown id get the same 401 as GET /api/analyses/:id', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const reference = await (await api(`/api/analyses/${id}`)).text();
    const answers = await Promise.all([
      api(`/api/analyses/${id}/session`, { token: 'A'.repeat(43) }),
      api(`/api/analyses/${id}/session`),
      api(`/api/analyses/AAAAAAAAAAAAAAAAAAAAAA/session`, { token: tokens.viewer }),
    ]);
    expect(answers.map((res) => res.status)).toEqual([401, 401, 401]);
    for (const res of answers) expect(await res.text()).toBe(reference);
  });
});

describe('POST /api/analyses/:id/rotate', () => {
  it('replaces the token: the old one gets 401 and 4401, the new one works, the others are untouched', async () => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'Roteren' });
    const res = await rotate(id, tokens.facilitator, { role: 'editor' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { role: string; token: string; link: string };
    expect(body.role).toBe('editor');
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.token).not.toBe(tokens.editor);
    expect(body.link).toBe(`${server.url}/a/${id}#${body.token}`);

    expect((await api(`/api/analyses/${id}`, { token: tokens.editor })).status).toBe(401);
    expect((await api(`/api/analyses/${id}/session`, { token: tokens.editor })).status).toBe(401);
    const old = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    expect((await within(old.closed, 'old token refused')).code).toBe(CLOSE_CODES.unauthorized);

    const session = await api(`/api/analyses/${id}/session`, { token: body.token });
    expect(await session.json()).toEqual({ id, role: 'editor', title: 'Roteren' });
    const fresh = connectClient(teardown, server.syncUrl, id, body.token);
    await fresh.synced;
    expect((await api(`/api/analyses/${id}`, { token: tokens.viewer })).status).toBe(200);
    expect((await api(`/api/analyses/${id}`, { token: tokens.facilitator })).status).toBe(200);
  });

  it('closes every open connection of the old token with 4401, and only those', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const oldEditor = connectClient(teardown, server.syncUrl, id, tokens.editor);
    const oldEditorRaw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`);
    const viewer = connectClient(teardown, server.syncUrl, id, tokens.viewer);
    const facilitator = connectClient(teardown, server.syncUrl, id, tokens.facilitator);
    await Promise.all([oldEditor.synced, viewer.synced, facilitator.synced, oldEditorRaw.opened]);
    await waitFor(() => oldEditorRaw.messages.length > 0, 'the raw client joined');
    const closeCodes: number[] = [];
    oldEditor.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closeCodes.push(event.code);
    });

    const res = await rotate(id, tokens.facilitator, { role: 'editor' });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    expect((await within(oldEditorRaw.closed, 'the raw client is closed')).code).toBe(CLOSE_CODES.unauthorized);
    await waitFor(() => closeCodes.length > 0, 'the stock client is closed');
    expect(closeCodes[0]).toBe(CLOSE_CODES.unauthorized);

    // The viewer and the facilitator stay connected and keep syncing, also with the new editor.
    const newEditor = connectClient(teardown, server.syncUrl, id, token);
    await newEditor.synced;
    const f = addFactor(newEditor.doc, LOCAL, { label: 'na het roteren', position: { x: 0, y: 0 } });
    await waitFor(() => getMaps(viewer.doc).factors.has(f) && getMaps(facilitator.doc).factors.has(f), 'the others receive it');
    expect(viewer.provider.wsconnected && facilitator.provider.wsconnected).toBe(true);
  });

  it('rotating the facilitator link stops the old facilitator token too', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const res = await rotate(id, tokens.facilitator, { role: 'facilitator' });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    expect((await rotate(id, tokens.facilitator, { role: 'viewer' })).status).toBe(401);
    expect((await rotate(id, token, { role: 'viewer' })).status).toBe(200);
  });

  it.each(['editor', 'viewer'] as const)('with the %s token answers 403 and changes nothing', async (role) => {
    const { id, tokens } = await createAnalysis(server.url);
    const res = await rotate(id, tokens[role], { role: 'viewer' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/procesbegeleider/);
    for (const r of ROLES) expect((await api(`/api/analyses/${id}`, { token: tokens[r] })).status).toBe(200);
  });

  it('with a wrong token or an unknown id answers 401', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    expect((await rotate(id, 'A'.repeat(43), { role: 'viewer' })).status).toBe(401);
    expect((await rotate('AAAAAAAAAAAAAAAAAAAAAA', tokens.facilitator, { role: 'viewer' })).status).toBe(401);
  });

  it.each([
    ['no body', ''],
    ['no role', '{}'],
    ['an unknown role', JSON.stringify({ role: 'admin' })],
    ['a role that is not text', JSON.stringify({ role: 1 })],
    ['a list', '[]'],
  ])('%s answers 400 naming the field role', async (_name, body) => {
    const { id, tokens } = await createAnalysis(server.url);
    const res = await rotate(id, tokens.facilitator, body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; errors: Array<{ path: string; message: string }> };
    expect(answer.error).toMatch(/\(role\)/);
    expect(answer.errors[0]!.path).toBe('role');
    expect(answer.errors[0]!.message).toMatch(/facilitator, editor, viewer/);
    expect((await api(`/api/analyses/${id}`, { token: tokens.editor })).status).toBe(200);
  });

  it('bad JSON answers 400', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const res = await rotate(id, tokens.facilitator, '{"role": ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/geen geldige JSON/);
  });

  it('uses PUBLIC_URL for the link when set', async () => {
    const other = await startTestServer(teardown, { publicUrl: 'https://samenzicht.example.nl' });
    const { id, tokens } = await createAnalysis(other.url);
    const res = await fetch(`${other.url}/api/analyses/${id}/rotate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.facilitator}` },
      body: JSON.stringify({ role: 'viewer' }),
    });
    const body = (await res.json()) as { token: string; link: string };
    expect(body.link).toBe(`https://samenzicht.example.nl/a/${id}#${body.token}`);
  });
});

describe('GET /api/analyses/:id/log', () => {
  it('records created, opened (with the name), edited once per connection, rotated — newest first', async () => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'Logboek' });
    const anna = connectClient(teardown, server.syncUrl, id, tokens.editor, { name: 'Anna (moeder)' });
    await anna.synced;
    for (let i = 0; i < 5; i++) {
      addFactor(anna.doc, LOCAL, { label: `factor ${i}`, position: { x: i, y: 0 } });
      await sleep(20);
    }
    await waitFor(async () => (await readLog(id, tokens.facilitator)).some((e) => e.action === 'edited'), 'the edit is logged');
    expect((await rotate(id, tokens.facilitator, { role: 'viewer' })).status).toBe(200);

    const entries = await readLog(id, tokens.facilitator);
    expect(entries.map(({ name, role, action, detail }) => ({ name, role, action, detail }))).toEqual([
      { name: '—', role: 'facilitator', action: 'rotated', detail: 'viewer' },
      { name: 'Anna (moeder)', role: 'editor', action: 'edited', detail: undefined },
      { name: 'Anna (moeder)', role: 'editor', action: 'opened', detail: undefined },
      { name: '—', role: 'facilitator', action: 'created', detail: undefined },
    ]);
    for (const entry of entries) {
      expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Math.abs(Date.parse(entry.at) - Date.now())).toBeLessThan(60_000);
      expect('detail' in entry).toBe(entry.action === 'rotated');
    }
  });

  it('logs a new edited entry per connection once the interval has passed', async () => {
    // The interval itself is tested with a fake clock in connectionLog.test.ts; this is the server passing it on.
    const interval = scaled(1_000);
    const quick = await startTestServer(teardown, { editLogIntervalMs: interval });
    const { id, tokens } = await createAnalysis(quick.url);
    const client = connectClient(teardown, quick.syncUrl, id, tokens.editor, { name: 'Bram' });
    await client.synced;
    const edits = async (): Promise<number> => {
      const res = await fetch(`${quick.url}/api/analyses/${id}/log`, { headers: { Authorization: `Bearer ${tokens.facilitator}` } });
      // Identical entries are folded into one row: count the events, not the rows.
      return ((await res.json()) as LogBody).entries.filter((e) => e.action === 'edited').reduce((sum, e) => sum + e.count, 0);
    };
    /** Waits until the server applied the factor: it answers from the live document, after logging the edit. */
    const applied = async (label: string): Promise<void> => {
      const has = async (): Promise<boolean> => {
        const res = await fetch(`${quick.url}/api/analyses/${id}`, { headers: { Authorization: `Bearer ${tokens.viewer}` } });
        return ((await res.json()) as { factors: Array<{ label: string }> }).factors.some((f) => f.label === label);
      };
      await waitFor(has, `the server has "${label}"`);
    };
    const first = performance.now();
    addFactor(client.doc, LOCAL, { label: 'een', position: { x: 0, y: 0 } });
    await waitFor(async () => (await edits()) === 1, 'the first edit is logged');
    addFactor(client.doc, LOCAL, { label: 'twee', position: { x: 0, y: 0 } });
    await applied('twee');
    // Both edits reached the server within this time, so within the interval of each other: else this machine is
    // too slow for the interval chosen (raise TEST_TIME_FACTOR), and the next check would claim nothing.
    expect(performance.now() - first, 'the second edit reached the server within the interval').toBeLessThan(interval);
    expect(await edits()).toBe(1);
    await sleep(interval);
    addFactor(client.doc, LOCAL, { label: 'drie', position: { x: 0, y: 0 } });
    await waitFor(async () => (await edits()) === 2, 'the edit after the interval is logged');
  });

  it("logs a viewer's opening but never an edit of the viewer", async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const viewer = connectClient(teardown, server.syncUrl, id, tokens.viewer, { name: 'Kijker' });
    const editor = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await Promise.all([viewer.synced, editor.synced]);
    addFactor(viewer.doc, LOCAL, { label: 'geweigerd', position: { x: 0, y: 0 } });
    // A later message on the viewer's socket: once the editor hears it, the server has handled the update before it
    // (one socket, in order), and any log entry it caused is queued before the read below.
    viewer.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 });
    await waitFor(
      () => editor.provider.awareness.getStates().get(viewer.doc.clientID)?.cursor?.x === 1,
      "the viewer's later message arrived",
    );
    const entries = await readLog(id, tokens.facilitator);
    expect(entries.filter((e) => e.name === 'Kijker').map((e) => [e.role, e.action])).toEqual([['viewer', 'opened']]);
    expect(entries.some((e) => e.action === 'edited')).toBe(false);
  });

  it('a connection that only syncs (no change) is not logged as an edit', async () => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'Rustig' });
    const watcher = connectClient(teardown, server.syncUrl, id, tokens.viewer, { name: 'Kijker' });
    await watcher.synced;
    const first = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await first.synced;
    first.destroy();
    const second = connectClient(teardown, server.syncUrl, id, tokens.editor);
    // Synced means it had the server's sync step 1 and answered it (with nothing new) before the server's step 2.
    await second.synced;
    // A later message on the same socket: once the watcher hears it, the server has handled that answer.
    second.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 });
    await waitFor(
      () => watcher.provider.awareness.getStates().get(second.doc.clientID)?.cursor?.x === 1,
      "the second client's later message arrived",
    );
    // The two identical openings are one row that counts both.
    expect((await readLog(id, tokens.facilitator)).map((e) => [e.action, e.role, e.count])).toEqual([
      ['opened', 'editor', 2],
      ['opened', 'viewer', 1],
      ['created', 'facilitator', 1],
    ]);
  });

  it.each([
    ['trims and strips control characters', '  Anna\u0000\u001b[31m\u202e  ', 'Anna[31m'],
    ['keeps 40 characters', 'x'.repeat(60), 'x'.repeat(40)],
    ['cuts by characters, not halves of them', '😀'.repeat(41), '😀'.repeat(40)],
    ['uses onbekend for an empty name', '  \u0007 ', 'onbekend'],
  ])('the name: %s', async (_name, sent, logged) => {
    const { id, tokens } = await createAnalysis(server.url);
    const client = connectClient(teardown, server.syncUrl, id, tokens.viewer, { name: sent });
    await client.synced;
    await waitFor(async () => (await readLog(id, tokens.facilitator)).some((e) => e.action === 'opened'), 'opened');
    expect((await readLog(id, tokens.facilitator)).find((e) => e.action === 'opened')!.name).toBe(logged);
  });

  it('a connection without a name is logged as onbekend', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const client = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await client.synced;
    await waitFor(async () => (await readLog(id, tokens.facilitator)).some((e) => e.action === 'opened'), 'opened');
    expect((await readLog(id, tokens.facilitator))[0]).toMatchObject({ name: 'onbekend', role: 'editor', action: 'opened' });
  });

  it('holds no content and no token, and the name stays out of the server log', async () => {
    const title = `Titel-${Date.now()}-geheim`;
    const label = `Label-${Date.now()}-geheim`;
    const name = `Naam-${Date.now()}`;
    const { id, tokens } = await createAnalysis(server.url, { title });
    const client = connectClient(teardown, server.syncUrl, id, tokens.editor, { name });
    await client.synced;
    addFactor(client.doc, LOCAL, { label, position: { x: 0, y: 0 } });
    await waitFor(async () => (await readLog(id, tokens.facilitator)).some((e) => e.action === 'edited'), 'edited');
    const rotated = (await (await rotate(id, tokens.facilitator, { role: 'editor' })).json()) as { token: string };

    const logText = JSON.stringify(await readLog(id, tokens.facilitator));
    expect(logText).toContain(name);
    for (const secret of [title, label, ...Object.values(tokens), rotated.token]) expect(logText).not.toContain(secret);
    const serverLog = server.log.lines.join('\n');
    for (const secret of [name, title, label, ...Object.values(tokens), rotated.token]) expect(serverLog).not.toContain(secret);
  });

  it.each(['editor', 'viewer'] as const)('answers 403 to the %s token', async (role) => {
    const { id, tokens } = await createAnalysis(server.url);
    const res = await api(`/api/analyses/${id}/log`, { token: tokens[role] });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/procesbegeleider/);
  });

  it('answers 401 to a wrong token and to an unknown id', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    expect((await api(`/api/analyses/${id}/log`, { token: 'A'.repeat(43) })).status).toBe(401);
    expect((await api(`/api/analyses/AAAAAAAAAAAAAAAAAAAAAA/log`, { token: tokens.facilitator })).status).toBe(401);
  });

  it('logs reading the whole file over HTTP as an export (json)', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    expect((await api(`/api/analyses/${id}`, { token: tokens.viewer })).status).toBe(200);
    expect((await readLog(id, tokens.facilitator))[0]).toMatchObject({ name: '—', role: 'viewer', action: 'exported', detail: 'json' });
  });

  it('the new routes refuse other methods with 405', async () => {
    const { id } = await createAnalysis(server.url);
    expect((await api(`/api/analyses/${id}/session`, { method: 'POST' })).status).toBe(405);
    expect((await api(`/api/analyses/${id}/rotate`)).headers.get('allow')).toBe('POST');
    expect((await api(`/api/analyses/${id}/log`, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('GET /api/analyses/:id/log: folding, paging and filters', () => {
  async function readPage(id: string, token: string, query = ''): Promise<LogBody> {
    const res = await api(`/api/analyses/${id}/log${query}`, { token });
    expect(res.status).toBe(200);
    return (await res.json()) as LogBody;
  }

  /** Every entry, by following `next` with pages of `limit`. */
  async function readEverything(id: string, token: string, limit: number, filter = ''): Promise<LogEntryBody[]> {
    const all: LogEntryBody[] = [];
    let next: string | null = null;
    do {
      const page = await readPage(id, token, `?limit=${limit}${filter}${next === null ? '' : `&before=${encodeURIComponent(next)}`}`);
      all.push(...page.entries);
      next = page.next;
    } while (next !== null);
    return all;
  }

  it('600 reads by a viewer cannot push created and rotated off the first page: they are one row with count 600', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const started = Date.now();
    for (let batch = 0; batch < 12; batch++) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => api(`/api/analyses/${id}`, { token: tokens.viewer })));
      expect(answers.every((res) => res.status === 200)).toBe(true);
    }
    expect((await rotate(id, tokens.facilitator, { role: 'viewer' })).status).toBe(200);

    const page = await readPage(id, tokens.facilitator);
    expect(page.next).toBeNull();
    expect(page.entries.map(({ name, role, action, detail, count }) => ({ name, role, action, detail, count }))).toEqual([
      { name: '—', role: 'facilitator', action: 'rotated', detail: 'viewer', count: 1 },
      { name: '—', role: 'viewer', action: 'exported', detail: 'json', count: 600 },
      { name: '—', role: 'facilitator', action: 'created', detail: undefined, count: 1 },
    ]);
    const folded = page.entries[1]!;
    expect(Date.parse(folded.last!)).toBeGreaterThanOrEqual(Date.parse(folded.at));
    expect(Date.parse(folded.last!)).toBeGreaterThanOrEqual(started);
    expect('last' in page.entries[0]!).toBe(false);
    expect(new Set(page.entries.map((e) => e.id)).size).toBe(3);
    for (const entry of page.entries) expect(entry.id).toMatch(/^\d+$/);
  });

  it('pages with limit and before until next is null, reaching every entry once, newest first', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    // Different names, so nothing folds: one row each.
    for (let i = 0; i < 7; i++) {
      const res = await api(`/api/analyses/${id}/exports`, {
        method: 'POST',
        token: tokens.editor,
        body: JSON.stringify({ format: 'png', name: `Persoon ${i}` }),
      });
      expect(res.status).toBe(204);
    }
    const whole = await readPage(id, tokens.facilitator);
    expect(whole.entries).toHaveLength(8);
    const first = await readPage(id, tokens.facilitator, '?limit=3');
    expect(first.entries.map((e) => e.name)).toEqual(['Persoon 6', 'Persoon 5', 'Persoon 4']);
    expect(first.next).toEqual(expect.any(String));
    const paged = await readEverything(id, tokens.facilitator, 3);
    expect(paged).toEqual(whole.entries);
    expect((await readEverything(id, tokens.facilitator, 1)).map((e) => e.id)).toEqual(whole.entries.map((e) => e.id));
  });

  it('filters by action, role and part of a name (ignoring case), also while paging', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const anna = connectClient(teardown, server.syncUrl, id, tokens.editor, { name: 'Anna (moeder)' });
    const bram = connectClient(teardown, server.syncUrl, id, tokens.viewer, { name: 'Bram' });
    await Promise.all([anna.synced, bram.synced]);
    addFactor(anna.doc, LOCAL, { label: 'iets', position: { x: 0, y: 0 } });
    expect((await api(`/api/analyses/${id}`, { token: tokens.viewer })).status).toBe(200);
    expect((await rotate(id, tokens.facilitator, { role: 'editor' })).status).toBe(200);
    await waitFor(async () => (await readLog(id, tokens.facilitator)).some((e) => e.action === 'edited'), 'the edit is logged');

    const pick = (entries: LogEntryBody[]) => entries.map((e) => `${e.name}/${e.role}/${e.action}`);
    expect(pick((await readPage(id, tokens.facilitator, '?action=created,rotated')).entries)).toEqual([
      '—/facilitator/rotated',
      '—/facilitator/created',
    ]);
    expect(pick(await readEverything(id, tokens.facilitator, 1, '&role=viewer'))).toEqual(['—/viewer/exported', 'Bram/viewer/opened']);
    expect(pick((await readPage(id, tokens.facilitator, '?name=ANNA')).entries)).toEqual([
      'Anna (moeder)/editor/edited',
      'Anna (moeder)/editor/opened',
    ]);
    expect(pick((await readPage(id, tokens.facilitator, '?name=anna&action=opened&role=editor,viewer')).entries)).toEqual([
      'Anna (moeder)/editor/opened',
    ]);
    expect((await readPage(id, tokens.facilitator, '?name=niemand')).entries).toEqual([]);
  });

  it.each([
    ['limit', '?limit=0'],
    ['limit', '?limit=501'],
    ['limit', '?limit=tien'],
    ['limit', '?limit=2.5'],
    ['before', '?before=gisteren'],
    ['before', '?before=99999999999999999-1'],
    ['action', '?action=opened,gedanst'],
    ['action', '?action='],
    ['role', '?role=beheerder'],
    ['name', `?name=${'x'.repeat(41)}`],
    ['limit', '?limit=1&limit=2'],
  ])('a bad %s (%s) answers 400 with a Dutch sentence naming it', async (parameter, query) => {
    const { id, tokens } = await createAnalysis(server.url);
    const res = await api(`/api/analyses/${id}/log${query}`, { token: tokens.facilitator });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; errors: Array<{ path: string; message: string }> };
    expect(body.error).toContain(`parameter ${parameter} `);
    expect(body.errors[0]!.path).toBe(parameter);
  });

  it('checks the token before the query: a viewer gets 403 even with a bad query', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    expect((await api(`/api/analyses/${id}/log?limit=0`, { token: tokens.viewer })).status).toBe(403);
  });
});
