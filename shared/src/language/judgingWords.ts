/**
 * The neutral-wording hint (LANGUAGE.md, "Words to watch"): finds judging words in a label or a comment, each with a
 * neutral wording to consider. Pure: the word list is data (judging-words.json), the matcher knows no language.
 */
import list from './judging-words.json';

export interface JudgingWord {
  readonly lang: 'nl' | 'en';
  /** A regular expression fragment, matched as whole words in any case; a space matches any white space. */
  readonly pattern: string;
  readonly alternative: string;
  readonly note: string;
}

export interface JudgingMatch {
  /** Where the words start in the text (UTF-16 code units) and how long they are. */
  readonly index: number;
  readonly length: number;
  /** The words as written in the text. */
  readonly text: string;
  readonly word: JudgingWord;
}

/** The list this program ships (Dutch and English). */
export const JUDGING_WORDS: readonly JudgingWord[] = (list.words as JudgingWord[]).filter((w) => w.lang === 'nl' || w.lang === 'en');

// A word ends where no letter, digit or mark follows: `\b` would see only ASCII letters (and split "één").
const LETTER = '[\\p{L}\\p{N}\\p{M}]';

/** The whole-word, any-case expression of one entry. */
export function compileJudgingWord(word: JudgingWord): RegExp {
  const body = word.pattern.replace(/ /g, '\\s+');
  return new RegExp(`(?<!${LETTER})(?:${body})(?!${LETTER})`, 'giu');
}

const compiled = new WeakMap<readonly JudgingWord[], Array<{ word: JudgingWord; re: RegExp }>>();

function compileAll(words: readonly JudgingWord[]): Array<{ word: JudgingWord; re: RegExp }> {
  let out = compiled.get(words);
  if (!out) {
    out = words.map((word) => ({ word, re: compileJudgingWord(word) }));
    compiled.set(words, out);
  }
  return out;
}

/**
 * The judging words in `text`, in reading order, none overlapping (where two overlap, the one that starts first, else
 * the longer, is kept). Empty for text without any.
 */
export function findJudgingWords(text: string, words: readonly JudgingWord[] = JUDGING_WORDS): JudgingMatch[] {
  if (text.trim() === '') return [];
  const found: JudgingMatch[] = [];
  for (const { word, re } of compileAll(words)) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      found.push({ index: m.index, length: m[0].length, text: m[0], word });
    }
  }
  found.sort((a, b) => a.index - b.index || b.length - a.length);
  const out: JudgingMatch[] = [];
  let end = -1;
  for (const match of found) {
    if (match.index < end) continue;
    out.push(match);
    end = match.index + match.length;
  }
  return out;
}
