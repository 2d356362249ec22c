/**
 * Highlighted loops in an export: their links darker (and thicker, linkLayout.ts), their factors outlined, each loop
 * numbered on the drawing; everything else drawn quieter but never below print contrast (theme.ts HIGHLIGHT). No
 * opacity anywhere: a faded 15 % grey is lost on a photocopy, so colours are mixed to a floor of contrast instead.
 */
import { atLeast, darken, quieten } from './contrast.ts';
import type { Rect } from './linkLayout.ts';
import { textShape, type Point, type Shape } from './shapes.ts';
import { measureText } from './textMetrics.ts';
import { COLOURS, HIGHLIGHT, BOX } from './theme.ts';

/** The shape with its text colour and its other colours (strokes, fills, icons) mapped. */
function recolour(shape: Shape, text: (c: string) => string, other: (c: string) => string): Shape {
  switch (shape.type) {
    case 'text':
      return { ...shape, fill: text(shape.fill) };
    case 'icon':
      return { ...shape, colour: other(shape.colour) };
    case 'polygon':
      return { ...shape, fill: other(shape.fill) };
    case 'line':
      return { ...shape, stroke: other(shape.stroke) };
    case 'rect':
    case 'circle':
      return {
        ...shape,
        ...(shape.fill ? { fill: other(shape.fill) } : {}),
        ...(shape.stroke ? { stroke: other(shape.stroke) } : {}),
      };
  }
}

/** The colour a text off the highlighted loops is drawn in: lighter, still ≥ 4.5:1 on white. */
export function quietText(colour: string): string {
  // A colour already under the floor is brought up to it: quieter must never mean unreadable.
  return atLeast(
    quieten(colour, HIGHLIGHT.quietTextContrast, HIGHLIGHT.quietMaxMix, COLOURS.page),
    HIGHLIGHT.quietTextContrast,
    COLOURS.page,
  );
}

/** The colour a line, border, icon or mark off the highlighted loops is drawn in: lighter, still ≥ 3:1 on white. */
export function quietLine(colour: string): string {
  // Fills that are (nearly) white already stay as they are: quieten never makes a colour darker.
  return quieten(colour, HIGHLIGHT.quietLineContrast, HIGHLIGHT.quietMaxMix, COLOURS.page);
}

/** A factor or link that is not on a highlighted loop, drawn quieter. */
export function quietShapes(shapes: readonly Shape[]): Shape[] {
  return shapes.map((s) => recolour(s, quietText, quietLine));
}

/** A link on a highlighted loop, drawn darker (the white inside of its +/− mark stays white). */
export function emphasisedLinkShapes(shapes: readonly Shape[]): Shape[] {
  const dark = (c: string) => (c === COLOURS.markFill ? c : darken(c, HIGHLIGHT.darken));
  return shapes.map((s) => recolour(s, dark, dark));
}

/** An outline just outside a factor on a highlighted loop. */
export function loopOutline(box: Rect, protective: boolean): Shape {
  const gap = HIGHLIGHT.outlineGap + HIGHLIGHT.outlineWidth / 2;
  return {
    type: 'rect',
    x: box.x - gap,
    y: box.y - gap,
    width: box.width + 2 * gap,
    height: box.height + 2 * gap,
    radius: (protective ? BOX.protectiveRadius : BOX.radius) + gap,
    stroke: COLOURS.ink,
    strokeWidth: HIGHLIGHT.outlineWidth,
  };
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const RINGS = 12;
const STEP = 28;
const DIRECTIONS = 12;

function badgeRect(centre: Point, width: number): Rect {
  // A little larger than drawn, so the number keeps a gap to what is around it.
  return { x: centre.x - width / 2 - 4, y: centre.y - HIGHLIGHT.badgeHeight / 2 - 4, width: width + 8, height: HIGHLIGHT.badgeHeight + 8 };
}

/**
 * The number of each highlighted loop as a pill near the middle of its factors (as the canvas places its loop
 * labels: moved outwards step by step until it covers no factor and no earlier number). When no free place is
 * found, the pill goes on the middle of the loop anyway: a highlighted loop is always numbered.
 */
export function loopBadges(
  loops: readonly { readonly id: string; readonly factors: readonly string[] }[],
  boxes: ReadonlyMap<string, Rect>,
  /** More to keep clear of, such as the links' +/− marks. */
  obstacles: readonly Rect[] = [],
): Shape[] {
  const all = [...boxes.values(), ...obstacles];
  const placed: Rect[] = [];
  const shapes: Shape[] = [];
  for (const loop of loops) {
    const own = loop.factors.map((id) => boxes.get(id)).filter((b): b is Rect => b !== undefined);
    if (own.length === 0 || loop.id === '') continue;
    const centre = {
      x: own.reduce((sum, b) => sum + b.x + b.width / 2, 0) / own.length,
      y: own.reduce((sum, b) => sum + b.y + b.height / 2, 0) / own.length,
    };
    const width = Math.max(HIGHLIGHT.badgeHeight, measureText(loop.id, HIGHLIGHT.badgeText) + 2 * HIGHLIGHT.badgePadX);
    const free = (p: Point) => {
      const r = badgeRect(p, width);
      return !all.some((b) => intersects(r, b)) && !placed.some((b) => intersects(r, b));
    };
    let chosen: Point = centre;
    search: for (let ring = 0; ring <= RINGS; ring++) {
      const count = ring === 0 ? 1 : DIRECTIONS;
      for (let i = 0; i < count; i++) {
        const angle = (i / count) * 2 * Math.PI;
        const point = { x: centre.x + Math.cos(angle) * ring * STEP, y: centre.y + Math.sin(angle) * ring * STEP };
        if (free(point)) {
          chosen = point;
          break search;
        }
      }
    }
    placed.push(badgeRect(chosen, width));
    const h = HIGHLIGHT.badgeHeight;
    shapes.push(
      { type: 'rect', x: chosen.x - width / 2, y: chosen.y - h / 2, width, height: h, radius: h / 2, fill: COLOURS.ink },
      textShape(chosen.x - measureText(loop.id, HIGHLIGHT.badgeText) / 2, chosen.y - h / 2, h, loop.id, HIGHLIGHT.badgeText, COLOURS.page),
    );
  }
  return shapes;
}
