/**
 * The compare overlay as one picture: the newer analysis with what was removed drawn back in as a faded, dashed
 * ghost, and a letter on everything that changed, so it reads without colour: `+` added, `−` removed (also dashed
 * and faded), `~` changed (with a line under a factor saying what it was). Under the diagram: what the letters mean
 * and the summary in words. Built on the export layout, so the same shapes become SVG (screen, PNG) and PDF.
 * Pure: runs in the browser and in Node.
 */
import type { Analysis, Factor, Link } from '../model/types.ts';
import type { AnalysisDiff } from '../versions/compare.ts';
import { layoutExport, type BoxLayout, type ExportLayout, type ExportOptions, type LinkLayout } from './layout.ts';
import { measureText, wrapText, type TextStyle } from './textMetrics.ts';
import type { LineShape, RectShape, Shape, TextShape } from './shapes.ts';
import { COLOURS, PAGE, TEXT } from './theme.ts';
import { WORDS, type ExportLanguage } from './words.ts';

export type CompareMark = 'added' | 'removed' | 'changed';

export const COMPARE_LETTERS: Record<CompareMark, string> = { added: '+', removed: '−', changed: '~' };

export const COMPARE_WORDS: Record<
  ExportLanguage,
  {
    readonly marks: Record<CompareMark, string>;
    was(text: string): string;
    changedFields(fields: string): string;
    field: Record<string, string>;
  }
> = {
  nl: {
    marks: { added: 'erbij', removed: 'weg (gestippeld en vaag)', changed: 'veranderd' },
    was: (text) => `eerst: ${text}`,
    changedFields: (fields) => `anders: ${fields}`,
    field: { label: 'naam', kind: 'soort', domain: 'levensgebied', evidence: 'zekerheid', note: 'toelichting', polarity: '+/−' },
  },
  en: {
    marks: { added: 'added', removed: 'removed (dashed and faded)', changed: 'changed' },
    was: (text) => `was: ${text}`,
    changedFields: (fields) => `changed: ${fields}`,
    field: { label: 'name', kind: 'kind', domain: 'life area', evidence: 'certainty', note: 'note', polarity: '+/−' },
  },
};

/** Fields whose change is marked (a factor that was only moved is not). */
const MARKED_FACTOR_FIELDS = new Set(['label', 'kind', 'domain', 'evidence', 'note']);
const MARKED_LINK_FIELDS = new Set(['polarity', 'note']);

export interface CompareMarks {
  readonly factors: ReadonlyMap<string, CompareMark>;
  readonly links: ReadonlyMap<string, CompareMark>;
}

/** The newer analysis plus the factors and links only the older one has (the ghosts), and the mark of each. */
export function compareUnion(before: Analysis, after: Analysis, diff: AnalysisDiff): { analysis: Analysis; marks: CompareMarks } {
  const removedFactors = new Set(diff.factors.removed);
  const removedLinks = new Set(diff.links.removed);
  const ghosts = before.factors.filter((f) => removedFactors.has(f.id));
  const factors: Factor[] = [...after.factors, ...ghosts];
  const ids = new Set(factors.map((f) => f.id));
  const ghostLinks = before.links.filter((l) => removedLinks.has(l.id) && ids.has(l.from) && ids.has(l.to));
  const links: Link[] = [...after.links, ...ghostLinks];
  const factorMarks = new Map<string, CompareMark>();
  for (const id of diff.factors.added) factorMarks.set(id, 'added');
  for (const id of removedFactors) factorMarks.set(id, 'removed');
  for (const change of diff.factors.changed) {
    if (change.fields.some((f) => MARKED_FACTOR_FIELDS.has(f))) factorMarks.set(change.id, 'changed');
  }
  const linkMarks = new Map<string, CompareMark>();
  for (const id of diff.links.added) linkMarks.set(id, 'added');
  for (const l of ghostLinks) linkMarks.set(l.id, 'removed');
  for (const change of diff.links.changed) {
    if (change.fields.some((f) => MARKED_LINK_FIELDS.has(f))) linkMarks.set(change.id, 'changed');
  }
  return { analysis: { ...after, factors, links }, marks: { factors: factorMarks, links: linkMarks } };
}

const BADGE_RADIUS = 11;
const BADGE_TEXT: TextStyle = { size: 15, weight: 700 };
const NOTE_TEXT: TextStyle = { size: 12, weight: 700 };
const SUMMARY_TEXT: TextStyle = { size: 15, weight: 400 };
const SUMMARY_LINE = 15 * 1.45;

function text(x: number, y: number, value: string, style: TextStyle, fill: string): TextShape {
  return { type: 'text', x, y, text: value, style, fill, width: measureText(value, style) };
}

/**
 * A dark square with a white letter: the mark, readable in black and white, and unlike the round +/− marks of the
 * links themselves.
 */
function badge(cx: number, cy: number, mark: CompareMark): Shape[] {
  const letter = COMPARE_LETTERS[mark];
  const r = BADGE_RADIUS;
  const disc: RectShape = {
    type: 'rect',
    x: cx - r,
    y: cy - r,
    width: 2 * r,
    height: 2 * r,
    radius: 4,
    fill: COLOURS.ink,
    stroke: COLOURS.page,
    strokeWidth: 2,
  };
  const width = measureText(letter, BADGE_TEXT);
  return [disc, text(cx - width / 2, cy + BADGE_TEXT.size * 0.35, letter, BADGE_TEXT, COLOURS.page)];
}

