/**
 * `npm run layout -- <file> [--out out.json]` (CONTRACT.md §3): lays the analysis out exactly as "Netjes maken"
 * does (shared/src/layout) and writes the analysis file with the new positions: to `--out`, or to stdout without it.
 * A PNG exported by Samenzicht is accepted as input too. A bad file: the parse errors on stderr, each naming its
 * place (`factors[3].kind: …`), and exit code 1.
 */
import { writeFile } from 'node:fs/promises';
import { layoutAnalysis } from '@samenzicht/shared/layout/layoutAnalysis';
import { toAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { readAnalysisArg } from './readAnalysisArg.ts';

const USAGE = 'Gebruik / usage: npm run layout -- <bestand.samenzicht.json | afbeelding.png> [--out uit.samenzicht.json]';

/** Runs the command; returns the exit code. */
async function run(args: readonly string[]): Promise<number> {
  const rest = [...args];
  let out: string | undefined;
  const at = rest.indexOf('--out');
  if (at !== -1) {
    out = rest[at + 1];
    if (out === undefined || out.startsWith('--')) {
      console.error('--out: geef een bestandsnaam / give a file name');
      console.error(USAGE);
      return 1;
    }
    rest.splice(at, 2);
  }
  const unknown = rest.filter((a) => a.startsWith('--'));
  if (rest.length !== 1 || unknown.length > 0) {
    if (unknown.length > 0) console.error(`Onbekende optie / unknown option: ${unknown.join(' ')}`);
    console.error(USAGE);
    return 1;
  }
  const path = rest[0]!;
  const analysis = await readAnalysisArg(path);
  if (!analysis) return 1;
  const moved = new Map(layoutAnalysis({ analysis }).map((m) => [m.id, m.position]));
  const file = toAnalysisFile({ ...analysis, factors: analysis.factors.map((f) => ({ ...f, position: moved.get(f.id) ?? f.position })) });
  const text = `${JSON.stringify(file, null, 2)}\n`;
  if (out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  try {
    await writeFile(out, text);
  } catch (error) {
    console.error(`Kan ${out} niet schrijven / cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? 'onbekende fout'})`);
    return 1;
  }
  return 0;
}

process.exitCode = await run(process.argv.slice(2));
