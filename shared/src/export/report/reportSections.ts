/**
 * What the case-file report says after the diagram, as a list of sections. Each section turns the analysis and its
 * patterns into plain text blocks; reportPages.ts flows the blocks over pages. A later section ("wat is er veranderd"
 * between versions, the written story) is one more entry in REPORT_SECTIONS.
 */
import type { Patterns } from '../../graph/patterns.ts';
import type { Loop } from '../../graph/loops.ts';
import { computeSharedness, loopSharedness, type TargetSharedness } from '../../graph/sharedness.ts';
import { loopKey } from '../../graph/loopKey.ts';
import { resolveTarget, threadRootOf } from '../../model/comment.ts';
import type { Analysis, Comment } from '../../model/types.ts';
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
  /** A moment (ISO-8601 UTC) as the report prints it, in the report's time zone: "3 december 2026 14:05". */
  readonly formatAt: (iso: string) => string;
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

/** "Anna (moeder)", or "?" for a person without a name. */
function actorName(analysis: Analysis, id: string | undefined): string | undefined {
  const actor = id === undefined ? undefined : analysis.actors.find((a) => a.id === id);
  return actor ? actor.name.trim() || '?' : undefined;
}

/** A factor as `"label"`, a link as `"A" versterkt "B"`; undefined for an id that is neither. */
function targetName({ analysis, words, label }: ReportContext, id: string): string | undefined {
  if (analysis.factors.some((f) => f.id === id)) return `"${label(id)}"`;
  const link = analysis.links.find((l) => l.id === id);
  return link ? words.linkName(label(link.from), label(link.to), link.polarity === '+') : undefined;
}

const stancesSection: ReportSection = {
  id: 'stances',
  blocks(context) {
    const { analysis, words, listedLoops } = context;
    const blocks: Block[] = [{ kind: 'heading', text: words.stancesTitle }];
    const sharedness = computeSharedness(analysis);
    if (sharedness.participants.length === 0) return [...blocks, { kind: 'paragraph', text: words.stancesNone }];
    const { factors, links } = sharedness.headline;
    const name = (id: string) => actorName(analysis, id) ?? '?';
    blocks.push(
      { kind: 'paragraph', text: words.stancesHeadline(factors.shared, factors.total, links.shared, links.total) },
      {
        kind: 'paragraph',
        text: words.stancesPeople(
          sharedness.participants.map((id) => {
            const actor = analysis.actors.find((a) => a.id === id)!;
            return `${name(id)} (${words.roles[actor.role]})`;
          }),
        ),
        soft: true,
      },
    );
    // Factors first, then links, each in the order of the analysis.
    const targets = [...sharedness.factors, ...sharedness.links];
    const describe = (id: string, t: TargetSharedness): string[] => {
      const what = targetName(context, id);
      if (!what) return [];
      const said = sharedness.participants.flatMap((actor) => {
        const stance = t.stances.get(actor);
        return stance ? [words.stance(name(actor), stance)] : [];
      });
      const silent = sharedness.participants.filter((actor) => !t.stances.has(actor)).map(name);
      return [`${what}: ${[...said, ...(silent.length > 0 ? [words.stanceUnmarked(silent)] : [])].join('; ')}`];
    };
    for (const [title, status] of [
      [words.stancesDifferTitle, 'differs'],
      [words.stancesPartialTitle, 'partial'],
    ] as const) {
      const items = targets.filter(([, t]) => t.status === status).flatMap(([id, t]) => describe(id, t));
      if (items.length === 0) continue;
      blocks.push({ kind: 'subheading', text: title });
      for (const text of items) blocks.push({ kind: 'item', text });
    }
    const unmarked = targets.filter(([, t]) => t.status === 'unmarked').length;
    if (unmarked > 0) blocks.push({ kind: 'paragraph', text: words.stancesUnmarked(unmarked), soft: true });
    if (listedLoops.length > 0) {
      blocks.push({ kind: 'subheading', text: words.stancesLoopsTitle });
      for (const loop of listedLoops) {
        const s = loopSharedness(loop, sharedness);
        const text =
          s.status === 'shared'
            ? words.loopShared
            : s.status === 'differs'
              ? words.loopDiffers
              : s.status === 'unmarked'
                ? words.loopUnmarked
                : s.recognisedBy.length > 0
                  ? words.loopRecognisedBy(s.recognisedBy.map(name))
                  : words.loopNotYet;
        blocks.push({ kind: 'item', text: `${loopTitle(loop)}: ${text}` });
      }
    }
    return blocks;
  },
};

