/**
 * What the case-file report says after the diagram, as a list of sections. Each section turns the analysis and its
 * patterns into plain text blocks; reportPages.ts flows the blocks over pages. A later section (stances and
 * comments, "wat is er veranderd" between versions, the written story) is one more entry in REPORT_SECTIONS.
 */
import type { Patterns } from '../../graph/patterns.ts';
import type { Loop } from '../../graph/loops.ts';
import type { Analysis } from '../../model/types.ts';
import { fillTemplate, type ReportWords } from '../reportWords.ts';
import type { ExportWords } from '../words.ts';

/** A piece of text in the report's flow. */
export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'subheading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly soft?: boolean }
  | { readonly kind: 'item'; readonly text: string };

export interface ReportContext {
  readonly analysis: Analysis;
  readonly patterns: Patterns;
  readonly words: ReportWords;
  readonly exportWords: ExportWords;
  /** A factor's label as printed (an empty label gets the "new factor" word). */
  readonly label: (factorId: string) => string;
  /** The loops the report lists (all named loops, then vicious first, at most MAX_LISTED_LOOPS). */
  readonly listedLoops: readonly Loop[];
}

export interface ReportSection {
  /** A stable name, for tests and for choosing sections later. */
  readonly id: string;
  blocks(context: ReportContext): Block[];
}

/** More loops than this are counted, not listed: 600 loops would be 60 pages nobody reads. */
export const MAX_LISTED_LOOPS = 40;

/** Vicious loops first (they matter most in a case file), then the others; each group in id order. */
export function orderLoopsForReport(loops: readonly Loop[]): Loop[] {
  return [...loops.filter((l) => l.vicious), ...loops.filter((l) => !l.vicious)];
}

/** The loops to list: every named loop, then the rest in report order, up to `max`; in report order. */
export function chooseListedLoops(loops: readonly Loop[], max = MAX_LISTED_LOOPS): Loop[] {
  const ordered = orderLoopsForReport(loops);
  const chosen = new Set(ordered.filter((l) => l.name !== undefined && l.name.trim() !== ''));
  for (const loop of ordered) {
    if (chosen.size >= Math.max(max, 0)) break;
    chosen.add(loop);
  }
  return ordered.filter((l) => chosen.has(l));
}

function loopTitle(loop: Loop): string {
  const name = loop.name?.trim();
  return name ? `${loop.id} · ${name}` : loop.id;
}

const loopsSection: ReportSection = {
  id: 'loops',
  blocks({ patterns, words, label, listedLoops }) {
    const blocks: Block[] = [{ kind: 'heading', text: words.loopsTitle }];
    if (patterns.loops.length === 0) return [...blocks, { kind: 'paragraph', text: words.loopsNone }];
    blocks.push({ kind: 'paragraph', text: words.loopsIntro, soft: true });
    for (const loop of listedLoops) {
      const kind = [words.patterns[loop.type], loop.vicious ? words.patterns.vicious : '', loop.virtuous ? words.patterns.virtuous : '']
        .filter(Boolean)
        .join(' · ');
      blocks.push(
        { kind: 'subheading', text: loopTitle(loop) },
        { kind: 'paragraph', text: kind, soft: true },
        { kind: 'paragraph', text: words.loopSteps(loop.factors.map(label)) },
      );
    }
    const left = patterns.loops.length - listedLoops.length;
    if (left > 0) blocks.push({ kind: 'paragraph', text: words.loopsLeftOut(left), soft: true });
    if (patterns.truncated) blocks.push({ kind: 'paragraph', text: words.loopsTruncated, soft: true });
    return blocks;
  },
};

