/** Test helpers of the export: the example analyses and the font files, read from disk (tests only). */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Analysis } from '../model/types.ts';
import { parseAnalysisText } from '../schema/parseAnalysisFile.ts';
import { TTF_FILES } from '../export/fontFiles.ts';
import type { FontWeight } from '../export/textMetrics.ts';

const EXAMPLES_DIR = new URL('../../../examples/', import.meta.url);
const require = createRequire(import.meta.url);

/** Every examples/*.samenzicht.json, parsed. */
export function readExamples(): Array<{ name: string; analysis: Analysis }> {
  return readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith('.samenzicht.json'))
    .sort()
    .map((name) => {
      const parsed = parseAnalysisText(readFileSync(new URL(name, EXAMPLES_DIR), 'utf8'));
      if (!parsed.ok) throw new Error(`${name} does not parse`);
      return { name, analysis: parsed.value };
    });
}

/** The TTF bytes for the PDF renderer. */
export function readTtfFonts(): Record<FontWeight, Uint8Array> {
  return {
    400: new Uint8Array(readFileSync(require.resolve(TTF_FILES[400]))),
    700: new Uint8Array(readFileSync(require.resolve(TTF_FILES[700]))),
  };
}

/** A small analysis with one of everything, for focused tests. */
export function tinyAnalysis(overrides: Partial<Analysis> = {}): Analysis {
  return {
    title: 'Gezin Test',
    factors: [
      { id: 'a', label: 'Schulden', kind: 'perpetuating', domain: 'context', evidence: 'observation', note: '', position: { x: 0, y: 0 } },
      { id: 'b', label: 'Stress', kind: 'aggravating', domain: 'parents', evidence: 'hypothesis', note: '', position: { x: 300, y: 0 } },
      {
        id: 'c',
        label: 'Steunende zus',
        kind: 'protective',
        domain: 'network',
        evidence: 'observation',
        note: '',
        position: { x: 150, y: 200 },
      },
    ],
    links: [
      { id: 'l1', from: 'a', to: 'b', polarity: '+', note: '' },
      { id: 'l2', from: 'b', to: 'a', polarity: '+', note: '' },
      { id: 'l3', from: 'c', to: 'b', polarity: '-', note: '' },
    ],
    actors: [{ id: 'p1', name: 'Moeder', role: 'parent', factors: ['a', 'b'] }],
    loops: [],
    ...overrides,
  };
}
