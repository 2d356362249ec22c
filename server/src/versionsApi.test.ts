/**
 * Issue 16, CONTRACT.md §4: the versions routes, every role and bad input, a version made while three clients edit,
 * and a restore that reaches every connected client live while the state before is kept as a version.
 */
import * as fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addFactor, addLink, removeFactors, updateFactors } from '@samenzicht/shared/ydoc/commands';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { Teardown, connectClient, createAnalysis, readDb, startTestServer, waitFor, type TestServer } from './testing.ts';

const ROLES = ['facilitator', 'editor', 'viewer'] as const;
const SMALL = JSON.parse(fs.readFileSync(new URL('../../examples/small.samenzicht.json', import.meta.url), 'utf8')) as {
  factors: Array<{ id: string; label: string; kind: string }>;
  links: Array<{ id: string; from: string; to: string; polarity: string }>;
} & Record<string, unknown>;

interface VersionBody {
  id: string;
  name: string;
  at: string;
  auto: boolean;
  factors: number;
  links: number;
  loops: number;
  vicious: number;
  reason: string;
  by: { name: string; role: string };
  present: Array<{ name: string; role: string }>;
  actors: string[];
  bytes: number;
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

function post(pathname: string, token: string, body?: unknown): Promise<Response> {
  return api(pathname, {
    method: 'POST',
    token,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

async function makeVersion(id: string, token: string, name: string): Promise<{ id: string; name: string; at: string }> {
  const res = await post(`/api/analyses/${id}/versions`, token, { name });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; name: string; at: string };
}

async function listVersions(id: string, token: string): Promise<VersionBody[]> {
  const res = await api(`/api/analyses/${id}/versions`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { versions: VersionBody[] }).versions;
}

async function current(id: string, token: string): Promise<Record<string, unknown>> {
  const res = await api(`/api/analyses/${id}`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function logActions(id: string, token: string): Promise<Array<{ action: string; role: string; detail?: string }>> {
  const res = await api(`/api/analyses/${id}/log`, { token });
  return ((await res.json()) as { entries: Array<{ action: string; role: string; detail?: string }> }).entries;
}

describe('GET and POST /api/analyses/:id/versions', () => {
  it.each(ROLES)('lists no versions for a new analysis to the %s', async (role) => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const res = await api(`/api/analyses/${id}/versions`, { token: tokens[role] });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ versions: [], bytes: 0 });
  });

  it('the facilitator and an editor make versions; a viewer gets 403; the list is newest first with counts', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const first = await makeVersion(id, tokens.facilitator, 'Sessie 1 — kennismaking');
    expect(first.name).toBe('Sessie 1 — kennismaking');
    expect(new Date(first.at).toISOString()).toBe(first.at);
    const second = await makeVersion(id, tokens.editor, '  Sessie 2  ');
    expect(second.name).toBe('Sessie 2');
    const viewer = await post(`/api/analyses/${id}/versions`, tokens.viewer, { name: 'Niet' });
    expect(viewer.status).toBe(403);

    for (const role of ROLES) {
      const list = await listVersions(id, tokens[role]);
      expect(list.map((v) => v.id)).toEqual([second.id, first.id]);
      expect(list[1]).toMatchObject({
        id: first.id,
        name: first.name,
        at: first.at,
        auto: false,
        reason: 'manual',
        factors: SMALL.factors.length,
        links: SMALL.links.length,
        by: { role: 'facilitator' },
      });
      expect(list[0]!.by.role).toBe('editor');
      expect(list[0]!.loops).toBeGreaterThanOrEqual(list[0]!.vicious);
      expect(list[0]!.bytes).toBeGreaterThan(0);
    }
  });

  it('gives a version without a name a name with its date, and records who made it by their display name', async () => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'Naamloos' });
    const made = await (await post(`/api/analyses/${id}/versions`, tokens.editor, { by: 'Mira' })).json();
    expect((made as { name: string }).name).toMatch(/^Versie van \d{1,2} \w+ \d{4}, \d\d:\d\d$/);
    expect((await listVersions(id, tokens.viewer))[0]!.by).toEqual({ name: 'Mira', role: 'editor' });
    const empty = await post(`/api/analyses/${id}/versions`, tokens.editor);
    expect(empty.status).toBe(201);
  });

  it.each([
    ['a name that is not text', { name: 42 }, 'name'],
    ['a name that is too long', { name: 'x'.repeat(81) }, 'name'],
    ['a by that is not text', { name: 'ok', by: ['x'] }, 'by'],
    ['an array', [1, 2], ''],
  ])('answers 400 naming the place for %s', async (_what, body, place) => {
    const { id, tokens } = await createAnalysis(server.url, {});
    const res = await post(`/api/analyses/${id}/versions`, tokens.facilitator, body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; errors: Array<{ path: string; message: string }> };
    expect(answer.errors[0]!.path).toBe(place);
    expect(answer.error).toMatch(/name/);
    expect(await listVersions(id, tokens.facilitator)).toEqual([]);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const { id, tokens } = await createAnalysis(server.url, {});
    expect((await post(`/api/analyses/${id}/versions`, tokens.facilitator, '{name:')).status).toBe(400);
  });

  it('answers a wrong token and an unknown analysis alike (401) on every route', async () => {
    const { id, tokens } = await createAnalysis(server.url, {});
    const vid = (await makeVersion(id, tokens.facilitator, 'v')).id;
    const other = 'B'.repeat(22);
    const wrong = 'A'.repeat(43);
    const calls: Array<[string, string, string]> = [
      ['GET', `/api/analyses/${id}/versions`, wrong],
      ['POST', `/api/analyses/${id}/versions`, wrong],
      ['GET', `/api/analyses/${id}/versions/${vid}`, wrong],
      ['DELETE', `/api/analyses/${id}/versions/${vid}`, wrong],
      ['POST', `/api/analyses/${id}/versions/${vid}/restore`, wrong],
      ['GET', `/api/analyses/${id}/compare?from=${vid}&to=current`, wrong],
      ['GET', `/api/analyses/${other}/versions`, tokens.facilitator],
      ['GET', `/api/analyses/${other}/versions/${vid}`, tokens.facilitator],
      ['POST', `/api/analyses/${other}/versions/${vid}/restore`, tokens.facilitator],
    ];
    const bodies = new Set<string>();
    for (const [method, pathname, token] of calls) {
      const res = await api(pathname, { method, token });
      expect(res.status, `${method} ${pathname}`).toBe(401);
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
    const none = await api(`/api/analyses/${id}/versions`);
    expect(none.status).toBe(401);
  });
});