const commentsSection: ReportSection = {
  id: 'comments',
  blocks(context) {
    const { analysis, patterns, words, label, formatAt } = context;
    const blocks: Block[] = [{ kind: 'heading', text: words.commentsTitle }];
    const comments = analysis.comments ?? [];
    if (comments.length === 0) return [...blocks, { kind: 'paragraph', text: words.commentsNone }];
    const byId = new Map(comments.map((c) => [c.id, c]));
    const threads = new Map<string, Comment[]>();
    for (const comment of comments) {
      const root = threadRootOf(comment.id, byId);
      if (root === null) continue;
      threads.set(root, [...(threads.get(root) ?? []), comment]);
    }
    const roots = [...threads.keys()].map((id) => byId.get(id)!);
    blocks.push({ kind: 'paragraph', text: words.commentsCount(roots.length, roots.filter((c) => !c.resolved).length), soft: true });
    const factorIds = new Set(analysis.factors.map((f) => f.id));
    const linkIds = new Set(analysis.links.map((l) => l.id));
    const loopByKey = new Map(patterns.loops.map((l) => [loopKey(l.links), l]));
    // Where a thread is printed: factors, then links, then loops, in the analysis's order; gone things last.
    const order = new Map<string, number>();
    analysis.factors.forEach((f) => order.set(f.id, order.size));
    analysis.links.forEach((l) => order.set(l.id, order.size));
    patterns.loops.forEach((l) => order.set(loopKey(l.links), order.size));
    const heading = (on: string): { key: string; text: string; rank: number } => {
      const target = resolveTarget(on, factorIds, linkIds);
      if (target?.kind === 'factor') return { key: on, text: words.onFactor(label(target.id)), rank: order.get(target.id)! };
      if (target?.kind === 'link') return { key: on, text: words.onLink(targetName(context, target.id)!), rank: order.get(target.id)! };
      const loop = target?.kind === 'loop' ? loopByKey.get(loopKey(target.links)) : undefined;
      if (loop) return { key: on, text: words.onLoop(loopTitle(loop)), rank: order.get(loopKey(loop.links))! };
      return { key: '', text: words.onGone, rank: Number.MAX_SAFE_INTEGER };
    };
    const byAt = (a: Comment, b: Comment) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
    const groups = new Map<string, { text: string; rank: number; roots: Comment[] }>();
    for (const root of roots) {
      const { key, text, rank } = heading(root.on);
      const group = groups.get(key) ?? { text, rank, roots: [] };
      group.roots.push(root);
      groups.set(key, group);
    }
    const who = (c: Comment) => words.commentAuthor(c.author.trim() || '?', actorName(analysis, c.actor));
    for (const group of [...groups.values()].sort((a, b) => a.rank - b.rank)) {
      blocks.push({ kind: 'subheading', text: group.text });
      for (const root of group.roots.sort(byAt)) {
        blocks.push({ kind: 'item', text: words.comment(who(root), formatAt(root.at), root.text.trim(), root.resolved) });
        for (const reply of threads
          .get(root.id)!
          .filter((c) => c.id !== root.id)
          .sort(byAt)) {
          blocks.push({ kind: 'item', text: words.reply(who(reply), formatAt(reply.at), reply.text.trim()) });
        }
      }
    }
    return blocks;
  },
};

/** The sections after the diagram, in the order they are printed. */
export const REPORT_SECTIONS: readonly ReportSection[] = [
  loopsSection,
  breakPointsSection,
  strengthsSection,
  notesSection,
  actorsSection,
  stancesSection,
  commentsSection,
];
