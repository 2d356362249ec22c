import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { toAnalysisFile } from '../schema/parseAnalysisFile.ts';
import { NO_ANALYSIS_IN_PNG, parseAnalysisBytes } from './parseAnalysisBytes.ts';
import { embedAnalysisInPng } from './pngText.ts';
import { tinyAnalysis } from '../testing/export.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const blankPng = () => new Uint8Array(PNG.sync.write(new PNG({ width: 1, height: 1 })));

describe('parseAnalysisBytes', () => {
  it('reads a JSON file, with or without a byte order mark', () => {
    const text = JSON.stringify(toAnalysisFile(tinyAnalysis()));
    for (const bytes of [encode(text), encode(`\uFEFF${text}`)]) {
      const parsed = parseAnalysisBytes(bytes);
      expect(parsed.ok && parsed.value).toEqual(tinyAnalysis());
      expect(parsed.fromPng).toBe(false);
    }
  });

  it('reads the analysis a PNG carries', () => {
    const parsed = parseAnalysisBytes(embedAnalysisInPng(blankPng(), toAnalysisFile(tinyAnalysis())));
    expect(parsed.ok && parsed.value).toEqual(tinyAnalysis());
    expect(parsed.fromPng).toBe(true);
  });

  it('says so when a PNG carries no analysis, or the text is no analysis', () => {
    const png = parseAnalysisBytes(blankPng());
    expect(png.ok ? [] : png.errors).toEqual([{ path: '', message: NO_ANALYSIS_IN_PNG, code: 'notAnalysis' }]);
    const json = parseAnalysisBytes(encode('{"format":"iets anders"}'));
    expect(json.ok ? [] : json.errors.map((e) => e.path)).toEqual(['format']);
  });
});
