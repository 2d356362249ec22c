/**
 * The drawing primitives of an export layout. The SVG and the PDF renderer each draw exactly these, so both show
 * the same picture. Coordinates are CSS px, y pointing down; `y` of a text is its baseline.
 */
import type { FactorKind } from '../model/types.ts';
import { baselineOffset, measureText, type TextStyle } from './textMetrics.ts';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface RectShape {
  readonly type: 'rect';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly radius: number;
  readonly fill?: string;
  readonly stroke?: string;
  readonly strokeWidth?: number;
  readonly dash?: readonly number[];
}

export interface LineShape {
  readonly type: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly stroke: string;
  readonly strokeWidth: number;
  readonly dash?: readonly number[];
  readonly cap: 'butt' | 'round';
}

export interface PolygonShape {
  readonly type: 'polygon';
  readonly points: readonly Point[];
  readonly fill: string;
}

export interface CircleShape {
  readonly type: 'circle';
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
  readonly fill?: string;
  readonly stroke?: string;
  readonly strokeWidth?: number;
}

/** A kind icon (kindIcons.ts) scaled into a `size` × `size` square at (x, y). */
export interface IconShape {
  readonly type: 'icon';
  readonly kind: FactorKind;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly colour: string;
}

export interface TextShape {
  readonly type: 'text';
  readonly x: number;
  /** The baseline. */
  readonly y: number;
  readonly text: string;
  readonly style: TextStyle;
  readonly fill: string;
  /** The measured width (textMetrics.ts), for checks and for the browser's hit areas. */
  readonly width: number;
}

export type Shape = RectShape | LineShape | PolygonShape | CircleShape | IconShape | TextShape;

/** The shape moved by (dx, dy). */
export function translateShape(shape: Shape, dx: number, dy: number): Shape {
  switch (shape.type) {
    case 'rect':
    case 'icon':
    case 'text':
      return { ...shape, x: shape.x + dx, y: shape.y + dy };
    case 'line':
      return { ...shape, x1: shape.x1 + dx, y1: shape.y1 + dy, x2: shape.x2 + dx, y2: shape.y2 + dy };
    case 'circle':
      return { ...shape, cx: shape.cx + dx, cy: shape.cy + dy };
    case 'polygon':
      return { ...shape, points: shape.points.map((p) => ({ x: p.x + dx, y: p.y + dy })) };
  }
}

/** A line of text set in a line box of `lineHeight` whose top is at `lineTop`. */
export function textShape(x: number, lineTop: number, lineHeight: number, value: string, style: TextStyle, fill: string): TextShape {
  return { type: 'text', x, y: lineTop + baselineOffset(style, lineHeight), text: value, style, fill, width: measureText(value, style) };
}
