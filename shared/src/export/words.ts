/** The words of the export in Dutch and English, kept in step with web/src/i18n (kind.*, domain.*, legend.*). */
import type { FactorKind, LifeDomain } from '../model/types.ts';

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
  /** "Geëxporteerd op 3 maart 2025 om 14:05" */
  exportedAt(date: string, time: string): string;
  factors(n: number): string;
  links(n: number): string;
}

export const WORDS: Record<ExportLanguage, ExportWords> = {
  nl: {
    kind: {
      problem: 'Zorg',
      predisposing: 'Kwetsbaarheid',
      precipitating: 'Aanleiding',
      perpetuating: 'Instandhouding',
      aggravating: 'Verergering',
      protective: 'Kracht',
    },
    domain: {
      child: 'Kind',
      parents: 'Ouders',
      parenting: 'Opvoeding',
      family: 'Gezin',
      network: 'Netwerk',
      context: 'Omgeving',
      care: 'Hulpverlening',
    },
    hypothesis: 'Vermoeden',
    untitled: 'Naamloze analyse',
    emptyLabel: 'Nieuwe factor',
    legendTitle: 'Legenda',
    legendHypothesis: 'Gestreepte rand: vermoeden',
    plus: 'versterkt',
    minus: 'vermindert',
    reinforcing: 'versterkend',
    balancing: 'balancerend',
    months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
    exportedAt: (date, time) => `Geëxporteerd op ${date} om ${time}`,
    factors: (n) => `${n} ${n === 1 ? 'factor' : 'factoren'}`,
    links: (n) => `${n} ${n === 1 ? 'verband' : 'verbanden'}`,
  },
  en: {
    kind: {
      problem: 'Concern',
      predisposing: 'Vulnerability',
      precipitating: 'Trigger',
      perpetuating: 'Keeps it going',
      aggravating: 'Makes it worse',
      protective: 'Strength',
    },
    domain: {
      child: 'Child',
      parents: 'Parents',
      parenting: 'Parenting',
      family: 'Family',
      network: 'Network',
      context: 'Surroundings',
      care: 'Care system',
    },
    hypothesis: 'Assumption',
    untitled: 'Untitled analysis',
    emptyLabel: 'New factor',
    legendTitle: 'Legend',
    legendHypothesis: 'Dashed border: assumption',
    plus: 'strengthens',
    minus: 'weakens',
    reinforcing: 'reinforcing',
    balancing: 'balancing',
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    exportedAt: (date, time) => `Exported on ${date} at ${time}`,
    factors: (n) => `${n} ${n === 1 ? 'factor' : 'factors'}`,
    links: (n) => `${n} ${n === 1 ? 'link' : 'links'}`,
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
