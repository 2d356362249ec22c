/**
 * The words of the story, per language. Plain (B1), short sentences, "we", never judging (LANGUAGE.md). Every
 * template only joins labels from the diagram with these fixed words, so nothing is said that the diagram does not
 * say. Hypotheses are told as "we denken dat …" / "we think …".
 */
import type { Language } from '../model/language.ts';
import type { StoryPart } from './storyOf.ts';

type ListTemplate = { readonly seen: (list: string) => string; readonly thought: (list: string) => string };
export type LoopKind = 'vicious' | 'virtuous' | 'reinforcing' | 'balancing';

export interface StoryWords {
  readonly heading: Readonly<Record<StoryPart, string>>;
  readonly empty: string;
  readonly list: (items: readonly string[]) => string;
  readonly worry: ListTemplate;
  readonly before: ListTemplate;
  readonly then: ListTemplate;
  readonly alsoGoing: ListTemplate;
  readonly worse: ListTemplate;
  readonly alsoHelps: ListTemplate;
  readonly loopNumber: (id: string) => string;
  readonly loop: (name: string, kind: LoopKind, first: string, steps: ReadonlyArray<{ more: boolean; label: string }>) => string;
  readonly loopThought: (labels: readonly string[]) => string;
  readonly moreLoops: (rest: number, truncated: boolean) => string;
  readonly strength: (label: string, inner: string, effects: ReadonlyArray<{ more: boolean; label: string }>, thought: boolean) => string;
  readonly noVicious: string;
  /** `count` vicious circles run through the link; `only` names it when it is one; `named` the named ones among them. */
  readonly breakLink: (from: string, to: string, plus: boolean, count: number, only: string | null, named: readonly string[]) => string;
  readonly breakFactors: (labels: readonly string[], vicious: number) => string;
}