describe('GET and DELETE /api/analyses/:id/versions/:vid', () => {
  it('opens a version as the analysis file it was, for every role', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const before = await current(id, tokens.viewer);
    const vid = (await makeVersion(id, tokens.editor, 'Eerst')).id;
    const client = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await client.synced;
    addFactor(client.doc, 'test', { label: 'Later erbij', position: { x: 9, y: 9 } });
    await waitFor(
      async () => ((await current(id, tokens.viewer)).factors as unknown[]).length === SMALL.factors.length + 1,
      'edit arrived',
    );
    for (const role of ROLES) {
      const res = await api(`/api/analyses/${id}/versions/${vid}`, { token: tokens[role] });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await res.json()).toEqual(before);
    }
    expect((await logActions(id, tokens.facilitator)).some((e) => e.action === 'exported' && e.detail === 'version')).toBe(true);
  });

  it('answers 404 to an unknown version and to a version of another analysis, the same way', async () => {
    const a = await createAnalysis(server.url, { title: 'A' });
    const b = await createAnalysis(server.url, { title: 'B' });
    const ofB = (await makeVersion(b.id, b.tokens.facilitator, 'van B')).id;
    const answers = new Set<string>();
    for (const vid of [ofB, 'C'.repeat(22), 'nope', '%20']) {
      for (const [method, suffix] of [
        ['GET', ''],
        ['DELETE', ''],
        ['POST', '/restore'],
      ] as const) {
        const res = await api(`/api/analyses/${a.id}/versions/${vid}${suffix}`, { method, token: a.tokens.facilitator });
        expect(res.status, `${method} ${vid}${suffix}`).toBe(404);
        answers.add(await res.text());
      }
      const compare = await api(`/api/analyses/${a.id}/compare?from=${ofB}`, { token: a.tokens.viewer });
      expect(compare.status).toBe(404);
      answers.add(await compare.text());
    }
    expect(answers.size).toBe(1);
    expect([...answers][0]).not.toContain(b.id);
    // B's version is untouched.
    expect((await api(`/api/analyses/${b.id}/versions/${ofB}`, { token: b.tokens.viewer })).status).toBe(200);
  });

  it('only the facilitator deletes a version; it is gone from the list and the log records it', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const keep = (await makeVersion(id, tokens.facilitator, 'Blijft')).id;
    const gone = (await makeVersion(id, tokens.facilitator, 'Weg')).id;
    for (const role of ['editor', 'viewer'] as const) {
      expect((await api(`/api/analyses/${id}/versions/${gone}`, { method: 'DELETE', token: tokens[role] })).status).toBe(403);
    }
    expect((await api(`/api/analyses/${id}/versions/${gone}`, { method: 'DELETE', token: tokens.facilitator })).status).toBe(204);
    expect((await listVersions(id, tokens.viewer)).map((v) => v.id)).toEqual([keep]);
    expect((await api(`/api/analyses/${id}/versions/${gone}`, { token: tokens.viewer })).status).toBe(404);
    const log = await logActions(id, tokens.facilitator);
    expect(log.find((e) => e.action === 'versionDeleted')).toMatchObject({ role: 'facilitator', detail: gone });
    expect(
      log
        .filter((e) => e.action === 'versionMade')
        .map((e) => e.detail)
        .sort(),
    ).toEqual([keep, gone].sort());
  });

  it('deleting the analysis deletes its versions: no byte of them stays in the files', async () => {
    const marker = `Versie-geheim-${Date.now()}`;
    const { id, tokens } = await createAnalysis(server.url, { content: { ...SMALL, title: `${marker}-titel` } });
    await makeVersion(id, tokens.facilitator, `${marker}-sessie`);
    await makeVersion(id, tokens.editor, `${marker}-sessie-2`);
    const keep = await createAnalysis(server.url, { title: 'blijft' });
    const keepVersion = (await makeVersion(keep.id, keep.tokens.facilitator, 'blijft')).id;
    const blobs = readDb(server.dbFile, (db) => db.prepare('SELECT data FROM versions WHERE analysis_id = ?').pluck().all(id) as Buffer[]);
    expect(blobs).toHaveLength(2);
    const filesContain = (bytes: string | Buffer) =>
      [server.dbFile, `${server.dbFile}-wal`].some((file) => fs.existsSync(file) && fs.readFileSync(file).includes(bytes));
    expect(filesContain(`${marker}-sessie-2`)).toBe(true);

    expect((await api(`/api/analyses/${id}`, { method: 'DELETE', token: tokens.facilitator })).status).toBe(204);
    expect(readDb(server.dbFile, (db) => db.prepare('SELECT COUNT(*) FROM versions WHERE analysis_id = ?').pluck().get(id))).toBe(0);
    expect(filesContain(marker)).toBe(false);
    for (const blob of blobs) expect(filesContain(blob.subarray(0, 48))).toBe(false);
    expect((await api(`/api/analyses/${keep.id}/versions/${keepVersion}`, { token: keep.tokens.viewer })).status).toBe(200);
  });
});

