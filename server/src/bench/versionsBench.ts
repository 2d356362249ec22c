/**
 * Versions (issue 16): the 151-factor example (examples/large.samenzicht.json) with 50 versions, each made after a
 * few edits like a session brings (labels rewritten, a kind changed, factors moved, one added, one removed), through
 * a real server (in this process), its HTTP routes and a stock client. Measured: what the 50 versions take in
 * storage against one version stored alone (goal ≤ 10 ×), listing them (goal < 50 ms) and opening any one of them
 * (goal < 100 ms), each time as a whole HTTP request on the same machine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addFactor, moveFactors, removeFactors, updateFactors } from '@samenzicht/shared/ydoc/commands';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { REPO_ROOT } from '../faults/serverProcess.ts';
import { openSqliteStorage } from '../storage/sqliteStorage.ts';
import { Teardown, connectClient, createAnalysis, readDb, startTestServer, waitFor } from '../testing.ts';
import { formatBytes, formatMet, formatMs, formatTable, median, quantile } from './benchStats.ts';
import type { Verdict } from './syncBench.ts';

const VERSIONS = 50;
const GOAL_RATIO = 10;
const GOAL_LIST_MS = 50;
const GOAL_OPEN_MS = 100;
const LIST_RUNS = 50;
const OPEN_RUNS = 3;
const KINDS = ['problem', 'perpetuating', 'aggravating', 'protective'] as const;

/** Bytes a version's row holds: its data, its record and its name. */
function versionBytes(dbFile: string, id: string): { rows: number; bytes: number; whole: number } {
  return readDb(dbFile, (db) => {
    const row = db
      .prepare(
        `SELECT COUNT(*) AS rows, COALESCE(SUM(LENGTH(data) + LENGTH(info) + LENGTH(name) + LENGTH(id)), 0) AS bytes,
         SUM(base IS NULL) AS whole FROM versions WHERE analysis_id = ?`,
      )
      .get(id) as { rows: number; bytes: number; whole: number };
    return row;
  });
}

async function timed(run: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const res = await run();
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`answered ${res.status}`);
  return performance.now() - started;
}

