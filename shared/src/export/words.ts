/**
 * The words of the export in Dutch and English. Kind, domain, evidence, + and − and loop words come from
 * model/vocabulary.ts, which the screen's i18n uses too (a test in web/src/i18n keeps them equal).
 */
import type { FactorKind, LifeDomain } from '../model/types.ts';
import { VOCABULARY, type Vocabulary } from '../model/vocabulary.ts';

export type ExportLanguage = 'nl' | 'en';

export interface ExportWords {
  readonly kind: Record<FactorKind, string>;
  readonly domain: Record<LifeDomain, string>;
  readonly hypothesis: string;
  readonly untitled: string;
  readonly emptyLabel: string;
  readonly legendTitle: string;
  readonly legendHypothesis: string;
  readonly plus: string;
  readonly minus: string;
  readonly reinforcing: string;
  readonly balancing: string;
  readonly months: readonly string[];
  /** "Gemaakt op 3 maart 2025 om 14:05" */
  exportedAt(date: string, time: string): string;
  factors(n: number): string;
  links(n: number): string;
}

/** The words every export shares with the screen, taken from the one vocabulary. */
function sharedWords(v: Vocabulary) {
  return {
    kind: v.kind,
    domain: v.domain,
    hypothesis: v.evidence.hypothesis,
    legendHypothesis: v.legendHypothesis,
    plus: v.polarity.plus,
    minus: v.polarity.minus,
    reinforcing: v.loopType.reinforcing.toLocaleLowerCase(),
    balancing: v.loopType.balancing.toLocaleLowerCase(),
  };
}

export const WORDS: Record<ExportLanguage, ExportWords> = {
  nl: {
    ...sharedWords(VOCABULARY.nl),
    untitled: 'Naamloze analyse',
    emptyLabel: 'Nieuwe factor',
    legendTitle: 'Legenda',
    months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
    exportedAt: (date, time) => `Gemaakt op ${date} om ${time}`,
    factors: (n) => `${n} ${n === 1 ? 'factor' : 'factoren'}`,
    links: (n) => `${n} ${n === 1 ? 'verband' : 'verbanden'}`,
  },
  en: {
    ...sharedWords(VOCABULARY.en),
    untitled: 'Untitled analysis',
    emptyLabel: 'New factor',
    legendTitle: 'Legend',
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    exportedAt: (date, time) => `Made on ${date} at ${time}`,
    factors: (n) => `${n} ${n === 1 ? 'factor' : 'factors'}`,
    links: (n) => `${n} ${n === 1 ? 'connection' : 'connections'}`,
  },
};

/**
 * The date and time of `at` as people read it in `timeZone` (default Europe/Amsterdam, also when the server runs
 * in UTC): `{ date: "3 maart 2025", time: "14:05" }`.
 */
export function formatExportDate(at: Date, language: ExportLanguage, timeZone = 'Europe/Amsterdam'): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const month = WORDS[language].months[Number(part('month')) - 1] ?? part('month');
  return { date: `${Number(part('day'))} ${month} ${part('year')}`, time: `${part('hour')}:${part('minute')}` };
}
