/**
 * The analysis file a command-line tool was given: read, parsed (a .samenzicht.json file, or a PNG exported by
 * Samenzicht: CONTRACT.md §3), its warnings printed; on any failure one clear sentence in Dutch and English on
 * stderr and null, so the tool exits with 1. One place for `analyze`, `story` and `layout`.
 */
import { readFile } from 'node:fs/promises';
import type { Analysis } from '@samenzicht/shared/model/types';
import { NO_ANALYSIS_IN_PNG, parseAnalysisBytes } from '@samenzicht/shared/export/parseAnalysisBytes';
import { formatIssue } from '@samenzicht/shared/schema/errors';
import { forTerminal } from './terminalText.ts';

export async function readAnalysisArg(path: string): Promise<Analysis | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    console.error(`Kan ${path} niet lezen / cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'onbekende fout'})`);
    return null;
  }
  const parsed = parseAnalysisBytes(bytes);
  for (const warning of parsed.warnings) console.error(`waarschuwing / warning: ${forTerminal(formatIssue(warning))}`);
  if (parsed.ok) return parsed.value;
  if (parsed.fromPng && parsed.errors.some((e) => e.message === NO_ANALYSIS_IN_PNG)) {
    console.error(
      `${path}: deze afbeelding bevat geen Samenzicht-analyse. Alleen afbeeldingen die met Samenzicht zijn geëxporteerd kunnen worden geopend.\n` +
        `${path}: this image does not contain a Samenzicht analysis. Only images exported from Samenzicht can be opened.`,
    );
    return null;
  }
  console.error(`${path} is geen geldige analyse / is not a valid analysis:`);
  for (const error of parsed.errors) console.error(forTerminal(formatIssue(error)));
  return null;
}
