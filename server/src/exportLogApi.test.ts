/** `POST /api/analyses/:id/exports`: exports made in the browser reach the access log (CONTRACT.md §2, README). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_NAME } from './accessLog.ts';
import { EXPORT_LOG_MESSAGES, EXPORT_REPORT_RATE, parseExportReport } from './exportLogApi.ts';
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
  return fetch(`${server.url}/api/analyses/${id}/exports`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(method === 'POST' ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

interface Entry {
  name: string;
  role: string;
  action: string;
  detail?: string;
  count?: number;
}

async function exports(id: string, token: string): Promise<Entry[]> {
  const res = await fetch(`${server.url}/api/analyses/${id}/log`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: Entry[] }).entries.filter((e) => e.action === 'exported');
}

describe('POST /api/analyses/:id/exports', () => {
  it('logs an export of any role with its format and the name given, and answers 204', async () => {
    const { id, tokens } = await createAnalysis(server.url, { title: 'Gezin Verweij' });
    const viewer = await report(id, { format: 'png', name: 'Sanne (jeugdconsulent)' }, tokens.viewer);
    expect(viewer.status).toBe(204);
    expect(await viewer.text()).toBe('');
    expect((await report(id, { format: 'pdf' }, tokens.editor)).status).toBe(204);
    expect((await report(id, { format: 'json', name: '  ' }, tokens.facilitator)).status).toBe(204);
    expect((await report(id, { format: 'svg', name: 'Ahmed' }, tokens.facilitator)).status).toBe(204);
    expect(await exports(id, tokens.facilitator)).toMatchObject([
      { name: 'Ahmed', role: 'facilitator', detail: 'svg' },
      { name: NO_NAME, role: 'facilitator', detail: 'json' },
      { name: NO_NAME, role: 'editor', detail: 'pdf' },
      { name: 'Sanne (jeugdconsulent)', role: 'viewer', detail: 'png' },
    ]);
  });

  it('answers 401 to a missing or wrong token and to an unknown analysis, and logs nothing', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    expect((await report(id, { format: 'png' })).status).toBe(401);
    expect((await report(id, { format: 'png' }, 'x'.repeat(43))).status).toBe(401);
    expect((await report('onbekend0000000000000', { format: 'png' }, tokens.viewer)).status).toBe(401);
    expect(await exports(id, tokens.facilitator)).toEqual([]);
  });

  it('answers 400 naming the place of a bad body, and logs nothing', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const badFormat = await report(id, { format: 'gif' }, tokens.editor);
    expect(badFormat.status).toBe(400);
    expect(await badFormat.json()).toEqual({
      error: EXPORT_LOG_MESSAGES.badBody,
      errors: [{ path: 'format', message: expect.stringContaining('png, svg, pdf, json') }],
    });
    const badName = (await (await report(id, { format: 'png', name: 42 }, tokens.editor)).json()) as { errors: Array<{ path: string }> };
    expect(badName.errors.map((e) => e.path)).toEqual(['name']);
    expect((await report(id, '{"format": "png"', tokens.editor)).status).toBe(400);
    expect((await report(id, '["png"]', tokens.editor)).status).toBe(400);
    expect((await report(id, '', tokens.editor)).status).toBe(400);
    expect(await exports(id, tokens.facilitator)).toEqual([]);
  });

  it('allows only POST', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const res = await report(id, null, tokens.viewer, 'GET');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('limits reports per analysis (429 with Retry-After), not per server', async () => {
    const first = await createAnalysis(server.url);
    const second = await createAnalysis(server.url);
    // All at once, so the bucket cannot refill meaningfully (1 a second) while they arrive.
    const answers = await Promise.all(
      Array.from({ length: EXPORT_REPORT_RATE.burst + 20 }, () => report(first.id, { format: 'png' }, first.tokens.viewer)),
    );
    const accepted = answers.filter((r) => r.status === 204).length;
    const refused = answers.filter((r) => r.status === 429);
    expect(accepted).toBeGreaterThanOrEqual(EXPORT_REPORT_RATE.burst);
    expect(refused.length).toBeGreaterThan(0);
    expect(accepted + refused.length).toBe(answers.length);
    expect(refused[0]!.headers.get('retry-after')).toBe('60');
    expect((await refused[0]!.json()) as unknown).toEqual({ error: EXPORT_LOG_MESSAGES.tooMany });
    // Identical reports fold into one row with a count (the log cannot be flooded out of view); none is lost.
    const logged = await exports(first.id, first.tokens.facilitator);
    expect(logged.reduce((n, e) => n + (e.count ?? 1), 0)).toBe(accepted);
    expect((await report(second.id, { format: 'png' }, second.tokens.viewer)).status).toBe(204);
  });
});

describe('parseExportReport', () => {
  it('cleans the name as the sync server does, and leaves it out when empty', () => {
    expect(parseExportReport('{"format":"png","name":"  Oma\\u202e Fatma\\u0007 "}')).toEqual({
      ok: true,
      format: 'png',
      name: 'Oma Fatma',
    });
    expect(parseExportReport('{"format":"svg"}')).toEqual({ ok: true, format: 'svg', name: NO_NAME });
    expect(parseExportReport(JSON.stringify({ format: 'pdf', name: 'x'.repeat(100) }))).toMatchObject({ ok: true, name: 'x'.repeat(40) });
  });
});
