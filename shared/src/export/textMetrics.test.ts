import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE, generateMetricsModule } from './generateMetrics.ts';
import { baselineOffset, hasGlyph, measureText, wrapText, type TextStyle } from './textMetrics.ts';

const LABEL: TextStyle = { size: 15.2, weight: 400 };

describe('the advance table', () => {
  it('is what generateMetrics.ts makes from the font files today (regenerate it when the font changes)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generateMetricsModule());
  });

  it('measures text as the sum of the advances, without kerning', () => {
    // A 626 and V 589 units at 1000 units per em; kerning would pull "AV" closer.
    expect(measureText('AV', { size: 1000, weight: 400 })).toBe(626 + 589);
    expect(measureText('', LABEL)).toBe(0);
    expect(measureText('Stress', { size: 16, weight: 700 })).toBeGreaterThan(measureText('Stress', { size: 16, weight: 400 }));
  });

  it('knows the characters Dutch and the names in families need, and the minus sign', () => {
    for (const ch of 'ëéïüöÉŞşłő€−·—') expect(hasGlyph(ch.codePointAt(0)!), ch).toBe(true);
  });

  it('counts a character the font lacks as wide, never as nothing', () => {
    expect(measureText('😀', LABEL)).toBeGreaterThan(measureText('o', LABEL));
  });

  it('puts the baseline inside the line box', () => {
    const offset = baselineOffset(LABEL, 22);
    expect(offset).toBeGreaterThan(11);
    expect(offset).toBeLessThan(22);
  });
});

describe('wrapText', () => {
  it('breaks at spaces so that every line fits', () => {
    const lines = wrapText('Schulden na terugvordering van de kinderopvangtoeslag', 150, LABEL);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(measureText(line, LABEL)).toBeLessThanOrEqual(150);
    expect(lines.join(' ')).toBe('Schulden na terugvordering van de kinderopvangtoeslag');
  });

  it('keeps a short text on one line, collapsing runs of spaces', () => {
    expect(wrapText('  Aanhoudende    stress ', 500, LABEL)).toEqual(['Aanhoudende stress']);
  });

  it('keeps the line breaks of the text, and drops blank lines at the end', () => {
    expect(wrapText('Eerste\nTweede\n\nVierde\n\n', 500, LABEL)).toEqual(['Eerste', 'Tweede', '', 'Vierde']);
  });

  it('may break after a hyphen', () => {
    const width = measureText('ouder-kind-', LABEL) + 1;
    expect(wrapText('ouder-kind-relatie', width, LABEL)).toEqual(['ouder-kind-', 'relatie']);
  });

  it('breaks a word wider than a whole line wherever it must', () => {
    const lines = wrapText('Kinderopvangtoeslagaffaire', 60, LABEL);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('')).toBe('Kinderopvangtoeslagaffaire');
    for (const line of lines) expect(measureText(line, LABEL)).toBeLessThanOrEqual(60);
  });

  it('turns control characters into spaces', () => {
    expect(wrapText('a\u0000b\u0007c\td', 500, LABEL)).toEqual(['a b c d']);
  });

  it('keeps every word and fits every line, for any text (property)', () => {
    const word = fc.stringMatching(/^[a-zA-Zëé]{1,14}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 40, max: 300 }), (words, width) => {
        const lines = wrapText(words.join(' '), width, LABEL);
        for (const line of lines) {
          // Only a single character may be wider than the line (nothing can be done about it).
          if ([...line].length > 1) expect(measureText(line, LABEL)).toBeLessThanOrEqual(width);
        }
        expect(lines.join('').replace(/ /g, '')).toBe(words.join(''));
      }),
      { seed: 20250312, numRuns: 300 },
    );
  });
});
