/**
 * Reads an analysis from the bytes of a file a person chose: a `.samenzicht.json` file, or a PNG exported by
 * Samenzicht (which carries the file, pngText.ts). Pure: for the command line, the server and the browser.
 */
import type { Analysis } from '../model/types.ts';
import type { Parsed } from '../schema/errors.ts';
import { parseAnalysisFile, parseAnalysisText } from '../schema/parseAnalysisFile.ts';
import { extractAnalysisFromPng, isPng } from './pngText.ts';

/** The error path `png` names a PNG that carries no analysis. */
export const NO_ANALYSIS_IN_PNG = 'this PNG image carries no Samenzicht analysis (only PNGs exported by Samenzicht do)';

/** Parses JSON text (a leading BOM is allowed) or the analysis inside a PNG. */
export function parseAnalysisBytes(bytes: Uint8Array): Parsed<Analysis> & { readonly fromPng: boolean } {
  if (isPng(bytes)) {
    const file = extractAnalysisFromPng(bytes);
    if (file === null)
      return { ok: false, errors: [{ path: '', message: NO_ANALYSIS_IN_PNG, code: 'notAnalysis' }], warnings: [], fromPng: true };
    return { ...parseAnalysisFile(file), fromPng: true };
  }
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  return { ...parseAnalysisText(text), fromPng: false };
}
