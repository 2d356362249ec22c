/**
 * How soon an edit is on disk: from a stock client making it to its bytes being in the database file (a committed
 * transaction, read by a second connection), which is the window a SIGKILL of the server can lose. The server is a
 * process of its own with the default flush interval (50 ms); ARCHITECTURE.md promises ~100 ms. Two series: no
 * compaction (appends only), and a compaction every 100 updates (each snapshot write holds the appends behind it,
 * which is how a busy machine stretches the window, see faults/durability.test.ts). The tests only check a scaled
 * bound (TEST_TIME_FACTOR); the figures are here.
 */
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { startServerProcess } from '../faults/serverProcess.ts';
import { DB_FILE_NAME } from '../storage/sqliteStorage.ts';
import { Teardown, connectClient, createAnalysis, makeTempDir, sleep } from '../testing.ts';
import { formatMet, formatMs, formatTable, quantile } from './benchStats.ts';
import type { Verdict } from './syncBench.ts';

const EDITS = 400;
/** Between two edits: one person typing fast, well below the message rate limit. */
const EDIT_EVERY_MS = 25;
const GOAL_P99_MS = 100;

interface Series {
  readonly label: string;
  readonly latencies: number[];
  readonly lost: number;
}

async function measure(label: string, compactThreshold: number): Promise<Series> {
  const teardown = new Teardown();
  try {
    const dataDir = makeTempDir(teardown);
    const server = await startServerProcess({ dataDir, env: { COMPACT_THRESHOLD: String(compactThreshold) } });
    teardown.add(() => server.stop());
    const { id, tokens } = await createAnalysis(server.url);
    const client = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await client.synced;
    const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true, fileMustExist: true });
    teardown.add(() => db.close());
    const newRows = db.prepare('SELECT id, data FROM updates WHERE analysis_id = ? AND id > ? ORDER BY id');
    const snapshot = db.prepare('SELECT data FROM snapshots WHERE analysis_id = ?').pluck();

    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let lastRow = 0;
    let lastSnapshotLength = -1;
    const take = (data: Buffer, now: number): void => {
      for (const [text, at] of sentAt) {
        if (!data.includes(text)) continue;
        latencies.push(now - at);
        sentAt.delete(text);
      }
    };
    const look = (): void => {
      const now = performance.now();
      for (const row of newRows.iterate(id, lastRow) as Iterable<{ id: number; data: Buffer }>) {
        lastRow = row.id;
        take(row.data, now);
      }
      // A compaction may have folded rows into the snapshot before they were seen here.
      const snap = snapshot.get(id) as Buffer | undefined;
      if (snap !== undefined && snap.length !== lastSnapshotLength) {
        lastSnapshotLength = snap.length;
        take(snap, now);
      }
    };

    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < EDITS; i++) {
        // Labels that cannot be found inside one another (`e-1-` is not part of `e-10-`).
        const text = `e-${i}-`;
        sentAt.set(text, performance.now());
        addFactor(client.doc, 'bench', { label: text, position: { x: i, y: 0 } });
        await sleep(EDIT_EVERY_MS);
      }
      writing = false;
    })();
    const until = () => !writing && sentAt.size === 0;
    const deadline = performance.now() + EDITS * EDIT_EVERY_MS + 10_000;
    while (!until() && performance.now() < deadline) {
      look();
      await sleep(1);
    }
    await writer;
    return { label, latencies, lost: sentAt.size };
  } finally {
    await teardown.run();
  }
}

export async function runDurabilityBench(): Promise<{ markdown: string; verdicts: Verdict[] }> {
  const series = [await measure('no compaction', 1_000_000), await measure('compaction every 100 updates', 100)];
  const verdicts: Verdict[] = series.map((s) => {
    const p99 = quantile(s.latencies, 0.99);
    return {
      figure: `Edit on disk, p99 (${s.label})`,
      value: `${formatMs(p99)} ms`,
      goal: `≤ ${GOAL_P99_MS} ms`,
      met: s.lost === 0 && p99 <= GOAL_P99_MS,
    };
  });
  const markdown = [
    `A server process with default settings (FLUSH_INTERVAL_MS 50, synchronous=FULL) and one stock client that adds a factor every ${EDIT_EVERY_MS} ms, ${EDITS} times per series; the benchmark process reads the database file through a read-only connection every millisecond and notes when each edit's bytes are first there (in the update log or, after a compaction, the snapshot). One clock: from \`addFactor\` in the client to the committed row. This is the window in which a SIGKILL can lose an edit the others may already have seen.`,
    '',
    formatTable(
      ['series', 'edits', 'p50 ms', 'p99 ms', 'max ms', 'never on disk', 'goal (p99)', 'verdict'],
      series.map((s, i) => [
        s.label,
        String(s.latencies.length + s.lost),
        formatMs(quantile(s.latencies, 0.5)),
        formatMs(quantile(s.latencies, 0.99)),
        formatMs(Math.max(...s.latencies)),
        String(s.lost),
        `≤ ${GOAL_P99_MS} ms`,
        formatMet(verdicts[i]!.met),
      ]),
    ),
  ].join('\n');
  return { markdown, verdicts };
}
