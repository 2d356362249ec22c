/**
 * The analysis as a story (issue 17): a short text in plain Dutch or English, written from the diagram alone by
 * fixed templates, so the same diagram always gives the same story and nothing appears that is not in it. It tells
 * how it began (background, what happened then), what keeps it going (each circle as one sentence, built from its
 * factors in order and the polarity of its links), what makes it worse, what helps already (and what that counters),
 * and where the vicious circles could break (graph/breakPoints.ts). Factors the people marked as a hypothesis are told
 * as "we denken dat …". The facilitator's edited story (`analysis.story`) replaces the generated one (`storyOf`).
 */
import { analysePatterns, type Patterns } from '../graph/patterns.ts';
import type { Loop } from '../graph/loops.ts';
import { DEFAULT_LANGUAGE, type Language } from '../model/language.ts';
import type { Analysis, Factor, FactorKind } from '../model/types.ts';
import { STORY_WORDS, type StoryWords } from './words.ts';

/** The parts of a story, in the order they are told. */
export const STORY_PARTS = ['worry', 'began', 'going', 'worse', 'helps', 'break'] as const;
export type StoryPart = (typeof STORY_PARTS)[number];

export interface StorySection {
  readonly part: StoryPart;
  readonly heading: string;
  /** Paragraphs of one or more sentences (each circle is a paragraph of its own, so it reads aloud as one thought). */
  readonly paragraphs: readonly string[];
}

export interface GeneratedStory {
  readonly title: string;
  readonly sections: readonly StorySection[];
}

/** At most this many circles are told one by one; the rest are counted (the diagram shows them all). */
export const STORY_MAX_LOOPS = 8;

/**
 * The search for the story stops at a number of loops, never at a time: the same diagram must give the same story on
 * a fast and a slow (or busy) machine. Johnson's search takes time in proportion to the loops it finds, so this bound
 * also bounds the time.
 */
const STORY_SEARCH = { maxLoops: 2_000, timeBudgetMs: Number.POSITIVE_INFINITY } as const;

type AnalysisForStory = Pick<Analysis, 'title' | 'factors' | 'links' | 'loops'>;

/**
 * The story of `analysis` as the story panel and `npm run story` show it: the facilitator's edited story when there
 * is one, else the generated story in `language` (default: the analysis's own language).
 */
export function storyOf(analysis: Analysis, language?: Language, patterns?: Patterns): string {
  if (analysis.story !== undefined && analysis.story.trim() !== '') return analysis.story;
  return storyText(generateStory(analysis, language ?? analysis.language ?? DEFAULT_LANGUAGE, patterns));
}

/** The generated story as plain text: the title, then per part a heading line and a line per paragraph. */
export function storyText(story: GeneratedStory): string {
  const blocks = story.sections.map((s) => [s.heading, ...s.paragraphs].join('\n'));
  return `${[story.title, ...blocks].filter((b) => b !== '').join('\n\n')}\n`;
}

/** Writes the story of the diagram; `patterns` may be passed when already computed (the editor's worker). */
export function generateStory(analysis: AnalysisForStory, language: Language, patterns?: Patterns): GeneratedStory {
  const w = STORY_WORDS[language];
  const found = patterns ?? analysePatterns(analysis, STORY_SEARCH);
  const teller = new Teller(analysis, w);
  const sections: StorySection[] = [];
  const add = (part: StoryPart, paragraphs: string[]) => {
    const kept = paragraphs.filter((p) => p !== '');
    if (kept.length > 0) sections.push({ part, heading: w.heading[part], paragraphs: kept });
  };

  if (analysis.factors.length === 0) {
    return { title: analysis.title, sections: [{ part: 'worry', heading: w.heading.worry, paragraphs: [w.empty] }] };
  }

  add('worry', [teller.listSentences(teller.ofKind('problem'), w.worry).join(' ')]);
  add('began', [
    teller.listSentences(teller.ofKind('predisposing'), w.before).join(' '),
    teller.listSentences(teller.ofKind('precipitating'), w.then).join(' '),
  ]);

  // Named circles first (the names people gave), then the vicious ones, then the rest; the diagram's numbering within.
  const rank = (l: Loop) => (l.name ? 0 : l.vicious ? 1 : 2);
  const ordered = found.loops
    .map((l, i) => ({ l, i }))
    .sort((a, b) => rank(a.l) - rank(b.l) || a.i - b.i)
    .map(({ l }) => l);
  const told = ordered.slice(0, STORY_MAX_LOOPS);
  const rest = found.loops.length - told.length;
  const helping = (l: Loop) => l.factors.some((id) => teller.kindOf(id) === 'protective');
  const going: string[] = told.filter((l) => !helping(l)).map((l) => teller.loopSentences(l).join(' '));
  const onLoops = new Set(found.loops.flatMap((l) => l.factors));
  going.push(
    teller
      .listSentences(
        teller.ofKind('perpetuating').filter((f) => !onLoops.has(f.id)),
        w.alsoGoing,
      )
      .join(' '),
  );
  if (rest > 0 || found.truncated) going.push(w.moreLoops(rest, found.truncated));
  add('going', going);

  add('worse', [teller.listSentences(teller.ofKind('aggravating'), w.worse).join(' ')]);

  const helps: string[] = [];
  const quiet: Factor[] = [];
  for (const strength of teller.ofKind('protective')) {
    const sentence = teller.strengthSentence(strength);
    if (sentence) helps.push(sentence);
    else quiet.push(strength);
  }
  const strengths = [helps.join(' '), teller.listSentences(quiet, w.alsoHelps).join(' ')].filter((p) => p !== '').join(' ');
  add('helps', [strengths, ...told.filter(helping).map((l) => teller.loopSentences(l).join(' '))]);

  add('break', teller.breakSentences(found));
  return { title: analysis.title, sections };
}

