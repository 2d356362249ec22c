/**
 * The words of the case-file report (Dutch and English), and the words the report shares with the screen: the web
 * app's i18n (web/src/i18n nl.ts, en.ts: patterns.*, role_actor.*) takes those from here, so a loop, a break point or
 * a role is called the same on the screen and on paper. Templates use i18next's `{{name}}` placeholders.
 */
import type { Role, Stance } from '../model/types.ts';
import type { ExportLanguage } from './words.ts';
import { VOCABULARY } from '../model/vocabulary.ts';

/** Words shown both on the screen (through i18next) and in the report. */
export interface SharedPatternWords {
  readonly reinforcing: string;
  readonly balancing: string;
  readonly vicious: string;
  readonly virtuous: string;
  readonly breakIntro: string;
  readonly breakNone: string;
  /** `{{count}}`, `{{total}}` */
  readonly breaksOf: string;
  /** `{{names}}` */
  readonly strengths: string;
}

export const SHARED_PATTERN_WORDS: Record<ExportLanguage, SharedPatternWords> = {
  nl: {
    reinforcing: VOCABULARY.nl.loopType.reinforcing,
    balancing: VOCABULARY.nl.loopType.balancing,
    vicious: 'Vicieuze cirkel',
    virtuous: 'Positieve spiraal',
    breakIntro: 'Hier kan één verandering de meeste vicieuze cirkels doorbreken.',
    breakNone: 'Er zijn geen vicieuze cirkels om te doorbreken.',
    breaksOf: 'doorbreekt {{count}} van de {{total}} vicieuze cirkels',
    strengths: 'Krachten die hier al tegenin werken: {{names}}',
  },
  en: {
    reinforcing: VOCABULARY.en.loopType.reinforcing,
    balancing: VOCABULARY.en.loopType.balancing,
    vicious: 'Vicious circle',
    virtuous: 'Positive spiral',
    breakIntro: 'Here one change can break the most vicious circles.',
    breakNone: 'There are no vicious circles to break.',
    breaksOf: 'breaks {{count}} of the {{total}} vicious circles',
    strengths: 'Strengths already pushing against it: {{names}}',
  },
};

/** The roles of the people involved (screen: role_actor.*). */
export const ROLE_WORDS: Record<ExportLanguage, Record<Role, string>> = {
  nl: VOCABULARY.nl.role,
  en: VOCABULARY.en.role,
};

/** Fills i18next-style `{{name}}` placeholders (no escaping: the report draws text, not HTML). */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export interface ReportWords {
  readonly patterns: SharedPatternWords;
  readonly roles: Record<Role, string>;
  readonly confidential: string;
  readonly reportTitle: string;
  /** "Gemaakt op 3 december 2026 om 14:05 (tijdzone Europe/Amsterdam)" */
  madeAt(date: string, time: string, timeZone: string): string;
  version(name: string): string;
  readonly currentVersion: string;
  page(n: number, total: number): string;
  readonly diagramTitle: string;
  diagramTiled(parts: number, from: number, to: number): string;
  tile(n: number, total: number, row: number, column: number): string;
  readonly loopsTitle: string;
  readonly loopsIntro: string;
  readonly loopsNone: string;
  loopsLeftOut(n: number): string;
  readonly loopsTruncated: string;
  /** The loop's factors in order, ending where it began: "A › B › C › weer A". */
  loopSteps(labels: readonly string[]): string;
  readonly breakTitle: string;
  readonly breakLinksTitle: string;
  readonly breakFactorsTitle: string;
  breakLink(from: string, to: string, count: number, total: number): string;
  breakFactor(label: string, count: number, total: number): string;
  readonly strengthsTitle: string;
  readonly strengthsIntro: string;
  readonly strengthsNoneOnLoop: string;
  readonly notesTitle: string;
  readonly notesNone: string;
  notesWithout(n: number): string;
  readonly linkNotesTitle: string;
  linkName(from: string, to: string, plus: boolean): string;
  readonly actorsTitle: string;
  readonly actorsNone: string;
  actorFactors(labels: readonly string[]): string;
  readonly actorNoFactors: string;
  readonly stancesTitle: string;
  readonly stancesNone: string;
  stancesHeadline(factors: number, factorTotal: number, links: number, linkTotal: number): string;
  stancesPeople(names: readonly string[]): string;
  readonly stancesDifferTitle: string;
  readonly stancesPartialTitle: string;
  readonly stancesLoopsTitle: string;
  stance(name: string, stance: Stance): string;
  stanceUnmarked(names: readonly string[]): string;
  stancesUnmarked(n: number): string;
  readonly loopShared: string;
  readonly loopDiffers: string;
  loopRecognisedBy(names: readonly string[]): string;
  readonly loopNotYet: string;
  readonly loopUnmarked: string;
  readonly commentsTitle: string;
  readonly commentsNone: string;
  commentsCount(threads: number, open: number): string;
  onFactor(label: string): string;
  onLink(link: string): string;
  onLoop(loop: string): string;
  readonly onGone: string;
  /** "Anna (als Moeder)" */
  commentAuthor(author: string, actor: string | undefined): string;
  comment(who: string, when: string, text: string, resolved: boolean): string;
  reply(who: string, when: string, text: string): string;
}

