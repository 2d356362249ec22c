/**
 * Stances in the export: a mark per person on each factor and link (their colour, a drawn ✓ / ? / ✗ and their
 * initial, so it reads in black and white too) and the shared-ness headline under the title. The symbols are drawn as
 * lines, not as characters: the embedded font has no ✓ or ✗, and the PDF can only write characters it has.
 */
import type { Analysis, Stance } from '../model/types.ts';
import { computeSharedness, type Sharedness } from '../graph/sharedness.ts';
import { textShape, type Point, type Shape } from './shapes.ts';
import { wrapText, type TextStyle } from './textMetrics.ts';
import { COLOURS, LINK, TEXT } from './theme.ts';
import type { ExportLanguage } from './words.ts';

/** The person colours of the editor (web/src/sync/identity.ts), in the order of the actors' ids. */
export const ACTOR_COLOURS = ['#b8336a', '#2a7f62', '#6a4c93', '#c05621', '#1f6fb2', '#8a6d1f', '#3d5a80', '#9c2f2f'] as const;

const MARK = { width: 30, height: 18, gap: 3, stroke: 1.8 } as const;
const INITIAL: TextStyle = { size: 11, weight: 700 };

const HEADLINE = {
  nl: (f: number, ft: number, l: number, lt: number) => `Gedeeld door iedereen: ${f} van ${ft} factoren, ${l} van ${lt} verbanden`,
  en: (f: number, ft: number, l: number, lt: number) => `Shared by everyone: ${f} of ${ft} factors, ${l} of ${lt} connections`,
} as const;
const KEY = {
  nl: (people: string) => `Tekens per persoon: vinkje herkent het, ? twijfelt, kruis herkent het niet. ${people}`,
  en: (people: string) => `Marks per person: tick recognises it, ? not sure, cross does not recognise it. ${people}`,
} as const;

export interface StanceExport {
  readonly sharedness: Sharedness;
  /** Colour and initial of each participant. */
  readonly people: ReadonlyMap<string, { readonly colour: string; readonly initial: string; readonly name: string }>;
}

/** The stances to draw, or null when nobody marked anything (then the export looks as before). */
export function prepareStances(analysis: Analysis): StanceExport | null {
  const sharedness = computeSharedness(analysis);
  if (sharedness.participants.length === 0) return null;
  const ids = analysis.actors.map((a) => a.id).sort();
  const people = new Map<string, { colour: string; initial: string; name: string }>();
  for (const actor of analysis.actors) {
    if (!sharedness.participants.includes(actor.id)) continue;
    const name = actor.name.trim() || '?';
    people.set(actor.id, {
      colour: ACTOR_COLOURS[ids.indexOf(actor.id) % ACTOR_COLOURS.length]!,
      initial: (Array.from(name)[0] ?? '?').toLocaleUpperCase(),
      name,
    });
  }
  return { sharedness, people };
}

/** The headline and the key to the marks, as header lines `width` wide, starting at `top`; returns shapes and height. */
export function layoutStanceHeader(
  s: StanceExport,
  language: ExportLanguage,
  width: number,
  top: number,
): { shapes: Shape[]; height: number } {
  const { factors, links } = s.sharedness.headline;
  const shapes: Shape[] = [];
  let y = top;
  for (const line of wrapText(HEADLINE[language](factors.shared, factors.total, links.shared, links.total), width, {
    ...TEXT.subtitle,
    weight: 700,
  })) {
    shapes.push(textShape(0, y, TEXT.subtitleLineHeight, line, { ...TEXT.subtitle, weight: 700 }, COLOURS.ink));
    y += TEXT.subtitleLineHeight;
  }
  const people = [...s.people.values()].map((p) => `${p.initial} = ${p.name}`).join(', ');
  for (const line of wrapText(KEY[language](people), width, TEXT.subtitle)) {
    shapes.push(textShape(0, y, TEXT.subtitleLineHeight, line, TEXT.subtitle, COLOURS.inkSoft));
    y += TEXT.subtitleLineHeight;
  }
  return { shapes, height: y - top };
}

