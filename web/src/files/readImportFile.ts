/** Reading a file someone chose or dropped: checked before reading, then parsed; nothing is written here. */
import type { Analysis } from '../../../shared/src/model/types.ts';
import type { Issue } from '../../../shared/src/schema/errors.ts';
import { parseAnalysisFile, parseAnalysisText } from '../../../shared/src/schema/parseAnalysisFile.ts';

/** Larger files are refused before reading: the file format's own limits stay far below this. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type ImportFailure = 'tooLarge' | 'png' | 'unreadable' | 'invalid';

export type ImportRead =
  | { readonly ok: true; readonly fileName: string; readonly analysis: Analysis; readonly warnings: readonly Issue[] }
  | {
      readonly ok: false;
      readonly fileName: string;
      readonly reason: ImportFailure;
      readonly size: number;
      readonly errors: readonly Issue[];
      readonly warnings: readonly Issue[];
      /** The decoded JSON, if it was JSON: used to name the factor at an error's place. */
      readonly source: unknown;
    };

interface FileFacts {
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

function failure(file: FileFacts, reason: ImportFailure, errors: readonly Issue[] = [], warnings: readonly Issue[] = [], source: unknown = null): ImportRead {
  return { ok: false, fileName: file.name, reason, size: file.size, errors, warnings, source };
}

/** What can be told before reading: too large, or a PNG (opening a PNG comes with the export issue). */
export function checkImportFile(file: FileFacts): 'tooLarge' | 'png' | null {
  if (file.size > MAX_IMPORT_BYTES) return 'tooLarge';
  if (file.type === 'image/png' || /\.png$/i.test(file.name)) return 'png';
  return null;
}

/** Parses the text of a file into an analysis, or the errors with their places. */
export function readImportText(file: FileFacts, text: string): ImportRead {
  // A PNG renamed to .json: its first byte (0x89) decodes to U+FFFD.
  if (text.startsWith('\uFFFDPNG')) return failure(file, 'png');
  let source: unknown;
  try {
    source = JSON.parse(text);
  } catch {
    const parsed = parseAnalysisText(text);
    return failure(file, 'invalid', parsed.ok ? [] : parsed.errors, parsed.warnings);
  }
  const parsed = parseAnalysisFile(source);
  if (!parsed.ok) return failure(file, 'invalid', parsed.errors, parsed.warnings, source);
  return { ok: true, fileName: file.name, analysis: parsed.value, warnings: parsed.warnings };
}

/** Checks, reads and parses a chosen or dropped file. Never throws. */
export async function readImportFile(file: File): Promise<ImportRead> {
  const refused = checkImportFile(file);
  if (refused) return failure(file, refused);
  let text: string;
  try {
    text = await file.text();
  } catch {
    return failure(file, 'unreadable');
  }
  return readImportText(file, text);
}

/** A size for people: "12,3 MB". */
export function formatSize(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  return `${mb.toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}