describe('POST /api/analyses/:id/versions/:vid/restore', () => {
  it('refuses editors and viewers (403) and changes nothing', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const vid = (await makeVersion(id, tokens.facilitator, 'v')).id;
    for (const role of ['editor', 'viewer'] as const) {
      expect((await post(`/api/analyses/${id}/versions/${vid}/restore`, tokens[role])).status).toBe(403);
    }
    expect(await listVersions(id, tokens.facilitator)).toHaveLength(1);
  });

  it('reaches every connected client live and keeps the state before as a version', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const session1 = (await makeVersion(id, tokens.facilitator, 'Sessie 1')).id;
    const state1 = await current(id, tokens.viewer);
    const editor = connectClient(teardown, server.syncUrl, id, tokens.editor, { name: 'Mira' });
    const viewer = connectClient(teardown, server.syncUrl, id, tokens.viewer, { name: 'Oma' });
    const facilitator = connectClient(teardown, server.syncUrl, id, tokens.facilitator, { name: 'Sanne' });
    await Promise.all([editor.synced, viewer.synced, facilitator.synced]);
    const firstId = SMALL.factors[0]!.id;
    removeFactors(editor.doc, 'test', [firstId]);
    addFactor(editor.doc, 'test', { label: 'Nieuw na sessie 1', position: { x: 1, y: 1 } });
    const edited = readAnalysis(editor.doc);
    await waitFor(
      () =>
        readAnalysis(viewer.doc).factors.length === edited.factors.length &&
        !readAnalysis(viewer.doc).factors.some((f) => f.id === firstId),
      'edit reached the viewer',
    );
    await waitFor(
      async () => ((await current(id, tokens.viewer)).factors as unknown[]).length === edited.factors.length,
      'edit on the server',
    );
    const beforeRestore = await current(id, tokens.viewer);

    const res = await post(`/api/analyses/${id}/versions/${session1}/restore`, tokens.facilitator);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { restored: string; saved: string };
    expect(answer.restored).toBe(session1);
    expect(answer.saved).not.toBe(session1);

    // Live, without reconnecting: every client now holds the restored version.
    const expected = JSON.stringify(state1.factors);
    for (const client of [editor, viewer, facilitator]) {
      await waitFor(
        () => JSON.stringify(readAnalysis(client.doc).factors.map((f) => ({ ...f }))) !== JSON.stringify(edited.factors),
        'restore arrived',
      );
    }
    for (const client of [editor, viewer, facilitator]) {
      const ids = readAnalysis(client.doc).factors.map((f) => f.id);
      expect(ids).toEqual((state1.factors as Array<{ id: string }>).map((f) => f.id));
    }
    expect(JSON.stringify((await current(id, tokens.viewer)).factors)).toBe(expected);
    expect(editor.provider.wsconnected && viewer.provider.wsconnected).toBe(true);

    // The state before the restore is a version: nothing was lost.
    const saved = await api(`/api/analyses/${id}/versions/${answer.saved}`, { token: tokens.viewer });
    expect(await saved.json()).toEqual(beforeRestore);
    const list = await listVersions(id, tokens.viewer);
    expect(list[0]).toMatchObject({ id: answer.saved, auto: true, reason: 'restore', name: 'Voor het terugzetten van ‘Sessie 1’' });
    expect(list[0]!.present.map((p) => p.name).sort()).toEqual(['Mira', 'Oma', 'Sanne']);
    const log = await logActions(id, tokens.facilitator);
    expect(log.find((e) => e.action === 'versionRestored')).toMatchObject({ role: 'facilitator', detail: session1 });

    // Restoring the saved version brings the edits back.
    expect((await post(`/api/analyses/${id}/versions/${answer.saved}/restore`, tokens.facilitator)).status).toBe(200);
    await waitFor(() => readAnalysis(viewer.doc).factors.some((f) => f.label === 'Nieuw na sessie 1'), 'restored back');
    expect(await current(id, tokens.viewer)).toEqual(beforeRestore);
  });

  it('restores an analysis nobody has open, and the restored state is stored', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const vid = (await makeVersion(id, tokens.facilitator, 'Begin')).id;
    const begin = await current(id, tokens.viewer);
    const client = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await client.synced;
    updateFactors(client.doc, 'test', [SMALL.factors[1]!.id], { label: 'Anders genoemd', kind: 'protective' });
    await waitFor(async () => JSON.stringify(await current(id, tokens.viewer)) !== JSON.stringify(begin), 'edit stored');
    client.destroy();
    expect((await post(`/api/analyses/${id}/versions/${vid}/restore`, tokens.facilitator)).status).toBe(200);
    expect(await current(id, tokens.viewer)).toEqual(begin);
    const late = connectClient(teardown, server.syncUrl, id, tokens.viewer);
    await late.synced;
    expect(readAnalysis(late.doc).factors.find((f) => f.id === SMALL.factors[1]!.id)!.label).toBe(SMALL.factors[1]!.label);
  });
});

