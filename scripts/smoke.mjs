// @ts-check
/**
 * Checks a running Samenzicht from outside, as a person and a script would use it: `node scripts/smoke.mjs <url>`.
 * The app page and /healthz; an analysis created from examples/small.samenzicht.json; two sync clients (the stock
 * y-websocket client) that see each other's edit, which the HTTP API then returns; PNG, PDF and SVG exports.
 * Plain JavaScript on runtime packages only, so it runs after `npm prune --omit=dev` and under any Node version;
 * .ci/run uses it on the built server under Node 24. Exit code 1 and the failed step on stderr when something fails.
 */
import * as fs from 'node:fs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const base = (process.argv[2] ?? '').replace(/\/+$/, '');
if (!/^https?:\/\//.test(base)) {
  console.error('gebruik: node scripts/smoke.mjs http://127.0.0.1:8080');
  process.exit(2);
}

/** @param {boolean} ok @param {string} what */
function check(ok, what) {
  if (!ok) throw new Error(what);
  console.log(`ok  ${what}`);
}

/** Resolves once `test()` holds, polling; rejects after `ms`. @param {() => boolean} test @param {string} what */
async function waitFor(test, what, ms = 10_000) {
  const until = Date.now() + ms;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A stock sync client on the analysis. @param {string} id @param {string} token */
function connect(id, token) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${base.replace(/^http/, 'ws')}/sync`, id, doc, {
    params: { token },
    WebSocketPolyfill: /** @type {any} */ (WebSocket),
    disableBc: true,
  });
  return { doc, provider, synced: () => provider.synced };
}

async function main() {
  const health = await fetch(`${base}/healthz`);
  check(health.status === 200, 'GET /healthz answers 200');

  const page = await fetch(`${base}/a/x`);
  check(page.status === 200 && (await page.text()).includes('<script'), 'an app route serves the built index.html');

  const content = JSON.parse(fs.readFileSync(new URL('../examples/small.samenzicht.json', import.meta.url), 'utf8'));
  const created = await fetch(`${base}/api/analyses`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Rooktest', content }),
  });
  check(created.status === 201, 'POST /api/analyses creates an analysis');
  const { id, tokens } = /** @type {{ id: string, tokens: { facilitator: string, editor: string } }} */ (await created.json());
  const auth = { Authorization: `Bearer ${tokens.facilitator}` };

  const a = connect(id, tokens.editor);
  const b = connect(id, tokens.facilitator);
  try {
    await waitFor(() => a.synced() && b.synced(), 'both sync clients synced');
    const factorsA = a.doc.getMap('factors');
    check(factorsA.size === content.factors.length, `a sync client receives the ${content.factors.length} factors`);
    const first = /** @type {Y.Map<unknown>} */ (factorsA.get(content.factors[0].id));
    first.set('label', 'Gewijzigd door de rooktest');
    await waitFor(() => {
      const seen = /** @type {Y.Map<unknown> | undefined} */ (b.doc.getMap('factors').get(content.factors[0].id));
      return seen?.get('label') === 'Gewijzigd door de rooktest';
    }, 'the other client sees the edit');
    console.log('ok  an edit reaches the other sync client');
    /** @type {{ factors: { id: string, label: string }[] } | null} */
    let file = null;
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      file = await (await fetch(`${base}/api/analyses/${id}`, { headers: auth })).json();
      if (file?.factors.find((f) => f.id === content.factors[0].id)?.label === 'Gewijzigd door de rooktest') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    check(
      file?.factors.find((f) => f.id === content.factors[0].id)?.label === 'Gewijzigd door de rooktest',
      'GET /api/analyses/:id returns the edit',
    );
  } finally {
    a.provider.destroy();
    b.provider.destroy();
  }

  const exports = [
    { ext: 'png', type: 'image/png', starts: (/** @type {Buffer} */ bytes) => bytes.subarray(1, 4).toString() === 'PNG' },
    { ext: 'pdf', type: 'application/pdf', starts: (/** @type {Buffer} */ bytes) => bytes.subarray(0, 5).toString() === '%PDF-' },
    { ext: 'svg', type: 'image/svg+xml', starts: (/** @type {Buffer} */ bytes) => bytes.toString().includes('<svg') },
  ];
  for (const { ext, type, starts } of exports) {
    const started = Date.now();
    const res = await fetch(`${base}/api/analyses/${id}/export.${ext}`, { headers: auth });
    const bytes = Buffer.from(await res.arrayBuffer());
    const ok = res.status === 200 && (res.headers.get('content-type') ?? '').startsWith(type) && starts(bytes);
    check(ok, `export.${ext}: ${res.status}, ${bytes.length} bytes in ${Date.now() - started} ms`);
  }

  const log = await (await fetch(`${base}/api/analyses/${id}/log`, { headers: auth })).json();
  const exported = log.entries.filter((/** @type {{ action: string }} */ e) => e.action === 'exported').length;
  check(exported >= 1, 'the access log records the exports (the storage thread works)');

  const deleted = await fetch(`${base}/api/analyses/${id}`, { method: 'DELETE', headers: auth });
  check(deleted.status === 204, 'DELETE /api/analyses/:id removes it');
}

main().then(
  () => process.exit(0),
  (/** @type {unknown} */ error) => {
    console.error(`MISLUKT: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