export async function runVersionsBench(): Promise<{ markdown: string; verdicts: Verdict[] }> {
  const teardown = new Teardown();
  try {
    const server = await startTestServer(teardown, { maxMessagesPerSecond: 1_000_000, maxCreatesPerMinute: 1_000 });
    const text = fs.readFileSync(path.join(REPO_ROOT, 'examples/large.samenzicht.json'), 'utf8');
    const example = JSON.parse(text) as unknown;
    const { id, tokens } = await createAnalysis(server.url, { content: example });
    const auth = { Authorization: `Bearer ${tokens.facilitator}` };
    const make = async (name: string): Promise<string> => {
      const res = await fetch(`${server.url}/api/analyses/${id}/versions`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      if (res.status !== 201) throw new Error(`POST versions answered ${res.status}`);
      return ((await res.json()) as { id: string }).id;
    };

    // One version alone: a fresh analysis with only that version.
    const alone = await createAnalysis(server.url, { content: example });
    await fetch(`${server.url}/api/analyses/${alone.id}/versions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${alone.tokens.facilitator}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Sessie 1' }),
    });
    const aloneBytes = versionBytes(server.dbFile, alone.id).bytes;
    const fileBytes = Buffer.byteLength(
      await (await fetch(`${server.url}/api/analyses/${alone.id}`, { headers: { Authorization: `Bearer ${alone.tokens.viewer}` } })).text(),
    );

    const client = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await client.synced;
    const ids: string[] = [];
    const makeStarted = performance.now();
    for (let n = 0; n < VERSIONS; n++) {
      if (n > 0) {
        // A session's worth of change: two labels rewritten, a kind changed, three factors moved, one factor added,
        // and every third session one removed.
        const factors = readAnalysis(client.doc).factors;
        const pick = (k: number) => factors[(n * 7 + k * 13) % factors.length]!;
        updateFactors(client.doc, 'bench', [pick(0).id], { label: `${pick(0).label.replace(/ \(\d+\)$/, '')} (${n})` });
        updateFactors(client.doc, 'bench', [pick(1).id], { note: `Besproken in sessie ${n}.` });
        updateFactors(client.doc, 'bench', [pick(2).id], { kind: KINDS[n % KINDS.length] });
        moveFactors(
          client.doc,
          'bench',
          [3, 4, 5].map((k) => ({ id: pick(k).id, position: { x: pick(k).position.x + 40, y: pick(k).position.y + 10 } })),
        );
        addFactor(client.doc, 'bench', { label: `Nieuw in sessie ${n}`, kind: 'protective', position: { x: n * 10, y: 2_000 } });
        if (n % 3 === 0) removeFactors(client.doc, 'bench', [pick(6).id]);
        const expected = readAnalysis(client.doc).factors.length;
        await waitFor(async () => {
          const file = (await (await fetch(`${server.url}/api/analyses/${id}`, { headers: auth })).json()) as { factors: unknown[] };
          return file.factors.length === expected;
        }, 'the edits reached the server');
      }
      ids.push(await make(`Sessie ${n + 1}`));
    }
    const makeMs = (performance.now() - makeStarted) / VERSIONS;
    client.destroy();
    const stored = versionBytes(server.dbFile, id);
    const ratio = stored.bytes / aloneBytes;

    const listMs: number[] = [];
    for (let i = 0; i < LIST_RUNS; i++)
      listMs.push(await timed(() => fetch(`${server.url}/api/analyses/${id}/versions`, { headers: auth })));
    // Each version opened OPEN_RUNS times, in rounds; "any version" is judged on the slowest version's median, so one
    // request that a busy machine held up does not stand for a version that is slow to open.
    const openByVersion = new Map<string, number[]>(ids.map((vid) => [vid, []]));
    for (let round = 0; round < OPEN_RUNS; round++) {
      for (const vid of ids) {
        openByVersion.get(vid)!.push(await timed(() => fetch(`${server.url}/api/analyses/${id}/versions/${vid}`, { headers: auth })));
      }
    }
    const openMs = [...openByVersion.values()].flat();
    const slowestVersion = Math.max(...[...openByVersion.values()].map((times) => median(times)));
    const compareMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      compareMs.push(await timed(() => fetch(`${server.url}/api/analyses/${id}/compare?from=${ids[0]}&to=current`, { headers: auth })));
    }
    // The same reads straight from storage (a second connection to the file, no HTTP, no thread hop): what the
    // work itself costs, apart from the requests around it.
    const direct = openSqliteStorage(server.dbFile);
    const directListMs: number[] = [];
    const directOpenMs: number[] = [];
    try {
      for (let i = 0; i < LIST_RUNS; i++) {
        const started = performance.now();
        await direct.listVersions(id);
        directListMs.push(performance.now() - started);
      }
      for (const vid of [...ids, ...ids, ...ids]) {
        const started = performance.now();
        await direct.readVersion(id, vid);
        directOpenMs.push(performance.now() - started);
      }
    } finally {
      await direct.close();
    }
    const listP95 = quantile(listMs, 0.95);

    const markdown = [
      `The large example (${formatBytes(fileBytes)} as a file, 151 factors) with ${VERSIONS} versions through a real server: before each version a stock client makes a session's worth of change (two labels or notes rewritten, a kind changed, three factors moved, one factor added, every third session one removed). A version is stored whole or as a Brotli-compressed difference from the version before it, at most 24 steps from one stored whole (\`server/src/storage/versionCodec.ts\`, \`MAX_VERSION_CHAIN\`). Storage counts each version's row (data, record, name and id). Times are whole HTTP requests on this machine (token check and storage thread included), and the same reads straight from storage; the load average above says how busy the machine was.`,
      '',
      formatTable(
        ['figure', 'value', 'goal', 'verdict'],
        [
          ['One version stored alone', formatBytes(aloneBytes), '', ''],
          [
            `${VERSIONS} versions together (${stored.whole} stored whole)`,
            `${formatBytes(stored.bytes)} = ${ratio.toFixed(1)} × one alone`,
            `≤ ${GOAL_RATIO} ×`,
            formatMet(ratio <= GOAL_RATIO),
          ],
          [
            `Listing ${VERSIONS} versions (\`GET …/versions\`, ${LIST_RUNS} times)`,
            `median ${formatMs(median(listMs))} ms, p95 ${formatMs(listP95)} ms`,
            `< ${GOAL_LIST_MS} ms`,
            formatMet(listP95 < GOAL_LIST_MS),
          ],
          [
            `Opening a version (\`GET …/versions/:vid\`, each of the ${VERSIONS} ${OPEN_RUNS} times): the slowest version (median of its opens); all requests`,
            `${formatMs(slowestVersion)} ms; all: median ${formatMs(median(openMs))} ms, p95 ${formatMs(quantile(openMs, 0.95))} ms, max ${formatMs(Math.max(...openMs))} ms`,
            `< ${GOAL_OPEN_MS} ms`,
            formatMet(slowestVersion < GOAL_OPEN_MS),
          ],
          [
            'The same straight from storage: listing / opening (no HTTP)',
            `listing median ${formatMs(median(directListMs))} ms; opening median ${formatMs(median(directOpenMs))} ms, max ${formatMs(Math.max(...directOpenMs))} ms`,
            '',
            '',
          ],
          ['Making a version (`POST …/versions`, with the edits before it)', `mean ${formatMs(makeMs)} ms`, '', ''],
          [
            'Comparing the first version with now (`GET …/compare`, 10 times)',
            `median ${formatMs(median(compareMs))} ms, max ${formatMs(Math.max(...compareMs))} ms`,
            '',
            '',
          ],
        ],
      ),
    ].join('\n');
    const verdicts: Verdict[] = [
      {
        figure: `Storage of ${VERSIONS} versions of the 151-factor example against one alone`,
        value: `${ratio.toFixed(1)} ×`,
        goal: `≤ ${GOAL_RATIO} ×`,
        met: ratio <= GOAL_RATIO,
      },
      {
        figure: `Listing ${VERSIONS} versions (p95)`,
        value: `${formatMs(listP95)} ms`,
        goal: `< ${GOAL_LIST_MS} ms`,
        met: listP95 < GOAL_LIST_MS,
      },
      {
        figure: 'Opening any version (the slowest version, median of its 3 opens)',
        value: `${formatMs(slowestVersion)} ms`,
        goal: `< ${GOAL_OPEN_MS} ms`,
        met: slowestVersion < GOAL_OPEN_MS,
      },
    ];
    return { markdown, verdicts };
  } finally {
    await teardown.run();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runVersionsBench();
  console.log(result.markdown);
  process.exit(0);
}
