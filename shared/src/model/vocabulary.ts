/**
 * The words for the method's things, once, for the screen (web/src/i18n) and the exports (export/words.ts) alike:
 * the kinds of factor with their guiding questions, the life domains, observation or idea, + and −, loops and roles.
 * Plain Dutch first (see LANGUAGE.md): what is printed on every factor is an everyday phrase; the method's own
 * term (4P case formulation) is kept in `kindMethod`, shown to the facilitator only.
 */
import type { Evidence, FactorKind, LifeDomain, Role } from './types.ts';

export type VocabularyLanguage = 'nl' | 'en';

export interface Vocabulary {
  /** The word on every factor, in the legend and in the export. */
  readonly kind: Readonly<Record<FactorKind, string>>;
  /** The question a kind answers, shown as visible text where the kind is chosen. */
  readonly kindQuestion: Readonly<Record<FactorKind, string>>;
  /** The method's term (4P case formulation), for the facilitator. */
  readonly kindMethod: Readonly<Record<FactorKind, string>>;
  readonly domain: Readonly<Record<LifeDomain, string>>;
  /** The choice between "we saw or heard it" and "we think so". */
  readonly evidence: Readonly<Record<Evidence, string>>;
  readonly evidenceHint: Readonly<Record<Evidence, string>>;
  /** Dashed border in a legend. */
  readonly legendHypothesis: string;
  /** What `+` and `-` on a connection do. */
  readonly polarity: Readonly<{ plus: string; minus: string }>;
  /** The one word for a loop. */
  readonly loop: string;
  readonly loops: string;
  readonly loopType: Readonly<{ reinforcing: string; balancing: string }>;
  /** The people's roles (actors). */
  readonly role: Readonly<Record<Role, string>>;
}

export const VOCABULARY: Readonly<Record<VocabularyLanguage, Vocabulary>> = {
  nl: {
    kind: {
      problem: 'Zorgpunt',
      predisposing: 'Achtergrond',
      precipitating: 'Aanleiding',
      perpetuating: 'Houdt het in stand',
      aggravating: 'Maakt het erger',
      protective: 'Kracht',
    },
    kindQuestion: {
      problem: 'Wat willen we samen begrijpen?',
      predisposing: 'Wat maakte het al eerder zwaar?',
      precipitating: 'Wat gebeurde er toen het begon?',
      perpetuating: 'Waardoor blijft het zo?',
      aggravating: 'Wat maakt het erger?',
      protective: 'Wat helpt? Waardoor is het niet erger?',
    },
    kindMethod: {
      problem: 'probleem',
      predisposing: 'predisponerende factor',
      precipitating: 'uitlokkende factor',
      perpetuating: 'instandhoudende factor',
      aggravating: 'verergerende factor',
      protective: 'beschermende factor',
    },
    domain: {
      child: 'Kind',
      parents: 'Ouders',
      parenting: 'Opvoeding',
      family: 'Gezin',
      network: 'Familie en vrienden',
      context: 'Wonen, geld en regels',
      care: 'Hulpverlening',
    },
    evidence: { observation: 'Gezien of gehoord', hypothesis: 'Denken we' },
    evidenceHint: {
      observation: 'Iemand heeft dit gezien of gehoord.',
      hypothesis: 'Dit denken we, maar het is nog niet zeker. De rand is gestreept.',
    },
    legendHypothesis: 'Gestreepte rand: denken we, nog niet zeker',
    polarity: { plus: 'versterkt', minus: 'vermindert' },
    loop: 'kringloop',
    loops: 'kringlopen',
    loopType: { reinforcing: 'Versterkend', balancing: 'Remmend' },
    role: {
      parent: 'Ouder',
      child: 'Kind of jongere',
      network: 'Familie of vriend',
      professional: 'Professional',
      facilitator: 'Procesbegeleider',
    },
  },
  en: {
    kind: {
      problem: 'Concern',
      predisposing: 'Background',
      precipitating: 'What set it off',
      perpetuating: 'Keeps it going',
      aggravating: 'Makes it worse',
      protective: 'Strength',
    },
    kindQuestion: {
      problem: 'What do we want to understand together?',
      predisposing: 'What made things hard already before?',
      precipitating: 'What happened when it started?',
      perpetuating: 'What keeps it this way?',
      aggravating: 'What makes it worse?',
      protective: 'What helps? Why is it not worse?',
    },
    kindMethod: {
      problem: 'presenting problem',
      predisposing: 'predisposing factor',
      precipitating: 'precipitating factor',
      perpetuating: 'perpetuating factor',
      aggravating: 'aggravating factor',
      protective: 'protective factor',
    },
    domain: {
      child: 'Child',
      parents: 'Parents',
      parenting: 'Parenting',
      family: 'Family',
      network: 'Relatives and friends',
      context: 'Housing, money and rules',
      care: 'Care system',
    },
    evidence: { observation: 'Seen or heard', hypothesis: 'Idea to check' },
    evidenceHint: {
      observation: 'Someone saw or heard this.',
      hypothesis: 'We think this, but we are not sure yet. The border is dashed.',
    },
    legendHypothesis: 'Dashed border: idea to check',
    polarity: { plus: 'strengthens', minus: 'reduces' },
    loop: 'loop',
    loops: 'loops',
    loopType: { reinforcing: 'Reinforcing', balancing: 'Slowing down' },
    role: {
      parent: 'Parent',
      child: 'Child or young person',
      network: 'Relative or friend',
      professional: 'Professional',
      facilitator: 'Facilitator',
    },
  },
};
