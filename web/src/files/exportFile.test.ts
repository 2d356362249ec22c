import { describe, expect, it } from 'vitest';
import type { Analysis } from '@samenzicht/shared/model/types';
import { parseAnalysisText } from '@samenzicht/shared/schema/parseAnalysisFile';
import { buildExportText, fileNameFor } from './exportFile.ts';

describe('fileNameFor', () => {
  it('uses the title and the .samenzicht.json suffix', () => {
    expect(fileNameFor('Gezin M. — verklarende analyse')).toBe('Gezin M. — verklarende analyse.samenzicht.json');
  });

  it('leaves out characters that file systems refuse, and never gives an empty name', () => {
    expect(fileNameFor('a/b\\c: "d"?*<e>|')).toBe('a b c d e.samenzicht.json');
    expect(fileNameFor('  ..  ')).toBe('analyse.samenzicht.json');
    expect(fileNameFor('')).toBe('analyse.samenzicht.json');
    expect(fileNameFor('x'.repeat(300))).toBe(`${'x'.repeat(100)}.samenzicht.json`);
  });
});

describe('buildExportText', () => {
  it('is an analysis file that reads back to the same analysis', () => {
    const analysis: Analysis = {
      title: 'Testgezin',
      factors: [
        {
          id: 'f1',
          label: 'Schulden',
          kind: 'perpetuating',
          domain: 'context',
          evidence: 'observation',
          note: 'n',
          position: { x: 1, y: 2 },
        },
        { id: 'f2', label: 'Stress', kind: 'problem', domain: null, evidence: 'hypothesis', note: '', position: { x: 3, y: 4 } },
      ],
      links: [{ id: 'l1', from: 'f1', to: 'f2', polarity: '-', note: '' }],
      actors: [{ id: 'a1', name: 'Moeder', role: 'parent', factors: ['f2'] }],
      loops: [],
    };
    const parsed = parseAnalysisText(buildExportText(analysis));
    expect(parsed.ok && parsed.value).toEqual(analysis);
    expect(parsed.warnings).toEqual([]);
  });
});
