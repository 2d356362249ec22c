/**
 * Plain Dutch, checked: every Dutch string on the screen and in the exports passes simple readability checks
 * (plainLanguage.json: sentence length, blocked words), and the method's words (kinds, domains, observation or
 * idea, + and −, loops, the facilitator) are the same on the screen and in the exports.
 */
import { describe, expect, it } from 'vitest';
import { FACTOR_KINDS, LIFE_DOMAINS, ROLES } from '@samenzicht/shared/model/types';
import { VOCABULARY } from '@samenzicht/shared/model/vocabulary';
import { WORDS, type ExportLanguage } from '@samenzicht/shared/export/words';
import { REPORT_WORDS } from '@samenzicht/shared/export/reportWords';
import rules from './plainLanguage.json';
import { nl } from './nl.ts';
import { en } from './en.ts';

interface Blocked {
  readonly word: string;
  readonly why: string;
}

/** Every text of a message tree with its key path. */
function textsOf(value: unknown, prefix = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[prefix, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => textsOf(child, prefix ? `${prefix}.${key}` : key));
}

/** The export's words as the export prints them, functions called with typical values. */
function exportTexts(language: ExportLanguage): Array<[string, string]> {
  const w = WORDS[language];
  return [
    ...textsOf({ ...w, months: undefined, exportedAt: undefined, factors: undefined, links: undefined }, `export.${language}`),
    [`export.${language}.exportedAt`, w.exportedAt('3 maart 2025', '14:05')],
    ...[0, 1, 2].flatMap((n): Array<[string, string]> => [
      [`export.${language}.factors(${n})`, w.factors(n)],
      [`export.${language}.links(${n})`, w.links(n)],
    ]),
  ];
}

/** The case-file report's words as the report prints them, functions called with typical values. */
function reportTexts(language: ExportLanguage): Array<[string, string]> {
  const w = REPORT_WORDS[language];
  const calls: Record<string, string> = {
    madeAt: w.madeAt('3 maart 2025', '14:05', 'Europe/Amsterdam'),
    version: w.version('Na het tweede gesprek'),
    page: w.page(2, 9),
    diagramTiled: w.diagramTiled(4, 2, 5),
    tile: w.tile(1, 4, 1, 2),
    loopsLeftOut: w.loopsLeftOut(12),
    loopSteps: w.loopSteps(['Schulden', 'Stress']),
    breakLink: w.breakLink('Schulden', 'Stress', 3, 5),
    breakFactor: w.breakFactor('Stress', 3, 5),
    notesWithout: w.notesWithout(4),
    linkName: w.linkName('Schulden', 'Stress', true),
    actorFactors: w.actorFactors(['Schulden', 'Stress']),
    stancesHeadline: w.stancesHeadline(5, 12, 3, 14),
    stancesPeople: w.stancesPeople(['Anna (Ouder)', 'Sam (Professional)']),
    stance: ['recognise', 'doubt', 'not-recognise'].map((s) => w.stance('Anna', s as 'doubt')).join('. '),
    stanceUnmarked: w.stanceUnmarked(['Sam']),
    stancesUnmarked: w.stancesUnmarked(9),
    loopRecognisedBy: w.loopRecognisedBy(['Anna', 'Sam']),
    commentsCount: w.commentsCount(4, 1),
    onFactor: w.onFactor('Stress'),
    onLink: w.onLink(w.linkName('Schulden', 'Stress', false)),
    onLoop: w.onLoop('R1 · De schuldenspiraal'),
    commentAuthor: w.commentAuthor('Sam', 'Moeder'),
    comment: w.comment('Sam', '3 maart 2025 14:05', 'Klopt dit?', true),
    reply: w.reply('Anna', '3 maart 2025 14:05', 'Ja.'),
  };
  return Object.entries(w).flatMap(([key, value]): Array<[string, string]> => {
    if (key === 'patterns' || key === 'roles') return [];
    if (typeof value === 'string') return [[`report.${language}.${key}`, value]];
    if (!(key in calls)) throw new Error(`reportTexts: no typical call for report.${language}.${key}`);
    return [[`report.${language}.${key}`, calls[key]!]];
  });
}

/** Sentences of a text: split after . ! ? or … followed by a space. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Words of a sentence: a {{placeholder}} is one word; dashes, arrows and × are not words. */
function wordsOf(sentence: string): string[] {
  return sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}{]/u.test(w));
}

/** The blocked entries a text contains (see the rules in plainLanguage.json). */
function blockedIn(text: string, blocked: readonly Blocked[]): Blocked[] {
  const lower = text.toLocaleLowerCase('nl');
  return blocked.filter(({ word }) => {
    const entry = word.toLocaleLowerCase('nl');
    if (!/^[\p{L} -]+\*?$/u.test(entry)) return lower.includes(entry);
    const stem = entry.replace(/\*$/, '');
    const tail = entry.endsWith('*') ? '[\\p{L}-]*' : '';
    return new RegExp(`(?<![\\p{L}-])${stem}${tail}(?![\\p{L}-])`, 'u').test(lower);
  });
}

const dutch: Array<[string, string]> = [
  ...textsOf(nl),
  ...textsOf(VOCABULARY.nl, 'vocabulary.nl'),
  ...exportTexts('nl'),
  ...reportTexts('nl'),
];
const english: Array<[string, string]> = [
  ...textsOf(en),
  ...textsOf(VOCABULARY.en, 'vocabulary.en'),
  ...exportTexts('en'),
  ...reportTexts('en'),
];

