/**
 * Bundle benchmark: the JavaScript a browser must load before the app runs (the entry script of index.html, its
 * modulepreload links, and every chunk they import statically), each gzipped at level 9 and summed; the chunks
 * loaded later (layout/ELK, export, PDF, examples, workers) are listed with their sizes. Goal (issue): initial
 * JavaScript ≤ 350 kB gzip (kB = 1,000 bytes, as Vite reports).
 *
 * Run: node --import tsx server/src/bench/bundleBench.ts [--json .tmp/bench-bundle.json] [--web-dir <built dir>]
 * Without --web-dir it makes a production build (the normal one, without bench.html) into .tmp/bench-bundle, so
 * a build someone else runs in dist/web cannot change files under it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT, buildWeb, formatMet, formatTable, readArg, writeJson } from './benchSupport.ts';

const GOAL_BYTES = 350_000;

interface Chunk {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

function measureChunk(webDir: string, file: string): Chunk {
  const content = readFileSync(join(webDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** `/assets/x.js` in index.html → `assets/x.js`. */
function toFile(href: string): string {
  return href.replace(/^\//, '');
}

/** The entry scripts and modulepreload links of an HTML page. */
export function readInitialScripts(html: string): string[] {
  const files = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src && /\btype="module"/.test(tag)) files.add(toFile(src));
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && /\brel="modulepreload"/.test(tag)) files.add(toFile(href));
  }
  return [...files];
}

/**
 * Static imports of a built chunk (`import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`), not
 * dynamic `import("./x.js")`.
 */
export function readStaticImports(code: string): string[] {
  const found: string[] = [];
  const pattern = /\b(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.\/[^"']+\.js)["']/g;
  for (const match of code.matchAll(pattern)) found.push(match[1]!.slice(2));
  return found;
}

/** The initial chunk set: the HTML's scripts plus everything they import statically (which must load first). */
function collectInitial(webDir: string): { files: string[]; missingFromHtml: string[] } {
  const fromHtml = readInitialScripts(readFileSync(join(webDir, 'index.html'), 'utf8'));
  const seen = new Set<string>(fromHtml);
  const queue = [...fromHtml];
  const missingFromHtml: string[] = [];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    for (const imported of readStaticImports(readFileSync(join(webDir, file), 'utf8'))) {
      const path = dir + imported;
      if (seen.has(path)) continue;
      seen.add(path);
      missingFromHtml.push(path);
      queue.push(path);
    }
  }
  return { files: [...seen], missingFromHtml };
}

/** What a lazy chunk is for, from its name. */
function describeLazy(file: string): string {
  const name = file.split('/').pop()!;
  if (/elk/i.test(name)) return 'layout engine (ELK, worker)';
  if (/runLayout/i.test(name)) return 'layout ("Netjes maken")';
  if (/pdf|fontkit/i.test(name)) return 'PDF export';
  if (/export|svg|png/i.test(name)) return 'export';
  if (/patterns/i.test(name)) return 'loops and break points (worker, started when an analysis opens)';
  if (/worker/i.test(name)) return 'worker';
  if (/samenzicht/i.test(name)) return 'example analysis';
  return 'lazy chunk';
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)}`;

function main(): void {
  const jsonPath = resolve(REPO_ROOT, readArg('json') ?? '.tmp/bench-bundle.json');
  let webDir = readArg('web-dir');
  if (!webDir) {
    webDir = join(REPO_ROOT, '.tmp/bench-bundle');
    process.stderr.write(`building the web app into ${webDir}\n`);
    buildWeb(webDir, { benchPage: false });
  }
  webDir = resolve(webDir);

  const { files, missingFromHtml } = collectInitial(webDir);
  const initial = files.map((f) => measureChunk(webDir, f));
  const initialSet = new Set(files);
  const lazy = readdirSync(join(webDir, 'assets'))
    .filter((f) => f.endsWith('.js') && !initialSet.has(`assets/${f}`))
    .map((f) => measureChunk(webDir, `assets/${f}`))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const css = readdirSync(join(webDir, 'assets'))
    .filter((f) => f.endsWith('.css'))
    .map((f) => measureChunk(webDir, `assets/${f}`));
  const total = initial.reduce((sum, c) => sum + c.gzipBytes, 0);
  const totalRaw = initial.reduce((sum, c) => sum + c.bytes, 0);
  const met = total <= GOAL_BYTES;

  const markdown = [
    '## Bundle',
    '',
    'Initial JavaScript: the entry script of index.html, its modulepreload links and every chunk they import ' +
      'statically, each gzipped (node:zlib, level 9) and summed. kB = 1,000 bytes.',
    '',
    formatTable(
      ['Initial JavaScript', 'Raw (kB)', 'Gzip (kB)', 'Goal', 'Result'],
      [
        ...initial.map((c) => [c.file, kB(c.bytes), kB(c.gzipBytes), '', '']),
        ['**total**', kB(totalRaw), `**${kB(total)}**`, `≤ ${kB(GOAL_BYTES)}`, formatMet(met)],
      ],
    ),
    '',
    missingFromHtml.length > 0
      ? `Imported statically but not preloaded by index.html (counted above): ${missingFromHtml.join(', ')}.\n`
      : '',
    'Loaded later (lazy chunks and workers):',
    '',
    formatTable(
      ['Chunk', 'What', 'Raw (kB)', 'Gzip (kB)'],
      lazy.map((c) => [c.file, describeLazy(c.file), kB(c.bytes), kB(c.gzipBytes)]),
    ),
    '',
    `CSS (not counted): ${css.map((c) => `${c.file} ${kB(c.gzipBytes)} kB gzip`).join(', ')}.`,
    '',
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');

  process.stdout.write(`${markdown}\n`);
  writeJson(jsonPath, {
    section: 'bundle',
    title: 'Bundle',
    markdown,
    goalBytes: GOAL_BYTES,
    initialGzipBytes: total,
    initialBytes: totalRaw,
    met,
    initial,
    lazy: lazy.map((c) => ({ ...c, what: describeLazy(c.file) })),
    css,
  });
  process.stderr.write(`wrote ${jsonPath}\n`);
}

main();
