/**
 * `npm run analyze -- <file> [--json]` (CONTRACT.md §3): the loops and break points of an analysis file, or of the
 * analysis a PNG exported by Samenzicht carries.
 * Without --json a summary for people (Dutch); with --json exactly the §3 object on stdout. A bad file: the parse
 * errors on stderr, one `path: message` per line, and exit code 1.
 */
import type { Analysis } from '@samenzicht/shared/model/types';
import { analysePatterns, toPatternsJson, type Patterns } from '@samenzicht/shared/graph/patterns';
import { forTerminal, jsonForTerminal } from './terminalText.ts';
import { readAnalysisArg } from './readAnalysisArg.ts';

const USAGE = 'Gebruik / usage: npm run analyze -- <bestand.samenzicht.json | afbeelding.png> [--json]';

/** No interactive screen waits here, so the search may take longer than in the editor before it stops. */
const CLI_LIMITS = { maxLoops: 10_000, timeBudgetMs: 10_000 } as const;

/** Runs the command; returns the exit code. */
async function run(args: readonly string[]): Promise<number> {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  const unknown = files.filter((a) => a.startsWith('--'));
  if (files.length !== 1 || unknown.length > 0) {
    if (unknown.length > 0) console.error(`Onbekende optie / unknown option: ${unknown.join(' ')}`);
    console.error(USAGE);
    return 1;
  }
  const path = files[0]!;

  const analysis = await readAnalysisArg(path);
  if (!analysis) return 1;

  const patterns = analysePatterns(analysis, CLI_LIMITS);
  process.stdout.write(
    json ? `${jsonForTerminal(JSON.stringify(toPatternsJson(patterns), null, 2))}\n` : forTerminal(formatSummary(analysis, patterns)),
  );
  return 0;
}

/** The summary for people: every loop with its factors in order, then where the vicious circles can be broken. */
function formatSummary(analysis: Analysis, patterns: Patterns): string {
  const label = new Map(analysis.factors.map((f) => [f.id, f.label]));
  const linkById = new Map(analysis.links.map((l) => [l.id, l]));
  const vicious = patterns.loops.filter((l) => l.vicious).length;
  const reinforcing = patterns.loops.filter((l) => l.type === 'reinforcing').length;
  const lines: string[] = [];

  if (analysis.title) lines.push(analysis.title, '');
  lines.push(
    `${analysis.factors.length} factoren, ${analysis.links.length} verbanden: ${count(patterns.loops.length, 'kringloop', 'kringlopen')} ` +
      `(${reinforcing} versterkend, ${patterns.loops.length - reinforcing} balancerend), ${count(vicious, 'vicieuze cirkel', 'vicieuze cirkels')}.`,
  );
  if (patterns.truncated) {
    lines.push(`Let op: er zijn meer kringlopen; gestopt na ${patterns.loops.length} (de kortste eerst).`);
  }

  for (const loop of patterns.loops) {
    const marks = [loop.type === 'reinforcing' ? 'versterkend' : 'balancerend'];
    if (loop.vicious) marks.push('vicieuze cirkel');
    if (loop.virtuous) marks.push('positieve spiraal');
    if (loop.name) marks.push(`"${loop.name}"`);
    const path = [...loop.factors, loop.factors[0]!].map((f) => label.get(f) ?? f);
    lines.push('', `${loop.id}  ${marks.join(' · ')}`, `    ${path.join(' → ')}`, `    verbanden: ${loop.links.join(' ')}`);
    const strengths = patterns.protective[loop.id];
    if (strengths && strengths.length > 0) {
      lines.push(`    krachten die erop inwerken: ${strengths.map((f) => label.get(f) ?? f).join(', ')}`);
    }
  }

  lines.push('', 'Aangrijpingspunten');
  if (vicious === 0) {
    lines.push('    Geen vicieuze cirkels gevonden.');
  } else {
    lines.push('  Verbanden die je kunt doorbreken:');
    for (const id of patterns.breakPoints.links) {
      const link = linkById.get(id)!;
      lines.push(`    ${id} (${label.get(link.from)} → ${label.get(link.to)}): ${breaks(patterns.linkCounts[id], vicious)}`);
    }
    lines.push(`    ${together(patterns.breakPoints.links.length, 'Dit verband doorbreekt', 'verbanden', vicious)}.`);
    lines.push('  Factoren waar je kunt ingrijpen:');
    for (const id of patterns.breakPoints.factors) {
      lines.push(`    ${id} (${label.get(id)}): ${breaks(patterns.factorCounts[id], vicious)}`);
    }
    lines.push(`    ${together(patterns.breakPoints.factors.length, 'Deze factor doorbreekt', 'factoren', vicious)}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** "doorbreekt 2 van de 3 vicieuze cirkels"; with only one vicious circle, "doorbreekt de vicieuze cirkel". */
function breaks(n: number | undefined, of: number): string {
  return of === 1 ? 'doorbreekt de vicieuze cirkel' : `doorbreekt ${n ?? 0} van de ${of} vicieuze cirkels`;
}

/** "Samen doorbreken deze 3 verbanden alle 7 vicieuze cirkels", or the singular forms. */
function together(n: number, oneBreaks: string, many: string, vicious: number): string {
  const what = vicious === 1 ? 'de vicieuze cirkel' : `alle ${vicious} vicieuze cirkels`;
  return n === 1 ? `${oneBreaks} ${what}` : `Samen doorbreken deze ${n} ${many} ${what}`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

process.exitCode = await run(process.argv.slice(2));
