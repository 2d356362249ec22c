/**
 * Reading a file someone chose or dropped: checked before reading, then parsed; nothing is written here. A PNG
 * exported by Samenzicht carries the analysis file in a text chunk (shared/src/export/pngText.ts) and opens too.
 */
import type { Analysis } from '@samenzicht/shared/model/types';
import type { Issue } from '@samenzicht/shared/schema/errors';
import { parseAnalysisFile, parseAnalysisText } from '@samenzicht/shared/schema/parseAnalysisFile';

/**
 * Larger files are refused before reading. As large as the server takes in one request (MAX_BODY_BYTES, 5 MiB), and
 * safely below one sync message (MAX_MESSAGE_BYTES, 8 MiB): an imported analysis reaches the server as one Yjs
 * update of about its own size, and a bigger one would be refused there again and again, never saved.
 */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** An exported PNG holds the picture as well (up to 268 million pixels): only its text chunk is read. */
export const MAX_IMPORT_PNG_BYTES = 100 * 1024 * 1024;

/** `png`: a PNG image that carries no Samenzicht analysis (not exported by Samenzicht). */
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

function failure(
  file: FileFacts,
  reason: ImportFailure,
  errors: readonly Issue[] = [],
  warnings: readonly Issue[] = [],
  source: unknown = null,
): ImportRead {
  return { ok: false, fileName: file.name, reason, size: file.size, errors, warnings, source };
}

/** Whether the name or type says PNG (the bytes decide in the end). */
export function isPngName(file: Pick<FileFacts, 'name'> & Partial<Pick<FileFacts, 'type'>>): boolean {
  return file.type === 'image/png' || /\.png$/i.test(file.name);
}

/** What can be told before reading: too large (a PNG may be larger than an analysis file). */
export function checkImportFile(file: FileFacts): 'tooLarge' | null {
  return file.size > (isPngName(file) ? MAX_IMPORT_PNG_BYTES : MAX_IMPORT_BYTES) ? 'tooLarge' : null;
}

/** Parses the analysis a PNG carries (`extractAnalysisFromPng`'s answer); none: the PNG is refused with 'png'. */
export function readImportPng(file: FileFacts, carried: unknown | null): ImportRead {
  if (carried === null) return failure(file, 'png');
  // The picture may be large; the analysis it carries is held to the limit of an analysis file.
  if (JSON.stringify(carried).length > MAX_IMPORT_BYTES) return failure(file, 'tooLarge');
  const parsed = parseAnalysisFile(carried);
  if (!parsed.ok) return failure(file, 'invalid', parsed.errors, parsed.warnings, carried);
  return { ok: true, fileName: file.name, analysis: parsed.value, warnings: parsed.warnings };
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
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return failure(file, 'unreadable');
  }
  // 0x89 starts every PNG and no JSON text. The PNG reader is loaded only for PNGs: the start page stays small.
  if (bytes[0] === 0x89 || isPngName(file)) {
    const { extractAnalysisFromPng, isPng } = await import('@samenzicht/shared/export/pngText');
    if (isPng(bytes)) return readImportPng(file, extractAnalysisFromPng(bytes));
    if (isPngName(file)) return failure(file, 'png');
  }
  return readImportText(file, new TextDecoder('utf-8').decode(bytes));
}

/** A size for people: "12,3 MB". */
export function formatSize(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  return `${mb.toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}
