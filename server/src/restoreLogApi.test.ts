/** `POST /api/analyses/:id/restores`: bringing a factor or link back from the Prullenbak reaches the access log. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_NAME } from './accessLog.ts';
import { RESTORE_LOG_MESSAGES, RESTORE_REPORT_RATE, parseRestoreReport } from './restoreLogApi.ts';
import { Teardown, createAnalysis, startTestServer, type TestServer } from './testing.ts';

let teardown: Teardown;
let server: TestServer;

beforeEach(async () => {
  teardown = new Teardown();
  server = await startTestServer(teardown);
});

afterEach(async () => {
  await teardown.run();
});

function report(id: string, body: unknown, token?: string, method = 'POST'): Promise<Response> {
  return fetch(`${server.url}/api/analyses/${id}/restores`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(method === 'POST' ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

async function restored(id: string, token: string): Promise<Array<{ name: string; role: string; detail?: string }>> {
  const res = await fetch(`${server.url}/api/analyses/${id}/log?action=restored`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: Array<{ name: string; role: string; detail?: string }> }).entries;
}

describe('POST /api/analyses/:id/restores', () => {
  it('logs a restore by the facilitator or an editor with what came back and the name given', async () => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'Gezin Jansen (fictief)' });
    expect((await report(id, { kind: 'factor', name: 'Sam' }, tokens.facilitator)).status).toBe(204);
    expect((await report(id, { kind: 'link' }, tokens.editor)).status).toBe(204);
    expect(await restored(id, tokens.facilitator)).toMatchObject([
      { name: NO_NAME, role: 'editor', detail: 'link' },
      { name: 'Sam', role: 'facilitator', detail: 'factor' },
    ]);
  });

  it('refuses a viewer (403), a wrong token (401) and a bad body (400 naming the field), and logs nothing', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const viewer = await report(id, { kind: 'factor' }, tokens.viewer);
    expect(viewer.status).toBe(403);
    expect(((await viewer.json()) as { error: string }).error).toBe(RESTORE_LOG_MESSAGES.forbidden);
    expect((await report(id, { kind: 'factor' })).status).toBe(401);
    expect((await report(id, { kind: 'factor' }, 'wrong')).status).toBe(401);
    expect((await report('nope', { kind: 'factor' }, tokens.facilitator)).status).toBe(401);
    const bad = await report(id, { kind: 'actor', name: 3 }, tokens.editor);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['kind', 'name']);
    expect((await report(id, 'not json', tokens.editor)).status).toBe(400);
    expect((await report(id, null, tokens.editor, 'GET')).status).toBe(405);
    expect(await restored(id, tokens.facilitator)).toEqual([]);
  });

  it('limits reports per analysis (429 with Retry-After)', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    let refused: Response | null = null;
    for (let i = 0; i < RESTORE_REPORT_RATE.burst + 5 && !refused; i++) {
      const res = await report(id, { kind: 'link' }, tokens.editor);
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(204);
    }
    expect(refused?.headers.get('retry-after')).toBe('60');
  });

  it('parses the body with errors that name their place', () => {
    expect(parseRestoreReport('{"kind":"factor","name":"  Ahmed "}')).toEqual({ ok: true, kind: 'factor', name: 'Ahmed' });
    expect(parseRestoreReport('[1]')).toMatchObject({ ok: false, body: { errors: [{ path: '' }] } });
  });
});