/** Turns factors, links and loops into sentences with the words of one language. */
class Teller {
  private readonly byId: Map<string, Factor>;
  private readonly linkById: Map<string, Analysis['links'][number]>;

  constructor(
    private readonly analysis: AnalysisForStory,
    private readonly w: StoryWords,
  ) {
    this.byId = new Map(analysis.factors.map((f) => [f.id, f]));
    this.linkById = new Map(analysis.links.map((l) => [l.id, l]));
  }

  kindOf(id: string): FactorKind | undefined {
    return this.byId.get(id)?.kind;
  }

  ofKind(kind: FactorKind): Factor[] {
    return this.analysis.factors.filter((f) => f.kind === kind);
  }

  /** A label inside a sentence: its first letter small, unless the first word is an abbreviation ("GGZ"). */
  inner(factor: Factor): string {
    return lowerFirst(factor.label.trim());
  }

  /** "Het was al eerder zwaar: a en b." and, for hypotheses, "We denken dat ook dit meespeelt: c." */
  listSentences(factors: readonly Factor[], template: { seen: (list: string) => string; thought: (list: string) => string }): string[] {
    const seen = factors.filter((f) => f.evidence !== 'hypothesis' && f.label.trim() !== '');
    const thought = factors.filter((f) => f.evidence === 'hypothesis' && f.label.trim() !== '');
    const out: string[] = [];
    if (seen.length > 0) out.push(template.seen(this.w.list(seen.map((f) => this.inner(f)))));
    if (thought.length > 0) out.push(template.thought(this.w.list(thought.map((f) => this.inner(f)))));
    return out;
  }

  /** A name for the loop: the name people gave it, in quotes, or its number. */
  loopName(loop: Pick<Loop, 'id' | 'name'>): string {
    return loop.name?.trim() ? `“${loop.name.trim()}”` : this.w.loopNumber(loop.id);
  }

  /**
   * One circle as one sentence: from its first factor around, "more" or "less" at each step as the links' signs
   * multiply, back to the first; then which of its factors are a hypothesis.
   */
  loopSentences(loop: Loop): string[] {
    const labels = loop.factors.map((id) => this.inner(this.byId.get(id)!));
    const steps: Array<{ more: boolean; label: string }> = [];
    let more = true;
    loop.links.forEach((linkId, i) => {
      if (this.linkById.get(linkId)?.polarity === '-') more = !more;
      steps.push({ more, label: labels[(i + 1) % labels.length]! });
    });
    const kind = loop.vicious ? 'vicious' : loop.virtuous ? 'virtuous' : loop.type;
    const out = [this.w.loop(this.loopName(loop), kind, labels[0]!, steps)];
    const thought = loop.factors.map((id) => this.byId.get(id)!).filter((f) => f.evidence === 'hypothesis');
    if (thought.length > 0) out.push(this.w.loopThought(thought.map((f) => this.inner(f))));
    return out;
  }

  /** What a strength does: "Steunende zus zorgt voor minder stress en minder sociaal isolement." */
  strengthSentence(strength: Factor): string | null {
    const effects = this.analysis.links
      .filter((l) => l.from === strength.id && l.to !== strength.id && this.byId.has(l.to))
      .map((l) => ({ more: l.polarity === '+', label: this.inner(this.byId.get(l.to)!) }));
    if (effects.length === 0 || strength.label.trim() === '') return null;
    return this.w.strength(strength.label.trim(), this.inner(strength), effects, strength.evidence === 'hypothesis');
  }

  /** Where the vicious circles could break: the links of the feedback arc set, then the factors. */
  breakSentences(patterns: Patterns): string[] {
    const vicious = patterns.loops.filter((l) => l.vicious);
    if (vicious.length === 0) return patterns.loops.length > 0 || this.analysis.factors.length > 0 ? [this.w.noVicious] : [];
    const out: string[] = [];
    for (const id of patterns.breakPoints.links) {
      const link = this.linkById.get(id);
      if (!link) continue;
      const through = vicious.filter((l) => l.links.includes(id));
      const named = through.filter((l) => l.name?.trim()).map((l) => this.loopName(l));
      const only = through.length === 1 ? this.loopName(through[0]!) : null;
      out.push(
        this.w.breakLink(
          this.inner(this.byId.get(link.from)!),
          this.inner(this.byId.get(link.to)!),
          link.polarity === '+',
          through.length,
          only,
          named,
        ),
      );
    }
    const factors = patterns.breakPoints.factors.map((id) => this.byId.get(id)).filter((f): f is Factor => f !== undefined);
    if (factors.length > 0)
      out.push(
        this.w.breakFactors(
          factors.map((f) => this.inner(f)),
          vicious.length,
        ),
      );
    return out;
  }
}

/** The first letter small, unless the first word is written in capitals (an abbreviation) or is one letter. */
export function lowerFirst(label: string): string {
  const first = label.split(/\s/, 1)[0] ?? '';
  if (first.length < 2 || first === first.toUpperCase()) return label;
  return label.charAt(0).toLocaleLowerCase('nl') + label.slice(1);
}
