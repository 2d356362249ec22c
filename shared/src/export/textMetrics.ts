/**
 * Text measurement and line wrapping from the font's own advance widths (fontMetrics.generated.ts), so that every
 * renderer (browser, resvg, PDF) breaks a label at the same place. Kerning and ligatures are switched off in every
 * renderer, which makes a line's width exactly the sum of its characters' advances.
 */
import { FONT_TABLES } from './fontMetrics.generated.ts';

export type FontWeight = 400 | 700;

export interface TextStyle {
  /** Font size in px. */
  readonly size: number;
  readonly weight: FontWeight;
}

/** Characters the font lacks are counted this wide (in em), a little wider than most letters, so text never overflows. */
const FALLBACK_EM = 0.65;

const advanceMaps = new Map<FontWeight, Map<number, number>>();

function advancesOf(weight: FontWeight): Map<number, number> {
  let map = advanceMaps.get(weight);
  if (!map) {
    map = new Map();
    for (const [first, ...advances] of FONT_TABLES[weight].runs) {
      advances.forEach((advance, i) => map!.set(first! + i, advance));
    }
    advanceMaps.set(weight, map);
  }
  return map;
}

/** Returns true when the font has a glyph for the character `cp`. */
export function hasGlyph(cp: number, weight: FontWeight = 400): boolean {
  return advancesOf(weight).has(cp);
}

/** The width of `text` in px, set in Atkinson Hyperlegible at `style`. */
export function measureText(text: string, style: TextStyle): number {
  const table = FONT_TABLES[style.weight];
  const advances = advancesOf(style.weight);
  const fallback = FALLBACK_EM * table.unitsPerEm;
  let units = 0;
  for (const ch of text) units += advances.get(ch.codePointAt(0)!) ?? fallback;
  return (units * style.size) / table.unitsPerEm;
}

/** Where the baseline sits below the top of a line box of `lineHeight` px (CSS: half-leading above and below). */
export function baselineOffset(style: TextStyle, lineHeight: number): number {
  const table = FONT_TABLES[style.weight];
  const ascent = (table.ascent * style.size) / table.unitsPerEm;
  const descent = (-table.descent * style.size) / table.unitsPerEm;
  return (lineHeight - (ascent + descent)) / 2 + ascent;
}

/** Breaks one over-long word into pieces that each fit `maxWidth` (at least one character per piece). */
function breakWord(word: string, maxWidth: number, style: TextStyle): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece !== '' && measureText(piece + ch, style) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/** Splits a paragraph into words, each keeping a hyphen it ends with (a line may break after a hyphen). */
function splitWords(paragraph: string): string[] {
  return paragraph.split(' ').flatMap((word) => word.split(/(?<=\p{L}-)(?=\p{L})/u));
}

/**
 * Wraps `text` into lines no wider than `maxWidth` px: breaks at spaces and after hyphens, keeps the line breaks
 * of the text, collapses runs of spaces, and breaks a word that is wider than a whole line wherever it must.
 * Pure: the same lines in every environment.
 */
export function wrapText(text: string, maxWidth: number, style: TextStyle): string[] {
  const lines: string[] = [];
  const paragraphs = text.replace(/\r\n?/g, '\n').split('\n');
  for (const raw of paragraphs) {
    // Control characters would draw nothing in one renderer and a box in another.
    const paragraph = raw
      .replace(/[\p{Cc}\p{Cs}\ufffe\uffff]/gu, ' ')
      .replace(/[\s\u00a0]+/gu, (s) => (s.includes('\u00a0') ? '\u00a0' : ' '))
      .trim();
    if (paragraph === '') {
      lines.push('');
      continue;
    }
    let line = '';
    // After a hyphen the next word joins without a space.
    let joiner = '';
    for (const word of splitWords(paragraph)) {
      const candidate = line === '' ? word : line + joiner + word;
      if (measureText(candidate, style) <= maxWidth) {
        line = candidate;
      } else {
        if (line !== '') lines.push(line);
        if (measureText(word, style) <= maxWidth) {
          line = word;
        } else {
          const pieces = breakWord(word, maxWidth, style);
          lines.push(...pieces.slice(0, -1));
          line = pieces[pieces.length - 1] ?? '';
        }
      }
      joiner = word.endsWith('-') ? '' : ' ';
    }
    lines.push(line);
  }
  // Blank lines at the end add nothing but height.
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
