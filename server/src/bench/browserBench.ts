/**
 * Browser benchmark: Samenzicht's canvas against a bare React Flow page from the same build (web/bench.html: the
 * same nodes, positions, links, node and edge DOM, React Flow props and plug-ins; no Yjs, Zustand or editor
 * around it), at 100, 1,000 and 5,000 factors (and as many links), in Debian's Chromium.
 *
 * - First render: from navigation start to "all N nodes and N edges are in the DOM, every node is measured (React
 *   Flow shows it) and two animation frames have passed" (so it was painted), read inside the page.
 * - Drag: the node nearest the canvas centre is pressed with CDP `Input.dispatchMouseEvent`, moved every 16.67 ms
 *   for 2 s along a figure eight that ends where it began (so the analysis is unchanged), and released; frame
 *   times are the intervals between requestAnimationFrame timestamps recorded in the page during the drag. Twice
 *   per run: right after opening (the whole diagram fitted into view) and at 100 % zoom.
 * - Runs are interleaved (Samenzicht, bare, bare, Samenzicht, …: the order flips every pair), each in a fresh
 *   browser context, after one warm-up pair per size that is not counted; medians are reported.
 *
 * browserPage.ts holds what runs in the page, browserReport.ts the medians, goals and tables.
 *
 * Goals (issue): first render ≤ 1.1 × bare React Flow; drag p95 ≤ 16.7 ms at 1,000 and 5,000 factors.
 *
 * Run: node --import tsx server/src/bench/browserBench.ts [--sizes 100,1000,5000] [--runs 5] [--budget 600]
 *        [--json .tmp/bench-browser.json] [--web-dir <built dir with bench.html>]
 * It builds the web app with bench.html into .tmp/bench-web (unless --web-dir), starts the real server process
 * on a free port with a fresh data directory, prints a markdown section and writes the JSON for the runner.
 * `--budget` (seconds, default 600) caps the measured runs: when the next pair would not fit, that size stops
 * with fewer runs (at least one), and the table says how many. CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { arch, cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { createAnalysis, launchBrowser, makeDataDir, removeDataDir, startServerProcess } from '../../../web/e2e/harness.ts';
import { buildBenchAnalysis } from '../../../web/src/bench/benchDiagram.ts';
import { toAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { REPO_ROOT, buildWeb, readArg, writeJson } from './benchSupport.ts';
import { PAGE_TIMEOUT_MS, addProbe, drag, settle, waitForFirstRender, zoomTo } from './browserPage.ts';
import { VIEWPORT, describeRun, formatMarkdown, summarise, type RunResult, type SizeResult } from './browserReport.ts';

type Side = 'samenzicht' | 'bare';

async function runOnce(browser: Browser, side: Side, url: string, n: number): Promise<RunResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await addProbe(context, n, side === 'samenzicht');
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'commit', timeout: PAGE_TIMEOUT_MS });
    const first = await waitForFirstRender(page);
    if (side === 'samenzicht') {
      // Dragging needs the role from the server (read-only until then).
      await page.waitForFunction(() => document.querySelector('.react-flow__node.draggable') !== null, null, {
        timeout: PAGE_TIMEOUT_MS,
        polling: 100,
      });
    }
    await settle(page);
    const fitted = await drag(page, cdp);
    await settle(page);
    await zoomTo(page, cdp, 1);
    await settle(page);
    const zoomed = await drag(page, cdp);
    return { firstRenderMs: first.ms, drawn: first.drawn, drag: fitted, dragZoomed: zoomed };
  } finally {
    await context.close();
  }
}

/** The size of the editor's canvas, so the bare page draws into a pane of the same size. */
async function measurePane(browser: Browser, url: string, n: number): Promise<{ width: number; height: number }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await addProbe(context, n, true);
    const page = await context.newPage();
    await page.goto(url, { timeout: PAGE_TIMEOUT_MS });
    await waitForFirstRender(page);
    return await page.evaluate(() => {
      const r = document.querySelector('.react-flow')!.getBoundingClientRect();
      return { width: Math.round(r.width), height: Math.round(r.height) };
    });
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const sizes = (readArg('sizes') ?? '100,1000,5000').split(',').map(Number);
  const runs = Number(readArg('runs') ?? 5);
  const budgetMs = Number(readArg('budget') ?? 600) * 1000;
  const jsonPath = resolve(REPO_ROOT, readArg('json') ?? '.tmp/bench-browser.json');
  let webDir = readArg('web-dir');
  if (!webDir) {
    webDir = join(REPO_ROOT, '.tmp/bench-web');
    process.stderr.write(`building the web app with bench.html into ${webDir}\n`);
    buildWeb(webDir, { benchPage: true });
  }
  webDir = resolve(webDir);

  const dataDir = makeDataDir();
  const server = await startServerProcess({ dataDir, env: { WEB_DIR: webDir } });
  const browser = await launchBrowser();
  const started = performance.now();
  const loadStart = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  const results: SizeResult[] = [];
  try {
    let pane: { width: number; height: number } | null = null;
    for (const n of sizes) {
      const created = await createAnalysis(server.url, { content: toAnalysisFile(buildBenchAnalysis(n)) });
      const ours = created.links.facilitator;
      pane ??= await measurePane(browser, ours, n);
      // fonts=1: the bare page renders once the web font is in, so its nodes are measured once; the editor gets
      // that for free while it waits for the document from the server, and a bare page that re-measures 5,000
      // nodes after a font swap would be a baseline slower than React Flow needs to be.
      const bare = `${server.url}/bench.html?n=${n}&w=${pane.width}&h=${pane.height}&fonts=1`;
      const urls: Record<Side, string> = { samenzicht: ours, bare };
      const result: SizeResult = { n, runs: 0, samenzicht: [], bare: [] };
      // Warm-up pair: loads the room on the server and the code in Chromium; not counted.
      const warmStart = performance.now();
      await runOnce(browser, 'samenzicht', ours, n);
      await runOnce(browser, 'bare', bare, n);
      let lastPairMs = performance.now() - warmStart;
      for (let i = 0; i < runs; i++) {
        if (i > 0 && performance.now() - started + lastPairMs > budgetMs) {
          process.stderr.write(`budget reached: ${n} factors stops after ${i} runs\n`);
          break;
        }
        const pairStart = performance.now();
        const order: Side[] = i % 2 === 0 ? ['samenzicht', 'bare'] : ['bare', 'samenzicht'];
        for (const side of order) {
          const run = await runOnce(browser, side, urls[side], n);
          result[side].push(run);
          process.stderr.write(`${String(n).padStart(5)} ${side.padEnd(10)} run ${i + 1}: ${describeRun(run)}\n`);
        }
        lastPairMs = performance.now() - pairStart;
        (result as { runs: number }).runs = i + 1;
      }
      results.push(result);
    }
    const version = browser.version();
    const meta = {
      browser: `Chromium ${version}`,
      pane: pane ? `${pane.width}×${pane.height} px` : '—',
      node: process.version,
      cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length} (${arch()})`,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      durationS: Math.round((performance.now() - started) / 1000),
      loadAverage: `${loadStart} at the start, ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end`,
      budgetS: budgetMs / 1000,
    };
    const summaries = results.map(summarise);
    const markdown = formatMarkdown(summaries, meta);
    process.stdout.write(`${markdown}\n`);
    writeJson(jsonPath, { section: 'browser', title: 'Browser', markdown, meta, summaries, raw: results });
    process.stderr.write(`wrote ${jsonPath} (${meta.durationS} s of measuring)\n`);
  } finally {
    await browser.close();
    await server.stop();
    removeDataDir(dataDir);
  }
}

await main();