describe('GET /api/analyses/:id/compare', () => {
  it('answers the exact differences, the loops that appeared and went, and a summary', async () => {
    const { id, tokens } = await createAnalysis(server.url, {
      content: {
        format: 'samenzicht/analysis',
        version: 1,
        title: 'Vergelijk',
        factors: [
          { id: 'f1', label: 'Schulden', kind: 'perpetuating' },
          { id: 'f2', label: 'Stress bij moeder', kind: 'perpetuating' },
          { id: 'f3', label: 'Post blijft liggen', kind: 'perpetuating' },
        ],
        links: [
          { id: 'l1', from: 'f1', to: 'f2', polarity: '+' },
          { id: 'l2', from: 'f2', to: 'f3', polarity: '+' },
          { id: 'l3', from: 'f3', to: 'f1', polarity: '+' },
        ],
        loops: [{ links: ['l1', 'l2', 'l3'], name: 'De schuldenspiraal' }],
      },
    });
    const v1 = (await makeVersion(id, tokens.facilitator, 'Sessie 1')).id;
    const client = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await client.synced;
    updateFactors(client.doc, 'test', ['f2'], { kind: 'precipitating' });
    const f4 = addFactor(client.doc, 'test', { label: 'Schuldhulp', kind: 'protective', position: { x: 0, y: 300 } });
    const l4 = addLink(client.doc, 'test', { from: f4, to: 'f1', polarity: '-' });
    await waitFor(async () => ((await current(id, tokens.viewer)).factors as unknown[]).length === 4, 'edits stored');
    const v2 = (await makeVersion(id, tokens.editor, 'Sessie 2')).id;
    const view = (from: string, to: string, lang = '') =>
      api(`/api/analyses/${id}/compare?from=${from}&to=${to}${lang}`, { token: tokens.viewer });

    for (const to of [v2, 'current']) {
      const res = await view(v1, to);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body.factors).toEqual({ added: [f4], removed: [], changed: [{ id: 'f2', fields: ['kind'] }] });
      expect(body.links).toEqual({ added: [l4], removed: [], changed: [] });
      expect(body.loops).toMatchObject({ appeared: [], gone: [] });
      expect(body.summary).toBe(
        "1 factor erbij, 1 verband erbij, 1 vicieuze cirkel doorbroken (R1 'De schuldenspiraal'), 'Stress bij moeder' van “houdt het in stand” naar “aanleiding”",
      );
    }
    const back = (await (await view(v2, v1, '&lang=en')).json()) as Record<string, unknown>;
    expect(back.factors).toEqual({ added: [], removed: [f4], changed: [{ id: 'f2', fields: ['kind'] }] });
    expect(back.summary).toMatch(/^1 factor removed, 1 link removed, 1 new vicious circle \(R1 'De schuldenspiraal'\)/);

    // A loop that goes: l3 removed.
    client.doc.transact(() => client.doc.getMap('links').delete('l3'));
    await waitFor(async () => ((await current(id, tokens.viewer)).links as unknown[]).length === 3, 'link removal stored');
    const gone = (await (await view(v1, 'current')).json()) as { loops: { appeared: string[][]; gone: string[][] } };
    expect(gone.loops.gone).toEqual([['l1', 'l2', 'l3']]);
    expect(gone.loops.appeared).toEqual([]);
  });

  it.each([
    ['', 'from'],
    ['?from=', 'from'],
    ['?from=bad!id', 'from'],
    ['?from=current&to=x', 'to'],
    ['?from=current&from=current', 'from'],
    ['?from=current&lang=de', 'lang'],
  ])('answers 400 naming the place for %s', async (query, place) => {
    const { id, tokens } = await createAnalysis(server.url, {});
    const res = await api(`/api/analyses/${id}/compare${query}`, { token: tokens.viewer });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ path: string }> };
    expect(body.errors[0]!.path).toBe(place);
  });
});

