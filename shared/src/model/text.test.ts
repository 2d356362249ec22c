import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseAnalysisFile } from '../schema/parseAnalysisFile.ts';
import { addFactor } from '../ydoc/commands.ts';
import { readAnalysis } from '../ydoc/read.ts';
import { cleanText } from './text.ts';

// "Moeder helpt" with a right-to-left override around "helpt": shown as "Moeder tpleh" before.
const OVERRIDDEN = 'Moeder \u202ehelpt\u202c';

describe('cleanText', () => {
  it('takes out bidirectional overrides, isolates and marks, and control characters', () => {
    expect(cleanText(OVERRIDDEN)).toBe('Moeder helpt');
    expect(cleanText('\u2066a\u2069\u200e\u200f\u061cb')).toBe('ab');
    expect(cleanText('rood\u001b[31m\u009b2J')).toBe('rood[31m2J');
  });

  it('keeps right-to-left script, emoji, tabs and line breaks', () => {
    const text = 'مرحبا שלום 👍\tregel\nvolgende';
    expect(cleanText(text)).toBe(text);
  });

  it('is applied when a file is read and when the live document is read', () => {
    const parsed = parseAnalysisFile({
      format: 'samenzicht/analysis',
      version: 1,
      title: `Titel \u202e`,
      factors: [{ id: 'f1', label: OVERRIDDEN, kind: 'problem', note: 'a\u0007b' }],
      links: [],
      actors: [{ id: 'a1', name: '\u2067Moeder', role: 'parent', factors: [] }],
    });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.value.factors[0]).toMatchObject({ label: 'Moeder helpt', note: 'ab' });
      expect(parsed.value.actors[0]!.name).toBe('Moeder');
      expect(parsed.value.title).toBe('Titel ');
    }
    const doc = new Y.Doc();
    addFactor(doc, null, { label: OVERRIDDEN, position: { x: 0, y: 0 } }, 'f1');
    expect(readAnalysis(doc).factors[0]!.label).toBe('Moeder helpt');
  });
});
