/**
 * The socket fuzzer of the fault tests (faults/fuzz.ts) at full size: 100,000 hostile messages against a real
 * server process with its default limits, while someone stays in the fuzzed analysis and two clients work in
 * another one. Reports the server's resident memory before, at its peak and after, and whether everything else
 * kept working.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { runFuzz } from '../faults/fuzz.ts';
import { readRssBytes, startServerProcess } from '../faults/serverProcess.ts';
import { Teardown, connectClient, createAnalysis, sleep, waitFor } from '../testing.ts';
import { formatMiB, formatTable } from './benchStats.ts';
import type { Verdict } from './syncBench.ts';

const MIB = 1024 * 1024;
/** What "bounded" means here: the peak may not exceed the start by more than this. */
const GROWTH_LIMIT = 100 * MIB;

export async function runFuzzBench(options: {
  messages: number;
  log: (line: string) => void;
}): Promise<{ markdown: string; verdicts: Verdict[] }> {
  const teardown = new Teardown();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenzicht-fuzz-'));
  teardown.add(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  try {
    const server = await startServerProcess({ dataDir });
    teardown.add(() => server.kill());
    const target = await createAnalysis(server.url, { title: 'doelwit' });
    const other = await createAnalysis(server.url, { title: 'gewoon werk' });
    const a = connectClient(teardown, server.syncUrl, other.id, other.tokens.editor);
    const b = connectClient(teardown, server.syncUrl, other.id, other.tokens.editor);
    const bystander = connectClient(teardown, server.syncUrl, target.id, target.tokens.viewer);
    await Promise.all([a.synced, b.synced, bystander.synced]);
    await runFuzz({ syncUrl: server.syncUrl, id: target.id, token: target.tokens.editor }, { messages: 2_000, seed: 7 });
    const rssBefore = readRssBytes(server.pid)!;
    let rssPeak = rssBefore;

    let working = true;
    const added: string[] = [];
    const work = (async () => {
      for (let n = 0; working; n++) {
        added.push(addFactor((n % 2 === 0 ? a : b).doc, 'fuzz-bench', { label: `werk ${n}`, position: { x: n, y: 0 } }));
        await sleep(50);
      }
    })();
    const started = performance.now();
    const stats = await runFuzz(
      { syncUrl: server.syncUrl, id: target.id, token: target.tokens.editor },
      {
        messages: options.messages,
        seed: 42,
        onProgress: (sent) => {
          rssPeak = Math.max(rssPeak, readRssBytes(server.pid) ?? 0);
          if (sent % 20_000 === 0) options.log(`fuzz: ${sent} messages, server RSS ${formatMiB(readRssBytes(server.pid) ?? Number.NaN)}`);
        },
      },
    ).finally(async () => {
      working = false;
      await work;
    });
    const seconds = (performance.now() - started) / 1000;
    const rssAfter = readRssBytes(server.pid)!;
    const alive = server.isRunning() && (await fetch(`${server.url}/healthz`)).status === 200;
    let otherOk = true;
    await waitFor(
      () => added.every((f) => getMaps(a.doc).factors.has(f) && getMaps(b.doc).factors.has(f)),
      'the other analysis converges',
    ).catch(() => (otherOk = false));
    otherOk &&= a.provider.wsconnected && b.provider.wsconnected && bystander.provider.wsconnected;
    // The bystander leaves too: after the grace period the fuzzed room is unloaded.
    bystander.destroy();
    await sleep(6_000);
    const rssUnloaded = readRssBytes(server.pid)!;
    const fuzzedOpens =
      (await fetch(`${server.url}/api/analyses/${target.id}`, { headers: { Authorization: `Bearer ${target.tokens.viewer}` } })).status ===
      200;

    const markdown = [
      `${stats.messages.toLocaleString('en')} messages in ${seconds.toFixed(0)} s over ${stats.connections.toLocaleString('en')} connections (${Object.entries(
        stats.byKind,
      )
        .map(([kind, n]) => `${kind} ${n.toLocaleString('en')}`)
        .join(', ')}), default limits; closed by the server with ${Object.entries(stats.closeCodes)
        .map(([code, n]) => `${code} ×${n}`)
        .join(
          ', ',
        )} (1000: the fuzzer closed first). Meanwhile a viewer stayed in the fuzzed analysis and two editors worked in another one.`,
      '',
      formatTable(
        [
          'server RSS before',
          'peak',
          'after',
          'after the room unloaded',
          'server alive',
          'other analysis in sync, everyone still connected',
          'fuzzed analysis opens',
        ],
        [
          [
            formatMiB(rssBefore),
            formatMiB(rssPeak),
            formatMiB(rssAfter),
            formatMiB(rssUnloaded),
            alive ? 'yes' : '**no**',
            otherOk ? 'yes' : '**no**',
            fuzzedOpens ? 'yes' : '**no**',
          ],
        ],
      ),
    ].join('\n');
    const verdicts: Verdict[] = [
      {
        figure: `Fuzz: server alive after ${stats.messages.toLocaleString('en')} hostile messages`,
        value: alive ? 'yes' : 'no',
        goal: 'yes',
        met: alive,
      },
      { figure: 'Fuzz: other analyses keep working', value: otherOk ? 'yes' : 'no', goal: 'yes', met: otherOk },
      {
        figure: 'Fuzz: memory bounded (peak RSS − RSS before)',
        value: `${formatMiB(rssPeak - rssBefore)} (${formatMiB(rssBefore)} → ${formatMiB(rssPeak)})`,
        goal: `≤ ${formatMiB(GROWTH_LIMIT)}`,
        met: rssPeak - rssBefore <= GROWTH_LIMIT,
      },
    ];
    return { markdown, verdicts };
  } finally {
    await teardown.run();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runFuzzBench({ messages: Number(process.argv[2] ?? 100_000), log: (line) => console.error(line) });
  console.log(result.markdown);
  process.exit(0);
}
