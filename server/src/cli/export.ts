/**
 * `npm run export -- <file> --png out.png [--scale N] [--svg out.svg] [--pdf out.pdf]` (CONTRACT.md §3): renders
 * an analysis without a browser. The input is a .samenzicht.json file or a PNG that carries an analysis. Also:
 * `--paper A4|A3` (PDF), `--lang nl|en`, `--actors` (names in the boxes), `--no-stances` (no stance marks and shared-ness
 * headline), `--loops R1,B2` (highlight loops), and
 * `--report out.pdf` (or `out.png`: every page under each other in one image): the case-file report, the diagram
 * and its conclusions, dated in this computer's time zone.
 * A bad file or bad options: a short message on stderr (Dutch / English) and exit code 1.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { analysePatterns } from '@samenzicht/shared/graph/patterns';
import type { HighlightLoop } from '@samenzicht/shared/export/layout';
import { parseAnalysisBytes } from '@samenzicht/shared/export/parseAnalysisBytes';
import { renderAnalysisPdf, type Paper } from '@samenzicht/shared/export/renderPdf';
import { renderAnalysisSvg } from '@samenzicht/shared/export/renderSvg';
import type { ExportLanguage } from '@samenzicht/shared/export/words';
import type { Analysis } from '@samenzicht/shared/model/types';
import { formatIssue } from '@samenzicht/shared/schema/errors';
import { loadExportFonts } from '../export/exportFonts.ts';
import { renderAnalysisPng, renderReportPng } from '../export/renderPng.ts';
import { renderReportPdf } from '@samenzicht/shared/export/report/reportPdf';
import { forTerminal } from './terminalText.ts';

const USAGE =
  'Gebruik / usage: npm run export -- <bestand.samenzicht.json | afbeelding.png> --png uit.png [--scale 1-4] [--svg uit.svg] ' +
  '[--pdf uit.pdf] [--report verslag.pdf|verslag.png] [--paper A4|A3] [--lang nl|en] [--actors] [--no-stances] [--loops R1,B2]';

const CLI_LOOP_LIMITS = { maxLoops: 10_000, timeBudgetMs: 10_000 } as const;

interface Options {
  readonly input: string;
  readonly png?: string;
  readonly svg?: string;
  readonly pdf?: string;
  readonly report?: string;
  readonly scale: number;
  readonly paper: Paper;
  readonly language: ExportLanguage;
  readonly actors: boolean;
  readonly stances: boolean;
  readonly loops: readonly string[];
}

const WITH_VALUE = new Set(['--png', '--svg', '--pdf', '--report', '--scale', '--paper', '--lang', '--loops']);

/** Reads the arguments; returns the options or the message (both languages) that says what is wrong. */
export function parseExportArgs(args: readonly string[]): Options | string {
  const values = new Map<string, string>();
  const positional: string[] = [];
  let actors = false;
  let stances = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--actors') actors = true;
    else if (arg === '--no-stances') stances = false;
    else if (WITH_VALUE.has(arg)) {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) return `Bij ${arg} hoort een waarde / ${arg} needs a value`;
      values.set(arg, value);
    } else if (arg.startsWith('--')) return `Onbekende optie / unknown option: ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1)
    return positional.length === 0 ? 'Geen invoerbestand / no input file' : `Eén invoerbestand / one input file: ${positional.join(' ')}`;
  if (!['--png', '--svg', '--pdf', '--report'].some((option) => values.has(option)))
    return 'Geef --png, --svg, --pdf of --report / give --png, --svg, --pdf or --report';
  const scaleText = values.get('--scale') ?? '2';
  const scale = Number(scaleText);
  if (!/^\d+(\.\d+)?$/.test(scaleText) || scale < 1 || scale > 4)
    return `--scale moet tussen 1 en 4 liggen / must be between 1 and 4: ${scaleText}`;
  const paper = (values.get('--paper') ?? 'A4').toUpperCase();
  if (paper !== 'A4' && paper !== 'A3') return `--paper is A4 of A3 / is A4 or A3: ${values.get('--paper')}`;
  const language = values.get('--lang') ?? 'nl';
  if (language !== 'nl' && language !== 'en') return `--lang is nl of en / is nl or en: ${language}`;
  const loops = (values.get('--loops') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return {
    input: positional[0]!,
    ...(values.has('--png') ? { png: values.get('--png')! } : {}),
    ...(values.has('--svg') ? { svg: values.get('--svg')! } : {}),
    ...(values.has('--pdf') ? { pdf: values.get('--pdf')! } : {}),
    ...(values.has('--report') ? { report: values.get('--report')! } : {}),
    scale,
    paper,
    language,
    actors,
    stances,
    loops,
  };
}

/** The loops named by id (R1, B2, …); returns the unknown ids too. */
function findLoops(analysis: Analysis, ids: readonly string[]): { loops: HighlightLoop[]; unknown: string[] } {
  if (ids.length === 0) return { loops: [], unknown: [] };
  const found = analysePatterns(analysis, CLI_LOOP_LIMITS).loops;
  const byId = new Map(found.map((l) => [l.id, l]));
  return {
    loops: ids.flatMap((id) => {
      const loop = byId.get(id);
      return loop ? [{ links: loop.links, id: loop.id, type: loop.type, ...(loop.name ? { name: loop.name } : {}) }] : [];
    }),
    unknown: ids.filter((id) => !byId.has(id)),
  };
}

async function write(path: string, bytes: Uint8Array | string): Promise<boolean> {
  try {
    await writeFile(path, bytes);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'onbekende fout';
    console.error(`Kan ${path} niet schrijven / cannot write ${path} (${code})`);
    return false;
  }
}

/** Runs the command; returns the exit code. */
async function run(args: readonly string[]): Promise<number> {
  const options = parseExportArgs(args);
  if (typeof options === 'string') {
    console.error(options);
    console.error(USAGE);
    return 1;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(options.input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'onbekende fout';
    console.error(`Kan ${options.input} niet lezen / cannot read ${options.input} (${code})`);
    return 1;
  }
  const parsed = parseAnalysisBytes(bytes);
  for (const warning of parsed.warnings) console.error(`waarschuwing / warning: ${forTerminal(formatIssue(warning))}`);
  if (!parsed.ok) {
    console.error(`${options.input} is geen geldige analyse / is not a valid analysis:`);
    for (const error of parsed.errors) console.error(forTerminal(formatIssue(error)));
    return 1;
  }
  const analysis = parsed.value;
  const { loops, unknown } = findLoops(analysis, options.loops);
  if (unknown.length > 0) {
    console.error(`Onbekende kringloop / unknown loop: ${forTerminal(unknown.join(', '))} (zie / see npm run analyze)`);
    return 1;
  }
  const common = {
    language: options.language,
    exportedAt: new Date(),
    showActors: options.actors,
    stances: options.stances,
    highlightLoops: loops,
  };
  const fonts = await loadExportFonts();

  if (options.svg) {
    const { svg } = renderAnalysisSvg(analysis, { ...common, fontFaces: fonts.webFaces });
    if (!(await write(options.svg, svg))) return 1;
    console.log(`SVG: ${options.svg}`);
  }
  if (options.png) {
    const png = await renderAnalysisPng(analysis, { ...common, scale: options.scale });
    if (!(await write(options.png, png.png))) return 1;
    console.log(`PNG: ${options.png} (${png.width} × ${png.height} px)`);
    if (png.scaled) {
      console.error(
        `Let op: de afbeelding is te groot voor schaal ${options.scale} en is gemaakt op schaal ${png.scale}.\n` +
          `Note: the image is too large for scale ${options.scale}; it was made at scale ${png.scale}.`,
      );
    }
  }
  if (options.pdf) {
    const pdf = await renderAnalysisPdf(analysis, { ...common, paper: options.paper, fonts: fonts.ttf });
    if (!(await write(options.pdf, pdf))) return 1;
    console.log(`PDF: ${options.pdf} (${options.paper})`);
  }
  if (options.report) {
    const asPng = options.report.toLowerCase().endsWith('.png');
    const report = { ...common, paper: options.paper };
    const bytes = asPng
      ? (await renderReportPng(analysis, { ...report, scale: options.scale })).png
      : await renderReportPdf(analysis, { ...report, fonts: fonts.ttf });
    if (!(await write(options.report, bytes))) return 1;
    console.log(`${asPng ? 'Verslag / report (PNG)' : 'Verslag / report (PDF)'}: ${options.report} (${options.paper})`);
  }
  return 0;
}

process.exitCode = await run(process.argv.slice(2));