function symbol(stance: Stance, x: number, cy: number, colour: string): Shape[] {
  const line = (x1: number, y1: number, x2: number, y2: number): Shape => ({
    type: 'line',
    x1,
    y1,
    x2,
    y2,
    stroke: colour,
    strokeWidth: MARK.stroke,
    cap: 'round',
  });
  if (stance === 'recognise') return [line(x, cy, x + 3, cy + 3.5), line(x + 3, cy + 3.5, x + 8, cy - 4)];
  if (stance === 'not-recognise') return [line(x, cy - 4, x + 7, cy + 3.5), line(x, cy + 3.5, x + 7, cy - 4)];
  return [textShape(x, cy - 7, 14, '?', INITIAL, colour)];
}

/** One mark: a rounded box (dashed for doubt, square for not recognised) with the symbol and the initial. */
function markShapes(stance: Stance, person: { colour: string; initial: string }, at: Point): Shape[] {
  const cy = at.y + MARK.height / 2;
  return [
    {
      type: 'rect',
      x: at.x,
      y: at.y,
      width: MARK.width,
      height: MARK.height,
      radius: stance === 'not-recognise' ? 2 : MARK.height / 2,
      fill: '#ffffff',
      stroke: person.colour,
      strokeWidth: MARK.stroke,
      ...(stance === 'doubt' ? { dash: [3, 2] } : {}),
    },
    ...symbol(stance, at.x + 5, cy, person.colour),
    textShape(at.x + 16, cy - 7, 14, person.initial, INITIAL, person.colour),
  ];
}

/** The marks on one factor or link, in a row starting at `at` (its top-left), or none. */
export function stanceMarkShapes(s: StanceExport, targetId: string, at: Point, centred = false): Shape[] {
  const target = s.sharedness.factors.get(targetId) ?? s.sharedness.links.get(targetId);
  if (!target || target.stances.size === 0) return [];
  const marks = [...target.stances].filter(([actor]) => s.people.has(actor));
  const rowWidth = marks.length * MARK.width + (marks.length - 1) * MARK.gap;
  const x0 = centred ? at.x - rowWidth / 2 : at.x;
  const y0 = centred ? at.y - MARK.height / 2 : at.y;
  return marks.flatMap(([actor, stance], i) => markShapes(stance, s.people.get(actor)!, { x: x0 + i * (MARK.width + MARK.gap), y: y0 }));
}

/** Where a box's marks go: straddling its bottom border, from its inner left edge. */
export function boxMarksAt(box: { x: number; y: number; height: number }, innerLeft: number): Point {
  return { x: innerLeft, y: box.y + box.height - MARK.height / 2 };
}

/** Along a link, the stance marks stand at this share of the line (the +/− at LINK.markAt). */
const LINK_STANCES_AT = 0.4;
/** Closer than this (px) to the +/− along the line, the marks move beside the line instead: they would cover it. */
const LINK_STANCES_APART = 44;
/** How far beside the line they then stand. */
const LINK_STANCES_ASIDE = 26;

/**
 * Where a link's stance marks stand, on the canvas and in the export: at 40 % of the line from `s` to `e`; on a
 * short link, where that is too close to the +/− mark, beside the line (on its upper side) so neither hides the other.
 */
export function linkStancesAt(s: Point, e: Point): Point {
  const dx = e.x - s.x;
  const dy = e.y - s.y;
  const length = Math.hypot(dx, dy) || 1;
  const at = { x: s.x + dx * LINK_STANCES_AT, y: s.y + dy * LINK_STANCES_AT };
  if (length * (LINK.markAt - LINK_STANCES_AT) >= LINK_STANCES_APART) return at;
  const side = dx / length > 0 ? -1 : 1;
  return { x: at.x + side * (-dy / length) * LINK_STANCES_ASIDE, y: at.y + side * (dx / length) * LINK_STANCES_ASIDE };
}