function plural(n: number, one: string, other: string): string {
  return n === 1 ? one : other;
}

export const REPORT_WORDS: Record<ExportLanguage, ReportWords> = {
  nl: {
    patterns: SHARED_PATTERN_WORDS.nl,
    roles: ROLE_WORDS.nl,
    confidential: 'VERTROUWELIJK',
    reportTitle: 'Verslag voor het dossier',
    madeAt: (date, time, zone) => `Gemaakt op ${date} om ${time} (tijdzone ${zone})`,
    version: (name) => `Versie: ${name}`,
    currentVersion: 'de stand van dit moment',
    page: (n, total) => `Pagina ${n} van ${total}`,
    diagramTitle: 'De tekening',
    diagramTiled: (parts, from, to) =>
      `De tekening is te groot om leesbaar op één pagina te passen. Ze staat in ${parts} delen op pagina ${from} tot en met ${to}. ` +
      'Dit overzicht laat zien welk deel waar staat.',
    tile: (n, total, row, column) => `Deel ${n} van ${total} (rij ${row}, kolom ${column})`,
    loopsTitle: 'Kringlopen',
    loopsIntro: 'Een kringloop is een kring van verbanden. A beïnvloedt B, B beïnvloedt C, en C weer A. Vicieuze cirkels staan eerst.',
    loopsNone: 'Er zijn nog geen kringlopen in deze tekening.',
    loopsLeftOut: (n) =>
      `Nog ${n} ${plural(n, 'kringloop staat', 'kringlopen staan')} niet in dit verslag. Je vindt ze in Samenzicht, bij Kringlopen.`,
    loopsTruncated: 'Er zijn zoveel kringlopen dat Samenzicht niet alle kringlopen heeft gezocht.',
    loopSteps: (labels) => [...labels, `weer ${labels[0] ?? ''}`].join(' › '),
    breakTitle: 'Waar kan de cirkel breken?',
    breakLinksTitle: 'Verbanden',
    breakFactorsTitle: 'Factoren',
    breakLink: (from, to, count, total) =>
      `Het verband van "${from}" naar "${to}" ${fillTemplate(SHARED_PATTERN_WORDS.nl.breaksOf, { count, total })}.`,
    breakFactor: (label, count, total) => `"${label}" ${fillTemplate(SHARED_PATTERN_WORDS.nl.breaksOf, { count, total })}.`,
    strengthsTitle: 'Wat helpt al',
    strengthsIntro: 'Per vicieuze cirkel de krachten die er al tegenin werken.',
    strengthsNoneOnLoop: 'Hier werkt nog geen kracht tegenin.',
    notesTitle: 'Toelichting per factor',
    notesNone: 'Bij geen enkele factor staat een toelichting.',
    notesWithout: (n) => `${n} ${plural(n, 'factor heeft', 'factoren hebben')} geen toelichting.`,
    linkNotesTitle: 'Toelichting bij verbanden',
    linkName: (from, to, plus) => `"${from}" ${plus ? 'versterkt' : 'vermindert'} "${to}"`,
    actorsTitle: 'Betrokkenen',
    actorsNone: 'Er zijn nog geen betrokkenen genoemd.',
    actorFactors: (labels) => `Factoren: ${labels.join('; ')}`,
    actorNoFactors: 'Nog aan geen factor gekoppeld.',
    stancesTitle: 'Wie herkent wat',
    stancesNone: 'Nog niemand heeft gezegd wat hij of zij herkent.',
    stancesHeadline: (f, ft, l, lt) => `Gedeeld door iedereen: ${f} van ${ft} factoren, ${l} van ${lt} verbanden.`,
    stancesPeople: (names) => `Meegedaan: ${names.join(', ')}.`,
    stancesDifferTitle: 'Hier verschillen we',
    stancesPartialTitle: 'Nog niet door iedereen herkend',
    stancesLoopsTitle: 'Kringlopen',
    stance: (name, stance) =>
      stance === 'recognise' ? `${name} herkent dit` : stance === 'doubt' ? `${name} twijfelt` : `${name} herkent dit niet`,
    stanceUnmarked: (names) => `nog niets gezegd: ${names.join(', ')}`,
    stancesUnmarked: (n) => `Nog door niemand gemarkeerd: ${n} ${plural(n, 'factor of verband', 'factoren en verbanden')}.`,
    loopShared: 'iedereen herkent deze kringloop',
    loopDiffers: 'hier verschillen we',
    loopRecognisedBy: (names) => `herkend door ${names.join(', ')}`,
    loopNotYet: 'nog niet door iedereen herkend',
    loopUnmarked: 'nog niet gemarkeerd',
    commentsTitle: 'Opmerkingen',
    commentsNone: 'Er zijn geen opmerkingen geschreven.',
    commentsCount: (threads, open) => `${threads} ${plural(threads, 'gesprek', 'gesprekken')}, waarvan ${open} nog open.`,
    onFactor: (label) => `Bij factor "${label}"`,
    onLink: (link) => `Bij het verband: ${link}`,
    onLoop: (loop) => `Bij kringloop ${loop}`,
    onGone: 'Bij iets dat niet meer in de tekening staat',
    commentAuthor: (author, actor) => (actor ? `${author} (als ${actor})` : author),
    comment: (who, when, text, resolved) => `${who}, ${when}${resolved ? ' (afgerond)' : ''}: ${text}`,
    reply: (who, when, text) => `Reactie van ${who}, ${when}: ${text}`,
  },
  en: {
    patterns: SHARED_PATTERN_WORDS.en,
    roles: ROLE_WORDS.en,
    confidential: 'CONFIDENTIAL',
    reportTitle: 'Case-file report',
    madeAt: (date, time, zone) => `Made on ${date} at ${time} (time zone ${zone})`,
    version: (name) => `Version: ${name}`,
    currentVersion: 'the state of this moment',
    page: (n, total) => `Page ${n} of ${total}`,
    diagramTitle: 'The diagram',
    diagramTiled: (parts, from, to) =>
      `The diagram is too large to fit one page readably. It is printed in ${parts} parts on pages ${from} to ${to}. ` +
      'This overview shows which part is where.',
    tile: (n, total, row, column) => `Part ${n} of ${total} (row ${row}, column ${column})`,
    loopsTitle: 'Loops',
    loopsIntro: 'A loop is a circle of connections. A influences B, B influences C, and C influences A again. Vicious circles come first.',
    loopsNone: 'This diagram has no loops yet.',
    loopsLeftOut: (n) => `${n} more ${plural(n, 'loop is', 'loops are')} not in this report. You find them in Samenzicht, under Loops.`,
    loopsTruncated: 'There are so many loops that Samenzicht did not look for all of them.',
    loopSteps: (labels) => [...labels, `back to ${labels[0] ?? ''}`].join(' › '),
    breakTitle: 'Where can the circle break?',
    breakLinksTitle: 'Connections',
    breakFactorsTitle: 'Factors',
    breakLink: (from, to, count, total) =>
      `The connection from "${from}" to "${to}" ${fillTemplate(SHARED_PATTERN_WORDS.en.breaksOf, { count, total })}.`,
    breakFactor: (label, count, total) => `"${label}" ${fillTemplate(SHARED_PATTERN_WORDS.en.breaksOf, { count, total })}.`,
    strengthsTitle: 'What already helps',
    strengthsIntro: 'For each vicious circle, the strengths already pushing against it.',
    strengthsNoneOnLoop: 'No strength pushes against this one yet.',
    notesTitle: 'Notes per factor',
    notesNone: 'No factor has a note.',
    notesWithout: (n) => `${n} ${plural(n, 'factor has', 'factors have')} no note.`,
    linkNotesTitle: 'Notes on connections',
    linkName: (from, to, plus) => `"${from}" ${plus ? 'strengthens' : 'reduces'} "${to}"`,
    actorsTitle: 'People involved',
    actorsNone: 'No people involved have been named yet.',
    actorFactors: (labels) => `Factors: ${labels.join('; ')}`,
    actorNoFactors: 'Not tied to any factor yet.',
    stancesTitle: 'Who recognises what',
    stancesNone: 'Nobody has said yet what they recognise.',
    stancesHeadline: (f, ft, l, lt) => `Shared by everyone: ${f} of ${ft} factors, ${l} of ${lt} connections.`,
    stancesPeople: (names) => `Took part: ${names.join(', ')}.`,
    stancesDifferTitle: 'Where we differ',
    stancesPartialTitle: 'Not yet recognised by everyone',
    stancesLoopsTitle: 'Loops',
    stance: (name, stance) =>
      stance === 'recognise' ? `${name} recognises it` : stance === 'doubt' ? `${name} is not sure` : `${name} does not recognise it`,
    stanceUnmarked: (names) => `nothing said yet: ${names.join(', ')}`,
    stancesUnmarked: (n) => `Not marked by anyone yet: ${n} ${plural(n, 'factor or connection', 'factors and connections')}.`,
    loopShared: 'everyone recognises this loop',
    loopDiffers: 'here we differ',
    loopRecognisedBy: (names) => `recognised by ${names.join(', ')}`,
    loopNotYet: 'not yet recognised by everyone',
    loopUnmarked: 'not marked yet',
    commentsTitle: 'Comments',
    commentsNone: 'No comments were written.',
    commentsCount: (threads, open) => `${threads} ${plural(threads, 'conversation', 'conversations')}, ${open} still open.`,
    onFactor: (label) => `On factor "${label}"`,
    onLink: (link) => `On the connection: ${link}`,
    onLoop: (loop) => `On loop ${loop}`,
    onGone: 'On something no longer in the diagram',
    commentAuthor: (author, actor) => (actor ? `${author} (as ${actor})` : author),
    comment: (who, when, text, resolved) => `${who}, ${when}${resolved ? ' (done)' : ''}: ${text}`,
    reply: (who, when, text) => `Reply from ${who}, ${when}: ${text}`,
  },
};
