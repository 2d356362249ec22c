/**
 * `npm run bench`: runs the server benchmarks (sync against the stock server, cold load, growth per drag, socket
 * fuzzing) and the other benchmarks as child processes when their scripts exist (pattern analysis, layout, PNG
 * export, browser, bundle), and writes BENCHMARKS.md: date, machine, versions, every figure with its goal and
 * whether it is met.
 *
 * Options: --runs 5 (interleaved runs per sync scenario), --seconds 8 (measured seconds per run), --only a,b and
 * --skip a,b (sections: sync, coldload, growth, versions, durability, fuzz, exportload, loops, layout, export, browser, bundle),
 * --fuzz-messages 100000, --browser-budget 240 (seconds the browser benchmark may measure), --out BENCHMARKS.md.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../faults/serverProcess.ts';
import { formatMet, formatMs, formatTable } from './benchStats.ts';
import { runColdLoadBench } from './coldLoadBench.ts';
import { runDurabilityBench } from './durabilityBench.ts';
import { runExportLoadBench } from './exportLoadBench.ts';
import { runFuzzBench } from './fuzzBench.ts';
import { runGrowthBench } from './growthBench.ts';
import { runVersionsBench } from './versionsBench.ts';
import {
  OUR_BENCH_ENV,
  SCENARIOS,
  formatSyncSection,
  measureCommitLatency,
  runSyncBench,
  type SyncBenchOptions,
  type Verdict,
} from './syncBench.ts';

function readArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const RUNS = Number(readArg('runs', '5'));
const SECONDS = Number(readArg('seconds', '8'));
const FUZZ_MESSAGES = Number(readArg('fuzz-messages', '100000'));
const BROWSER_BUDGET = readArg('browser-budget', '240');
const OUT = path.resolve(REPO_ROOT, readArg('out', 'BENCHMARKS.md'));
const ONLY = readArg('only', '').split(',').filter(Boolean);
const SKIP = readArg('skip', '').split(',').filter(Boolean);
const wanted = (key: string): boolean => (ONLY.length === 0 || ONLY.includes(key)) && !SKIP.includes(key);

const log = (line: string): void => void process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

interface Section {
  readonly title: string;
  readonly markdown: string;
  readonly verdicts: readonly Verdict[];
  readonly seconds: number;
}

function versionOf(pkg: string, from = 'node_modules'): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, from, pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '—';
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Runs `script` as `node --import tsx script args` and resolves with its stdout (rejects on failure). */
function runScript(script: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean)) log(`  ${path.basename(script)}: ${line}`);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${path.basename(script)} ended with ${code ?? signal}:\n${stderr.slice(-2_000)}`));
    });
  });
}

/** Markdown printed by another benchmark, its headings moved one level down under ours. */
function nest(markdown: string): string {
  return markdown.replace(/^(#{1,5}) /gm, '#$1 ').trim();
}

/** Verdicts from the plain-text output of loopsBench.ts (goal ≤ 200 ms for the default case). */
function loopsVerdicts(output: string): Verdict[] {
  const line = output.split('\n').find((l) => l.startsWith('weighted kinds, default time budget'));
  const ms = line ? Number(/median\s+([\d.]+) ms/.exec(line)?.[1]) : Number.NaN;
  return [
    {
      figure: 'Pattern analysis, 1,000 factors / 3,000 links (default time budget)',
      value: Number.isFinite(ms) ? `${ms} ms` : 'not found in the output',
      goal: '≤ 200 ms',
      met: Number.isFinite(ms) ? ms <= 200 : null,
    },
  ];
}

/** Verdicts written by exportBench.ts (goals at the default scale 2: 50 factors ≤ 0.3 s, 500 ≤ 1.5 s, Node and Chromium). */
const EXPORT_JSON = '.tmp/bench-export.json';
function exportVerdicts(): Verdict[] {
  try {
    const { verdicts } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, EXPORT_JSON), 'utf8')) as { verdicts: Verdict[] };
    return verdicts;
  } catch (error) {
    return [{ figure: 'PNG export', value: `no verdicts in ${EXPORT_JSON}: ${String(error)}`, goal: '—', met: null }];
  }
}

interface Hook {
  readonly key: string;
  readonly title: string;
  readonly script: string;
  /** `text`: shown as it is printed; `markdown`: included as a section. */
  readonly kind: 'text' | 'markdown';
  readonly args: readonly string[];
  readonly timeoutMs: number;
  readonly verdicts?: (output: string) => Verdict[];
}

/** The benchmarks of other parts, run when their script exists; each prints its own section. */
const HOOKS: readonly Hook[] = [
  {
    key: 'loops',
    title: 'Pattern analysis (loops and break points)',
    script: 'server/src/bench/loopsBench.ts',
    kind: 'text',
    args: [],
    timeoutMs: 180_000,
    verdicts: loopsVerdicts,
  },
  {
    key: 'layout',
    title: 'Layout ("Netjes maken")',
    script: 'server/src/bench/layoutBench.ts',
    kind: 'markdown',
    args: [],
    timeoutMs: 900_000,
  },
  {
    key: 'export',
    title: 'PNG export: Node, Chromium and html-to-image 1.11.11',
    script: 'server/src/bench/exportBench.ts',
    kind: 'markdown',
    args: ['--json', EXPORT_JSON],
    timeoutMs: 600_000,
    verdicts: exportVerdicts,
  },
  {
    key: 'browser',
    title: 'Browser: the canvas against bare React Flow',
    script: 'server/src/bench/browserBench.ts',
    kind: 'markdown',
    args: ['--budget', BROWSER_BUDGET, '--json', '.tmp/bench-browser.json'],
    timeoutMs: (Number(BROWSER_BUDGET) + 300) * 1000,
  },
  {
    key: 'bundle',
    title: 'Bundle size',
    script: 'server/src/bench/bundleBench.ts',
    kind: 'markdown',
    args: ['--json', '.tmp/bench-bundle.json'],
    timeoutMs: 300_000,
  },
];

async function timed(title: string, run: () => Promise<{ markdown: string; verdicts: readonly Verdict[] }>): Promise<Section> {
  const started = performance.now();
  log(`${title}: start (load average ${loadAverage()})`);
  try {
    const { markdown, verdicts } = await run();
    const seconds = (performance.now() - started) / 1000;
    log(`${title}: done in ${seconds.toFixed(0)} s`);
    return { title, markdown, verdicts, seconds };
  } catch (error) {
    const seconds = (performance.now() - started) / 1000;
    const message = error instanceof Error ? error.message : String(error);
    log(`${title}: FAILED: ${message}`);
    return { title, markdown: `**This section failed:**\n\n\`\`\`\n${message.slice(0, 3_000)}\n\`\`\``, verdicts: [], seconds };
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const startedAt = new Date();
  const loadAtStart = loadAverage();
  const sections: Section[] = [];
  const syncOptions: SyncBenchOptions = { runs: RUNS, durationS: SECONDS, warmupS: 1, drainMs: 1_500, scenarios: SCENARIOS, log };

  if (wanted('sync')) {
    sections.push(
      await timed('Sync server: Samenzicht against the stock y-websocket server', async () => {
        const commitBefore = measureCommitLatency();
        const results = await runSyncBench(syncOptions);
        const commitAfter = measureCommitLatency();
        const { markdown, verdicts } = formatSyncSection(results, syncOptions);
        const commits = `One small SQLite commit as our server makes it (WAL, synchronous=FULL, so an fsync) took, measured alone on this disk, p50 ${formatMs(commitBefore.p50)} / p99 ${formatMs(commitBefore.p99)} / max ${formatMs(commitBefore.max)} ms before the sync runs and p50 ${formatMs(commitAfter.p50)} / p99 ${formatMs(commitAfter.p99)} / max ${formatMs(commitAfter.max)} ms after. The server makes one per 50 ms for all rooms together (group commit), on its storage thread, not on the event loop that relays edits.`;
        const method = [
          `Each run starts a fresh server process and a fresh load generator process (\`server/src/bench/syncLoad.ts\`). The generator connects raw \`ws\` clients that send pre-encoded y-websocket update messages — drag ends made in advance with the app's \`moveFactors\` on a Y.Doc of their own — at a fixed rate with a random phase, plus 3 stock \`WebsocketProvider\` clients with real Y.Docs that must hold exactly the base plus every update sent at the end (as must a client syncing afresh). Latency: from sending an edit to each other client of the analysis receiving it, measured in the generator (one clock). ${RUNS} runs per scenario and server, interleaved (ours/stock, then stock/ours, …); ${SECONDS} s measured after 1 s of warm-up, then 1.5 s to drain; medians over the runs whose generator stayed below 70 % of a core (a run above that is invalid: the generator, not the server, may set its numbers). Server CPU from /proc/<pid>/stat over the measured window (100 % = one core), RSS from /proc/<pid>/status (max during the window). Bytes sent per edit: WebSocket payload + frame header of everything the server sent to the simulated clients, per edit (the stock server also echoes each update to its sender).`,
          '',
          `Stock server: \`@y/websocket-server\` ${versionOf('@y/websocket-server')} started as its README says (\`HOST=127.0.0.1 PORT=… npx y-websocket\`, here \`node node_modules/@y/websocket-server/src/server.js\` so the pid is the server's), in memory, no persistence. Samenzicht: \`node --import tsx server/src/main.ts\` with a fresh DATA_DIR, storing every update (SQLite, synchronous=FULL, flushed every 50 ms) and checking tokens. **Limits set for the benchmark:** ${Object.entries(
            OUR_BENCH_ENV,
          )
            .map(([k, v]) => `\`${k}=${v}\``)
            .join(
              ', ',
            )} — all simulated clients come from 127.0.0.1, and the default of 100 connections per address would refuse most of them; every other limit is the default (\`MAX_MESSAGES_PER_SECOND\` 200 per connection, far above 10 edits/s; \`MAX_CONNECTIONS_PER_ANALYSIS\` 250).`,
          '',
          markdown,
          '',
          commits,
        ].join('\n');
        return { markdown: method, verdicts };
      }),
    );
  }
  if (wanted('coldload'))
    sections.push(await timed('Cold load of an analysis with 100,000 stored updates', () => runColdLoadBench({ runs: RUNS, log })));
  if (wanted('growth')) sections.push(await timed('Growth of the stored document per drag', () => runGrowthBench()));
  if (wanted('versions')) sections.push(await timed('Versions: storage, listing and opening', () => runVersionsBench()));
  if (wanted('durability')) sections.push(await timed('How soon an edit is on disk', () => runDurabilityBench()));
  if (wanted('fuzz'))
    sections.push(
      await timed(`Fuzzing the sync socket (${FUZZ_MESSAGES.toLocaleString('en')} messages)`, () =>
        runFuzzBench({ messages: FUZZ_MESSAGES, log }),
      ),
    );
  if (wanted('exportload')) {
    sections.push(
      await timed("Another family's sync while 5,000-factor PDF exports loop", () =>
        runExportLoadBench({ seconds: 20, workers: [1, 2], log }),
      ),
    );
  }

  for (const hook of HOOKS) {
    if (!wanted(hook.key)) continue;
    const script = path.join(REPO_ROOT, hook.script);
    if (!fs.existsSync(script)) {
      sections.push({
        title: hook.title,
        markdown: `Not measured: \`${hook.script}\` does not exist yet. (Hook: when it exists, \`npm run bench\` runs it as a child process and includes what it prints on stdout${hook.kind === 'markdown' ? ' as markdown' : ''}.)`,
        verdicts: [],
        seconds: 0,
      });
      continue;
    }
    sections.push(
      await timed(hook.title, async () => {
        const output = await runScript(script, hook.args, hook.timeoutMs);
        const verdicts = hook.verdicts?.(output) ?? [];
        const body = hook.kind === 'markdown' ? nest(output) : `\`\`\`\n${output.trim()}\n\`\`\``;
        // A markdown section prints its own goals table; a text one gets it here.
        const goals =
          verdicts.length > 0 && hook.kind === 'text'
            ? `\n\n${formatTable(
                ['figure', 'value', 'goal', 'verdict'],
                verdicts.map((v) => [v.figure, v.value, v.goal, formatMet(v.met)]),
              )}`
            : '';
        return {
          markdown: `Printed by \`${hook.script}\`${hook.args.length > 0 ? ` (\`${hook.args.join(' ')}\`)` : ''}:\n\n${body}${goals}`,
          verdicts,
        };
      }),
    );
  }

  const totalSeconds = (performance.now() - started) / 1000;
  const verdicts = sections.flatMap((s) => s.verdicts);
  const cpus = os.cpus();
  const markdown = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (\`server/src/bench/runBench.ts\`) on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${(totalSeconds / 60).toFixed(1)} minutes. Do not edit by hand; rerun instead.`,
    '',
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}); load average (1, 5, 15 min) ${loadAtStart} at the start, ${loadAverage()} at the end. Other work on the machine during the run shows up as noise in every figure.`,
    `- Node ${process.version}; yjs ${versionOf('yjs')}, y-protocols ${versionOf('y-protocols')}, y-websocket (client) ${versionOf('y-websocket')}, @y/websocket-server ${versionOf('@y/websocket-server')} (with ws ${versionOf('ws', 'node_modules/@y/websocket-server/node_modules')}), ws ${versionOf('ws')}, better-sqlite3 ${versionOf('better-sqlite3')}, lib0 ${versionOf('lib0')}.`,
    `- Options: ${RUNS} runs, ${SECONDS} s per sync run, ${FUZZ_MESSAGES.toLocaleString('en')} fuzz messages, browser budget ${BROWSER_BUDGET} s${ONLY.length > 0 ? `, only ${ONLY.join(', ')}` : ''}${SKIP.length > 0 ? `, skipped ${SKIP.join(', ')}` : ''}.`,
    '',
    '## Goals at a glance',
    '',
    verdicts.length > 0
      ? formatTable(
          ['figure', 'value', 'goal', 'verdict'],
          verdicts.map((v) => [v.figure, v.value, v.goal, formatMet(v.met)]),
        )
      : 'No goals were measured.',
    '',
    'The browser, layout and bundle sections judge their own goals in their tables below.',
    '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', s.markdown, '', `<sub>${s.seconds.toFixed(0)} s</sub>`, '']),
  ].join('\n');
  fs.writeFileSync(OUT, markdown);
  log(
    `wrote ${path.relative(REPO_ROOT, OUT)} (${verdicts.filter((v) => v.met === true).length} goals met, ${verdicts.filter((v) => v.met === false).length} not met) in ${(totalSeconds / 60).toFixed(1)} min`,
  );
}

await main();
