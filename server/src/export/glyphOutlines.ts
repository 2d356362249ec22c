/**
 * Text as outlines for the server's PNG: resvg lays out every <text> anew (about 0.3 ms a line), while a path made
 * from cached glyph outlines costs a fraction of that. The outlines come from the same TTFs, placed by the same
 * advance widths (no kerning, as everywhere in the export), so the picture is the same.
 */
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import type { GlyphOutline, GlyphSource } from '@samenzicht/shared/export/renderSvg';
import type { FontWeight } from '@samenzicht/shared/export/textMetrics';
import { TTF_PATHS } from './exportFonts.ts';

interface PathCommand {
  readonly command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  readonly args: number[];
}

/** One glyph's outline as relative path commands (font units, y up), so it can be chained after any other. */
function toRelative(commands: readonly PathCommand[], advance: number): GlyphOutline {
  let d = '';
  let cx = 0;
  let cy = 0;
  let startX = 0;
  let startY = 0;
  let first: { x: number; y: number } | null = null;
  for (const { command, args } of commands) {
    const a = args.map((v) => Math.round(v));
    switch (command) {
      case 'moveTo':
        if (first === null) first = { x: a[0]!, y: a[1]! };
        else d += `m${a[0]! - cx} ${a[1]! - cy}`;
        cx = startX = a[0]!;
        cy = startY = a[1]!;
        break;
      case 'lineTo':
        d += `l${a[0]! - cx} ${a[1]! - cy}`;
        cx = a[0]!;
        cy = a[1]!;
        break;
      case 'quadraticCurveTo':
        d += `q${a[0]! - cx} ${a[1]! - cy} ${a[2]! - cx} ${a[3]! - cy}`;
        cx = a[2]!;
        cy = a[3]!;
        break;
      case 'bezierCurveTo':
        d += `c${a[0]! - cx} ${a[1]! - cy} ${a[2]! - cx} ${a[3]! - cy} ${a[4]! - cx} ${a[5]! - cy}`;
        cx = a[4]!;
        cy = a[5]!;
        break;
      case 'closePath':
        d += 'z';
        cx = startX;
        cy = startY;
        break;
    }
  }
  return { d, start: first ?? { x: 0, y: 0 }, end: { x: cx, y: cy }, advance };
}

let source: GlyphSource | null = null;

/** The glyph outlines of both weights, read once. */
export function glyphOutlines(): GlyphSource {
  if (source) return source;
  const fonts = {
    400: fontkit.create(readFileSync(TTF_PATHS[400])),
    700: fontkit.create(readFileSync(TTF_PATHS[700])),
  };
  const cache = new Map<number, GlyphOutline | null>();
  source = {
    unitsPerEm: fonts[400].unitsPerEm,
    glyph(weight: FontWeight, cp: number) {
      const key = weight * 0x110000 + cp;
      let outline = cache.get(key);
      if (outline === undefined) {
        const font = fonts[weight];
        const glyph = font.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp) : null;
        // fontkit's Path has `commands`; its type declarations leave them out.
        outline = glyph ? toRelative((glyph.path as unknown as { commands: PathCommand[] }).commands, glyph.advanceWidth) : null;
        cache.set(key, outline);
      }
      return outline;
    },
  };
  return source;
}