const joinList = (and: string) => (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]!}`;

const upperFirst = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/**
 * "meer stress" / "minder stress"; a label that already starts with the word ("Meer toezicht en controle") is not
 * given it twice, and "less" of it swaps the word ("minder toezicht en controle"). The label's own language counts
 * (a Dutch label in the English story keeps its Dutch "meer"/"minder").
 */
function amount(more: boolean, label: string, words: { more: string; less: string }): string {
  const lower = label.toLocaleLowerCase();
  for (const own of [NL_AMOUNT, EN_AMOUNT]) {
    for (const [word, opposite] of [
      [own.more, own.less],
      [own.less, own.more],
    ] as const) {
      if (lower.startsWith(`${word} `)) return more ? label : `${opposite}${label.slice(word.length)}`;
    }
  }
  return `${more ? words.more : words.less} ${label}`;
}

const NL_AMOUNT = { more: 'meer', less: 'minder' };
const EN_AMOUNT = { more: 'more', less: 'less' };

const nlList = joinList('en');
const enList = joinList('and');

const nl: StoryWords = {
  heading: {
    worry: 'Waar we ons zorgen over maken',
    began: 'Hoe het begon',
    going: 'Wat het in stand houdt',
    worse: 'Wat het erger maakt',
    helps: 'Wat al helpt',
    break: 'Waar de cirkel kan breken',
  },
  empty: 'De tekening is nog leeg. Zodra er factoren in staan, komt hier het verhaal.',
  list: nlList,
  worry: { seen: (l) => `We maken ons zorgen over dit: ${l}.`, thought: (l) => `We denken dat ook dit een zorg is: ${l}.` },
  before: { seen: (l) => `Het was al eerder zwaar: ${l}.`, thought: (l) => `We denken dat ook dit al eerder meespeelde: ${l}.` },
  then: { seen: (l) => `Toen gebeurde dit: ${l}.`, thought: (l) => `We denken dat ook dit toen meespeelde: ${l}.` },
  alsoGoing: { seen: (l) => `Ook dit houdt het in stand: ${l}.`, thought: (l) => `We denken dat ook dit het in stand houdt: ${l}.` },
  worse: { seen: (l) => `Dit maakt het erger: ${l}.`, thought: (l) => `We denken dat ook dit het erger maakt: ${l}.` },
  alsoHelps: { seen: (l) => `Ook dit helpt: ${l}.`, thought: (l) => `We denken dat ook dit helpt: ${l}.` },
  loopNumber: (id) => `kringloop ${id}`,
  loop: (name, kind, first, steps) => {
    const more = (s: { more: boolean; label: string }) => amount(s.more, s.label, NL_AMOUNT);
    const middle = steps.slice(0, -1).map((s, i) => (i === 0 ? `komt er ${more(s)}` : `daardoor ${more(s)}`));
    const last = steps[steps.length - 1]!;
    const what =
      kind === 'vicious'
        ? 'een vicieuze cirkel'
        : kind === 'virtuous'
          ? 'een goede kringloop'
          : kind === 'balancing'
            ? 'een remmende kringloop'
            : 'een kringloop';
    const chain =
      middle.length > 0 ? `door ${first} ${middle.join(', ')}, en daardoor weer ${more(last)}` : `${first} zorgt weer voor ${more(last)}`;
    return `${upperFirst(name)} is ${what}: ${chain}.`;
  },
  loopThought: (labels) =>
    `We denken dat ${nlList(labels)} hierin ${labels.length === 1 ? 'meedoet' : 'meedoen'}, maar dat is nog niet zeker.`,
  moreLoops: (rest, truncated) =>
    rest > 0
      ? `Er ${rest === 1 ? 'is nog 1 kringloop' : `zijn nog ${rest} kringlopen`}${truncated ? ' of meer' : ''}. Die staan in de tekening.`
      : 'Er zijn misschien nog meer kringlopen. Die staan in de tekening.',
  strength: (label, inner, effects, thought) => {
    const what = nlList(effects.map((e) => amount(e.more, e.label, NL_AMOUNT)));
    return thought ? `We denken dat ${inner} zorgt voor ${what}.` : `${upperFirst(label)} zorgt voor ${what}.`;
  },
  noVicious: 'In de tekening staat geen vicieuze cirkel.',
  breakLink: (from, to, plus, count, only, named) => {
    const what = only ?? `${count} vicieuze cirkels${named.length > 0 ? `, ook ${nlList(named)}` : ''}`;
    return `Als ${from} niet meer zorgt voor ${amount(plus, to, NL_AMOUNT)}, ${count === 1 ? 'breekt' : 'breken'} ${what}.`;
  },
  breakFactors: (labels, vicious) =>
    `Samen werken aan ${nlList(labels)} raakt ${vicious === 1 ? 'de vicieuze cirkel' : vicious === 2 ? 'allebei de vicieuze cirkels' : `alle ${vicious} vicieuze cirkels`}.`,
};

const en: StoryWords = {
  heading: {
    worry: 'What we are worried about',
    began: 'How it began',
    going: 'What keeps it going',
    worse: 'What makes it worse',
    helps: 'What helps already',
    break: 'Where the circle can break',
  },
  empty: 'The diagram is still empty. Once it has factors, the story appears here.',
  list: enList,
  worry: { seen: (l) => `We are worried about this: ${l}.`, thought: (l) => `We think this is a worry too: ${l}.` },
  before: { seen: (l) => `Things were already hard before: ${l}.`, thought: (l) => `We think this also played a part before: ${l}.` },
  then: { seen: (l) => `Then this happened: ${l}.`, thought: (l) => `We think this also played a part then: ${l}.` },
  alsoGoing: { seen: (l) => `This keeps it going too: ${l}.`, thought: (l) => `We think this keeps it going too: ${l}.` },
  worse: { seen: (l) => `This makes it worse: ${l}.`, thought: (l) => `We think this makes it worse too: ${l}.` },
  alsoHelps: { seen: (l) => `This helps too: ${l}.`, thought: (l) => `We think this helps too: ${l}.` },
  loopNumber: (id) => `circle ${id}`,
  loop: (name, kind, first, steps) => {
    const more = (s: { more: boolean; label: string }) => amount(s.more, s.label, EN_AMOUNT);
    const middle = steps.slice(0, -1).map((s, i) => (i === 0 ? `brings ${more(s)}` : `which brings ${more(s)}`));
    const last = steps[steps.length - 1]!;
    const what =
      kind === 'vicious'
        ? 'a vicious circle'
        : kind === 'virtuous'
          ? 'a good circle'
          : kind === 'balancing'
            ? 'a slowing circle'
            : 'a circle';
    const chain =
      middle.length > 0 ? `${first} ${middle.join(', ')}, and that brings ${more(last)} again` : `${first} brings ${more(last)} again`;
    return `${upperFirst(name)} is ${what}: ${chain}.`;
  },
  loopThought: (labels) => `We think ${enList(labels)} ${labels.length === 1 ? 'is' : 'are'} part of this, but we are not sure yet.`,
  moreLoops: (rest, truncated) =>
    rest > 0
      ? `There ${rest === 1 ? 'is 1 more circle' : `are ${rest} more circles`}${truncated ? ' or more' : ''}. The diagram shows them.`
      : 'There may be more circles. The diagram shows them.',
  strength: (label, inner, effects, thought) => {
    const what = enList(effects.map((e) => amount(e.more, e.label, EN_AMOUNT)));
    return thought ? `We think ${inner} brings ${what}.` : `${upperFirst(label)} brings ${what}.`;
  },
  noVicious: 'The diagram shows no vicious circle.',
  breakLink: (from, to, plus, count, only, named) => {
    const what = only ?? `${count} vicious circles${named.length > 0 ? `, also ${enList(named)},` : ''}`;
    return `If ${from} no longer brings ${amount(plus, to, EN_AMOUNT)}, ${what} ${count === 1 ? 'breaks' : 'break'}.`;
  },
  breakFactors: (labels, vicious) =>
    `Working together on ${enList(labels)} touches ${vicious === 1 ? 'the vicious circle' : vicious === 2 ? 'both vicious circles' : `all ${vicious} vicious circles`}.`,
};

export const STORY_WORDS: Readonly<Record<Language, StoryWords>> = { nl, en };