describe('the readability checks themselves', () => {
  it('split sentences and count words as a reader would', () => {
    expect(sentencesOf('Geen verbinding. Probeer het opnieuw! Klopt het? Ja…')).toEqual([
      'Geen verbinding.',
      'Probeer het opnieuw!',
      'Klopt het?',
      'Ja…',
    ]);
    expect(sentencesOf('Kies een bestand (.samenzicht.json) of een afbeelding.')).toHaveLength(1);
    expect(wordsOf('{{name}} heeft het — net → gedaan.')).toEqual(['{{name}}', 'heeft', 'het', 'net', 'gedaan.']);
  });

  it('find blocked words whole, by prefix or as text, in any case', () => {
    const list = [
      { word: 'lus', why: '' },
      { word: 'vermoed*', why: '' },
      { word: '(s)', why: '' },
      { word: 'alles gedeeld', why: '' },
    ];
    expect(blockedIn('Eén lus gevonden', list).map((b) => b.word)).toEqual(['lus']);
    expect(blockedIn('Lussen en plus', list)).toEqual([]);
    expect(blockedIn('Dit vermoedelijk', list).map((b) => b.word)).toEqual(['vermoed*']);
    expect(blockedIn('2 cirkel(s)', list).map((b) => b.word)).toEqual(['(s)']);
    expect(blockedIn('Verbonden · Alles gedeeld', list).map((b) => b.word)).toEqual(['alles gedeeld']);
  });
});

describe('plain Dutch', () => {
  it(`keeps every Dutch sentence at most ${rules.maxSentenceWords} words`, () => {
    const long = dutch.flatMap(([key, text]) =>
      sentencesOf(text)
        .filter((s) => wordsOf(s).length > rules.maxSentenceWords)
        .map((s) => `${key}: ${wordsOf(s).length} words: ${s}`),
    );
    expect(long).toEqual([]);
  });

  it(`has no Dutch word longer than ${rules.maxWordLength} letters`, () => {
    const long = dutch.flatMap(([key, text]) =>
      wordsOf(text)
        .map((w) => w.replace(/[^\p{L}-]/gu, ''))
        .filter((w) => w.length > rules.maxWordLength)
        .map((w) => `${key}: ${w}`),
    );
    expect(long).toEqual([]);
  });

  it('uses no blocked word in Dutch', () => {
    const found = dutch.flatMap(([key, text]) => blockedIn(text, rules.blockedDutch).map((b) => `${key}: "${b.word}" (${b.why})`));
    expect(found).toEqual([]);
  });

  it('uses no blocked word in English', () => {
    const found = english.flatMap(([key, text]) => blockedIn(text, rules.blockedEnglish).map((b) => `${key}: "${b.word}" (${b.why})`));
    expect(found).toEqual([]);
  });

  it('gives every blocked word a reason', () => {
    for (const entry of [...rules.blockedDutch, ...rules.blockedEnglish]) expect(entry.why.trim(), entry.word).not.toBe('');
  });
});

describe('one word for one thing, on the screen and in the exports', () => {
  const screen = { nl, en } as const;
  for (const language of ['nl', 'en'] as const) {
    const ui = screen[language];
    const exported = WORDS[language];
    const vocabulary = VOCABULARY[language];

    it(`${language}: the kinds and life domains read the same on the screen and in the export`, () => {
      for (const kind of FACTOR_KINDS) {
        expect(ui.kind[kind], kind).toBe(exported.kind[kind]);
        expect(ui.kind[kind], kind).toBe(vocabulary.kind[kind]);
      }
      for (const domain of LIFE_DOMAINS) {
        expect(ui.domain[domain], domain).toBe(exported.domain[domain]);
        expect(ui.domain[domain], domain).toBe(vocabulary.domain[domain]);
      }
    });

    it(`${language}: observation or idea, + and −, and loop types read the same on the screen and in the export`, () => {
      expect(ui.evidence.hypothesis).toBe(exported.hypothesis);
      expect(ui.legend.hypothesis).toBe(exported.legendHypothesis);
      expect([ui.link.plus, ui.link.minus]).toEqual([exported.plus, exported.minus]);
      expect([ui.legend.plus, ui.legend.minus]).toEqual([exported.plus, exported.minus]);
      expect(ui.patterns.reinforcing.toLocaleLowerCase()).toBe(exported.reinforcing);
      expect(ui.patterns.balancing.toLocaleLowerCase()).toBe(exported.balancing);
    });

    it(`${language}: the facilitator has one name everywhere`, () => {
      const name = vocabulary.role.facilitator;
      expect([ui.role.facilitator, ui.share.facilitator, ui.role_actor.facilitator]).toEqual([name, name, name]);
      for (const role of ROLES) expect(ui.role_actor[role]).toBe(vocabulary.role[role]);
    });
  }

  it('gives every kind, domain and evidence choice a different word', () => {
    for (const language of ['nl', 'en'] as const) {
      const v = VOCABULARY[language];
      for (const words of [Object.values(v.kind), Object.values(v.domain), Object.values(v.evidence), Object.values(v.role)]) {
        expect(new Set(words.map((w) => w.toLocaleLowerCase())).size, `${language}: ${words.join(', ')}`).toBe(words.length);
      }
    }
  });
});
