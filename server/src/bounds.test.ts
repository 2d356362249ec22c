/**
 * Issue 11, finding 1: two factors 5e18 apart (or near ±1e308) once sent the export layout's grid index into an
 * endless loop and the process out of memory. Positions are now bounded where they enter (the file parser refuses,
 * the document reader brings stored values into range) and every loop over geometry is bounded by construction.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { parseAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { POSITION_LIMIT } from '@samenzicht/shared/model/position';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { Teardown, connectClient, createAnalysis, startTestServer, waitFor, within, type TestServer } from './testing.ts';

let teardown: Teardown;
let t: TestServer;

beforeEach(async () => {
  teardown = new Teardown();
  t = await startTestServer(teardown);
});
afterEach(() => teardown.run());

const factor = (id: string, x: number, y: number) => ({ id, label: `Factor ${id}`, kind: 'perpetuating', position: { x, y } });

function farApartFile(x: number) {
  return {
    format: 'samenzicht/analysis',
    version: 1,
    title: 'Ver uit elkaar',
    factors: [factor('f1', 0, 0), factor('f2', x, 0)],
    links: [{ id: 'l1', from: 'f1', to: 'f2', polarity: '+' }],
  };
}

async function expectHealthy(): Promise<void> {
  const res = await fetch(`${t.url}/healthz`);
  expect(res.status).toBe(200);
}

describe('positions far out of range', () => {
  it.each([5e18, 1e308, -1e308])('POST /api/analyses refuses a factor at x = %d with 400 naming the place', async (x) => {
    const res = await fetch(`${t.url}/api/analyses`, { method: 'POST', body: JSON.stringify({ content: farApartFile(x) }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ path: string; message: string }> };
    expect(body.errors).toContainEqual(expect.objectContaining({ path: 'factors[1].position.x' }));
    expect(body.errors[0]!.message).toMatch(/from -1000000 to 1000000/);
    await expectHealthy();
  });

  it('a document that already holds such positions loads, exports in every format, and the server stays up', async () => {
    const created = await createAnalysis(t.url, { content: farApartFile(0) });
    const editor = connectClient(teardown, t.syncUrl, created.id, created.tokens.editor);
    await within(editor.synced, 'editor synced');
    // What a hostile client can write straight into the live document, past every parser.
    const { factors } = getMaps(editor.doc);
    editor.doc.transact(() => {
      // Far apart sideways only: the picture is as wide as allowed but not as tall (a square one would be the largest
      // PNG there is, 268 M pixels, slow to draw, and not what this test is about).
      (factors.get('f1') as Y.Map<unknown>).set('position', { x: -1e308, y: 0 });
      (factors.get('f2') as Y.Map<unknown>).set('position', { x: 5e18, y: 0 });
    });
    const auth = { headers: { Authorization: `Bearer ${created.tokens.viewer}` } };
    // The server has the far positions once its file shows them (brought into range by the reader).
    await waitFor(async () => {
      const file = (await (await fetch(`${t.url}/api/analyses/${created.id}`, auth)).json()) as {
        factors: Array<{ position: { x: number } }>;
      };
      return file.factors.some((f) => f.position.x === POSITION_LIMIT);
    }, 'the server read the far positions');

    const file = await (await fetch(`${t.url}/api/analyses/${created.id}`, auth)).json();
    const reparsed = parseAnalysisFile(file);
    // What the server hands out can be opened again.
    expect(reparsed.ok).toBe(true);
    if (reparsed.ok) {
      for (const f of reparsed.value.factors) {
        expect(Math.abs(f.position.x)).toBeLessThanOrEqual(POSITION_LIMIT);
        expect(Math.abs(f.position.y)).toBeLessThanOrEqual(POSITION_LIMIT);
      }
    }

    for (const format of ['svg', 'pdf', 'png'] as const) {
      // Generous: on a loaded 2-core machine a first export waits for the pool thread to start.
      const res = await within(fetch(`${t.url}/api/analyses/${created.id}/export.${format}?scale=1`, auth), `export.${format}`, 60_000);
      expect(res.status, format).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
      await expectHealthy();
    }

    // Another family's session still syncs.
    const other = await createAnalysis(t.url, { title: 'Een ander gezin' });
    const a = connectClient(teardown, t.syncUrl, other.id, other.tokens.editor);
    const b = connectClient(teardown, t.syncUrl, other.id, other.tokens.editor);
    await within(Promise.all([a.synced, b.synced]), 'other analysis synced');
    getMaps(a.doc).meta.set('title', 'Nog steeds live');
    await waitFor(() => getMaps(b.doc).meta.get('title') === 'Nog steeds live', 'edit relayed in the other analysis');
  }, 180_000);
});