function outline(box: BoxLayout, dash?: readonly number[]): RectShape {
  return {
    type: 'rect',
    x: box.x - 4,
    y: box.y - 4,
    width: box.width + 8,
    height: box.height + 8,
    radius: 10,
    stroke: COLOURS.ink,
    strokeWidth: 2.5,
    ...(dash ? { dash } : {}),
  };
}

function kindOrText(field: string, value: unknown, language: ExportLanguage): string {
  if (field === 'kind') return WORDS[language].kind[value as Factor['kind']] ?? String(value);
  return `‘${String(value)}’`;
}

export interface CompareLayoutOptions extends ExportOptions {
  /** The header title, e.g. "Gezin A — Sessie 1 → nu". */
  readonly title: string;
  /** The summary in words (summarizeChanges). */
  readonly summary: string;
}

/** Lays out the overlay picture of `before` → `after`. */
export function layoutCompare(before: Analysis, after: Analysis, diff: AnalysisDiff, options: CompareLayoutOptions): ExportLayout {
  const language = options.language ?? 'nl';
  const words = COMPARE_WORDS[language];
  const { analysis, marks } = compareUnion(before, after, diff);
  // The legend stays on: the marks are drawn with it, last and never faded (a ghost's letter stays readable).
  const base = layoutExport({ ...analysis, title: options.title }, { ...options, highlightLoops: [], legend: true });
  const onTop: Shape[] = [];
  const oldFactors = new Map(before.factors.map((f) => [f.id, f]));
  const changes = new Map(diff.factors.changed.map((c) => [c.id, c.fields]));
  const boxes: BoxLayout[] = base.boxes.map((box) => {
    const mark = marks.factors.get(box.factorId);
    if (!mark) return box;
    const extra: Shape[] = [
      outline(box, mark === 'removed' ? [6, 4] : mark === 'changed' ? [2, 3] : undefined),
      ...badge(box.x, box.y, mark),
    ];
    if (mark === 'changed') {
      const fields = (changes.get(box.factorId) ?? []).filter((f) => MARKED_FACTOR_FIELDS.has(f));
      const old = oldFactors.get(box.factorId);
      const shown = fields.find((f) => f === 'kind') ?? fields.find((f) => f === 'label');
      const line =
        shown && old
          ? words.was(kindOrText(shown, old[shown], language))
          : words.changedFields(fields.map((f) => words.field[f] ?? f).join(', '));
      const fitted = wrapText(line, Math.max(box.width, 160), NOTE_TEXT)[0] ?? '';
      extra.push(text(box.x, box.y + box.height + 4 + NOTE_TEXT.size, fitted, NOTE_TEXT, COLOURS.ink));
    }
    onTop.push(...extra);
    return mark === 'removed' ? { ...box, faded: true } : box;
  });
  const links: LinkLayout[] = base.links.map((link) => {
    const mark = marks.links.get(link.linkId);
    if (!mark) return link;
    const extra: Shape[] = [];
    const under: Shape[] = [];
    if (mark === 'removed') {
      // Page-coloured dashes over the line make it read as dashed in any renderer.
      for (const s of link.segments) {
        const gap: LineShape = { ...s, stroke: COLOURS.page, strokeWidth: s.strokeWidth + 2, dash: [5, 5], cap: 'butt' };
        under.push(gap);
      }
    }
    extra.push(...badge(link.mark.x + 16, link.mark.y - 16, mark));
    onTop.push(...extra);
    return { ...link, faded: mark === 'removed', shapes: [...link.shapes, ...under] };
  });

  // Under the diagram and legend: the key to the letters, then the summary in words.
  const width = base.width - 2 * PAGE.margin;
  let y = base.height - PAGE.margin + PAGE.legendGap;
  const below: Shape[] = [];
  let x = PAGE.margin;
  for (const mark of ['added', 'removed', 'changed'] as const) {
    below.push(...badge(x + BADGE_RADIUS, y, mark));
    const label = words.marks[mark];
    below.push(text(x + 2 * BADGE_RADIUS + 8, y + TEXT.legendItem.size * 0.35, label, TEXT.legendItem, COLOURS.ink));
    x += 2 * BADGE_RADIUS + 8 + measureText(label, TEXT.legendItem) + 28;
  }
  y += BADGE_RADIUS + 16;
  const summaryLines = wrapText(options.summary, width, SUMMARY_TEXT);
  for (const line of summaryLines) {
    y += SUMMARY_LINE;
    below.push(text(PAGE.margin, y, line, SUMMARY_TEXT, COLOURS.ink));
  }
  const textOf = (shapes: readonly Shape[]) => shapes.flatMap((s) => (s.type === 'text' ? [s.text] : []));
  return {
    ...base,
    height: Math.ceil(y + PAGE.margin),
    boxes,
    links,
    legendShapes: [...base.legendShapes, ...onTop, ...below],
    text: [base.text, ...textOf(onTop), ...textOf(below)].join('\n'),
  };
}
