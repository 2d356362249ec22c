/**
 * `npm run story -- <file> [--lang nl|en]` (CONTRACT.md §3): the analysis as a story in plain language, exactly as
 * the story panel shows it: the facilitator's edited story when the file carries one, else the generated story in
 * `--lang` (default: the analysis's own language). A PNG exported by Samenzicht is accepted too. A bad file: the
 * parse errors on stderr, one `path: message` per line, and exit code 1.
 */
import { LANGUAGES, type Language } from '@samenzicht/shared/model/language';
import { storyOf } from '@samenzicht/shared/story/storyOf';
import { forTerminal } from './terminalText.ts';
import { readAnalysisArg } from './readAnalysisArg.ts';

const USAGE = 'Gebruik / usage: npm run story -- <bestand.samenzicht.json | afbeelding.png> [--lang nl|en]';

/** Reads the arguments: one file and an optional language; null (after saying why) when they are wrong. */
function readArgs(args: readonly string[]): { path: string; language: Language | undefined } | null {
  const files: string[] = [];
  let language: Language | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? args[++i] : arg.slice('--lang='.length);
      if (!LANGUAGES.includes(value as Language)) {
        console.error(`--lang: kies nl of en / choose nl or en (gekregen / got: ${value ?? 'niets / nothing'})`);
        return null;
      }
      language = value as Language;
    } else if (arg.startsWith('--')) {
      console.error(`Onbekende optie / unknown option: ${arg}`);
      return null;
    } else files.push(arg);
  }
  if (files.length !== 1) return null;
  return { path: files[0]!, language };
}

/** Runs the command; returns the exit code. */
async function run(args: readonly string[]): Promise<number> {
  const parsedArgs = readArgs(args);
  if (!parsedArgs) {
    console.error(USAGE);
    return 1;
  }
  const { path, language } = parsedArgs;
  const analysis = await readAnalysisArg(path);
  if (!analysis) return 1;
  const story = storyOf(analysis, language);
  process.stdout.write(forTerminal(story.endsWith('\n') ? story : `${story}\n`));
  return 0;
}

process.exitCode = await run(process.argv.slice(2));
