/**
 * Growth of the stored document per completed drag. As in the web app, a drag sends its intermediate positions
 * over awareness only and writes one `{x, y}` value with `moveFactors` when it ends; so the bytes stored per drag
 * should not depend on the drag's length. Measured on a real server (in this process) with a stock client: bytes
 * added to the update log per drag, and bytes the snapshot grows per drag once the room compacted (the
 * overwritten position stays in the document as a tombstone). Goal: ≤ 100 B per drag, whatever its length.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { moveFactors } from '@samenzicht/shared/ydoc/commands';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { REPO_ROOT } from '../faults/serverProcess.ts';
import { Teardown, connectClient, createAnalysis, startTestServer, storedSize, waitFor, type TestClient } from '../testing.ts';
import { formatBytes, formatMet, formatTable } from './benchStats.ts';
import type { Verdict } from './syncBench.ts';

const DRAGS = 200;
const GOAL_BYTES = 100;

/** One drag of `ids` over `steps` pointer moves (awareness only), then the one write at the end. */
function drag(client: TestClient, ids: readonly string[], steps: number, seed: number): void {
  const { awareness } = client.provider;
  for (let step = 1; step <= steps; step++) {
    awareness.setLocalStateField('drags', Object.fromEntries(ids.map((id) => [id, { x: seed + step, y: step }])));
  }
  moveFactors(
    client.doc,
    'bench',
    ids.map((id, i) => ({ id, position: { x: seed + steps + i, y: steps } })),
  );
  awareness.setLocalStateField('drags', null);
}

export async function runGrowthBench(): Promise<{ markdown: string; verdicts: Verdict[] }> {
  const teardown = new Teardown();
  try {
    // No compaction while measuring the log; a short grace period so that leaving compacts at once. The drags come
    // faster than people make them, so the message rate limit is lifted.
    const server = await startTestServer(teardown, { unloadGraceMs: 100, compactThreshold: 1_000_000, maxMessagesPerSecond: 1_000_000 });
    const example = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples/small.samenzicht.json'), 'utf8')) as unknown;
    const { id, tokens } = await createAnalysis(server.url, { content: example });
    const size = (): ReturnType<typeof storedSize> => storedSize(server.dbFile, id);

    const series = async (
      label: string,
      steps: number,
      group: boolean,
    ): Promise<{ label: string; logPerDrag: number; snapshotPerDrag: number }> => {
      const client = connectClient(teardown, server.syncUrl, id, tokens.editor);
      await client.synced;
      const ids = [...getMaps(client.doc).factors.keys()].sort();
      const before = size();
      for (let n = 0; n < DRAGS; n++) drag(client, group ? ids : [ids[n % ids.length]!], steps, n * 1000);
      await waitFor(() => size().logRows === before.logRows + DRAGS, `${label}: one stored update per drag`, 10_000);
      const logged = size();
      client.destroy();
      await waitFor(() => size().logRows === 0, `${label}: compacted after the last client left`, 10_000);
      const compacted = size();
      return {
        label,
        logPerDrag: (logged.logBytes - before.logBytes) / DRAGS,
        snapshotPerDrag: (compacted.snapshotBytes - before.snapshotBytes) / DRAGS,
      };
    };

    const results = [
      await series('1 factor, 1 pointer move', 1, false),
      await series('1 factor, 10 pointer moves', 10, false),
      await series('1 factor, 100 pointer moves', 100, false),
      await series('9 factors at once (a selection), 10 pointer moves', 10, true),
    ];
    const single = results.slice(0, 3);
    const worstLog = Math.max(...single.map((r) => r.logPerDrag));
    const worstSnapshot = Math.max(...single.map((r) => r.snapshotPerDrag));
    const markdown = [
      `${DRAGS} drags per row on the small example (9 factors) through a real server and a stock client; intermediate positions go over awareness, the end position is written once with \`moveFactors\`. Bytes from the database: the update log before compaction, the snapshot after the room compacted.`,
      '',
      formatTable(
        ['drag', 'log bytes per drag', 'snapshot bytes per drag (after compaction)', 'goal', 'verdict'],
        results.map((r, i) => [
          r.label,
          formatBytes(r.logPerDrag),
          formatBytes(r.snapshotPerDrag),
          i < 3 ? `≤ ${GOAL_BYTES} B` : `≤ ${GOAL_BYTES} B per factor`,
          formatMet(i < 3 ? r.logPerDrag <= GOAL_BYTES && r.snapshotPerDrag <= GOAL_BYTES : r.logPerDrag / 9 <= GOAL_BYTES),
        ]),
      ),
      '',
      'The length of a drag does not show in what is stored: only its end is written.',
    ].join('\n');
    const verdicts: Verdict[] = [
      {
        figure: 'Growth per completed drag, update log (worst of 1, 10, 100 pointer moves)',
        value: formatBytes(worstLog),
        goal: `≤ ${GOAL_BYTES} B`,
        met: worstLog <= GOAL_BYTES,
      },
      {
        figure: 'Growth per completed drag, snapshot after compaction',
        value: formatBytes(worstSnapshot),
        goal: `≤ ${GOAL_BYTES} B`,
        met: worstSnapshot <= GOAL_BYTES,
      },
    ];
    return { markdown, verdicts };
  } finally {
    await teardown.run();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runGrowthBench();
  console.log(result.markdown);
  process.exit(0);
}