/** The factor ids of everything stored for the analysis (snapshot and log), read from the database file. */
function storedFactorIds(id: string): Set<string> {
  return readDb(server.dbFile, (db) => {
    const doc = new Y.Doc();
    const rows = [
      ...(db.prepare('SELECT data FROM snapshots WHERE analysis_id = ?').all(id) as Array<{ data: Uint8Array }>),
      ...(db.prepare('SELECT data FROM updates WHERE analysis_id = ? ORDER BY id').all(id) as Array<{ data: Uint8Array }>),
    ];
    for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
    return new Set(readAnalysis(doc).factors.map((f) => f.id));
  });
}

describe('a version made while three clients edit', () => {
  it('holds exactly the state the server acknowledged as stored', async () => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'Drie tegelijk' });
    const clients = [0, 1, 2].map((n) =>
      connectClient(teardown, server.syncUrl, id, n === 0 ? tokens.facilitator : tokens.editor, { name: `P${n}` }),
    );
    await Promise.all(clients.map((c) => c.synced));
    // Each client adds numbered factors without pause; the version is made in the middle of it.
    let running = true;
    const counts = [0, 0, 0];
    const editing = clients.map(async (client, n) => {
      while (running) {
        addFactor(client.doc, 'test', { label: `c${n}-${counts[n]}`, position: { x: counts[n]!, y: n } }, `c${n}-${counts[n]}`);
        counts[n]!++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    await waitFor(() => counts.every((c) => c >= 5), 'everyone edited a few times');
    const storedBefore = storedFactorIds(id);
    const made = await makeVersion(id, tokens.editor, 'Midden in');
    const storedAfter = storedFactorIds(id);
    await waitFor(() => counts.every((c) => c >= 10), 'the edits went on after the version');
    running = false;
    await Promise.all(editing);

    const version = (await (await api(`/api/analyses/${id}/versions/${made.id}`, { token: tokens.viewer })).json()) as {
      factors: Array<{ id: string }>;
    };
    const ids = new Set(version.factors.map((f) => f.id));
    for (const n of [0, 1, 2]) {
      // Each client's edits arrive in order: the version holds a prefix of them (nothing skipped, nothing half).
      const mine = [...ids].filter((fid) => fid.startsWith(`c${n}-`)).map((fid) => Number(fid.slice(3)));
      expect(mine.sort((a, b) => a - b)).toEqual(mine.map((_, i) => i));
      expect(mine.length).toBeGreaterThan(0);
    }
    // The version is what storage held at one moment between the request and the answer: everything stored (and so
    // acknowledged to its client) before the request is in it, and nothing that was not stored by the answer.
    for (const fid of storedBefore) expect(ids.has(fid)).toBe(true);
    for (const fid of ids) expect(storedAfter.has(fid)).toBe(true);
    const final = await current(id, tokens.viewer);
    expect((final.factors as unknown[]).length).toBeGreaterThan(ids.size);
  });
});