const breakPointsSection: ReportSection = {
  id: 'breakPoints',
  blocks({ analysis, patterns, words, label }) {
    const blocks: Block[] = [{ kind: 'heading', text: words.breakTitle }];
    const total = patterns.loops.filter((l) => l.vicious).length;
    if (total === 0) return [...blocks, { kind: 'paragraph', text: words.patterns.breakNone }];
    blocks.push({ kind: 'paragraph', text: words.patterns.breakIntro, soft: true });
    const linkById = new Map(analysis.links.map((l) => [l.id, l]));
    const links = patterns.breakPoints.links.flatMap((id) => {
      const link = linkById.get(id);
      return link ? [words.breakLink(label(link.from), label(link.to), patterns.linkCounts[id] ?? 0, total)] : [];
    });
    if (links.length > 0) {
      blocks.push({ kind: 'subheading', text: words.breakLinksTitle });
      for (const text of links) blocks.push({ kind: 'item', text });
    }
    if (patterns.breakPoints.factors.length > 0) {
      blocks.push({ kind: 'subheading', text: words.breakFactorsTitle });
      for (const id of patterns.breakPoints.factors) {
        blocks.push({ kind: 'item', text: words.breakFactor(label(id), patterns.factorCounts[id] ?? 0, total) });
      }
    }
    return blocks;
  },
};

const strengthsSection: ReportSection = {
  id: 'strengths',
  blocks({ patterns, words, label, listedLoops }) {
    const blocks: Block[] = [{ kind: 'heading', text: words.strengthsTitle }];
    const vicious = listedLoops.filter((l) => l.vicious);
    if (vicious.length === 0) return [...blocks, { kind: 'paragraph', text: words.patterns.breakNone }];
    blocks.push({ kind: 'paragraph', text: words.strengthsIntro, soft: true });
    for (const loop of vicious) {
      const strengths = (patterns.protective[loop.id] ?? []).map(label);
      const text =
        strengths.length > 0 ? fillTemplate(words.patterns.strengths, { names: strengths.join(', ') }) : words.strengthsNoneOnLoop;
      blocks.push({ kind: 'item', text: `${loopTitle(loop)}: ${text}` });
    }
    return blocks;
  },
};

const notesSection: ReportSection = {
  id: 'notes',
  blocks({ analysis, words, exportWords, label }) {
    const blocks: Block[] = [{ kind: 'heading', text: words.notesTitle }];
    const withNote = analysis.factors.filter((f) => f.note.trim() !== '');
    if (withNote.length === 0) blocks.push({ kind: 'paragraph', text: words.notesNone });
    for (const factor of withNote) {
      const meta = [
        exportWords.kind[factor.kind],
        factor.domain ? exportWords.domain[factor.domain] : '',
        factor.evidence === 'hypothesis' ? exportWords.hypothesis : '',
      ]
        .filter(Boolean)
        .join(' · ');
      blocks.push(
        { kind: 'subheading', text: label(factor.id) },
        { kind: 'paragraph', text: meta, soft: true },
        { kind: 'paragraph', text: factor.note.trim() },
      );
    }
    const without = analysis.factors.length - withNote.length;
    if (withNote.length > 0 && without > 0) blocks.push({ kind: 'paragraph', text: words.notesWithout(without), soft: true });
    const linkNotes = analysis.links.filter((l) => l.note.trim() !== '');
    if (linkNotes.length > 0) {
      blocks.push({ kind: 'subheading', text: words.linkNotesTitle });
      for (const link of linkNotes) {
        blocks.push({
          kind: 'item',
          text: `${words.linkName(label(link.from), label(link.to), link.polarity === '+')}: ${link.note.trim()}`,
        });
      }
    }
    return blocks;
  },
};

const actorsSection: ReportSection = {
  id: 'actors',
  blocks({ analysis, words, label }) {
    const blocks: Block[] = [{ kind: 'heading', text: words.actorsTitle }];
    if (analysis.actors.length === 0) return [...blocks, { kind: 'paragraph', text: words.actorsNone }];
    const known = new Set(analysis.factors.map((f) => f.id));
    for (const actor of analysis.actors) {
      const factors = actor.factors.filter((id) => known.has(id)).map(label);
      blocks.push(
        { kind: 'subheading', text: `${actor.name.trim() || '?'} (${words.roles[actor.role]})` },
        { kind: 'paragraph', text: factors.length > 0 ? words.actorFactors(factors) : words.actorNoFactors },
      );
    }
    return blocks;
  },
};

/** The sections after the diagram, in the order they are printed. */
export const REPORT_SECTIONS: readonly ReportSection[] = [loopsSection, breakPointsSection, strengthsSection, notesSection, actorsSection];
