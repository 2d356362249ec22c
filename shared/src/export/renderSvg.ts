/**
 * Model → standalone SVG. The same picture as the PDF (both draw `layoutExport`); the PNG is this SVG rasterised
 * (resvg on the server, a canvas in the browser). Standalone: when font files are given, they are embedded as
 * base64 @font-face rules, so the file looks the same on any computer and fetches nothing.
 */
import type { Analysis } from '../model/types.ts';
import { encodeBase64 } from './base64.ts';
import { FILLED_KIND_ICONS, KIND_ICON_PATHS, KIND_ICON_VIEWBOX } from './kindIcons.ts';
import { layoutExport, type ExportLayout, type ExportOptions } from './layout.ts';
import type { Shape } from './shapes.ts';
import type { FontWeight } from './textMetrics.ts';
import { COLOURS, FONT_FAMILY } from './theme.ts';
import { escapeXml } from './xml.ts';

/** A font file to embed in the SVG (see fontFiles.ts for the ones we ship). */
export interface EmbeddedFontFace {
  readonly weight: FontWeight;
  readonly format: 'woff2' | 'woff' | 'truetype';
  readonly data: Uint8Array;
  /** CSS unicode-range; a face whose range holds no character of the SVG is left out. */
  readonly unicodeRange?: string;
}

/** A glyph's outline as relative path commands in font units (y up), from its first point to its last. */
export interface GlyphOutline {
  readonly d: string;
  readonly start: { readonly x: number; readonly y: number };
  readonly end: { readonly x: number; readonly y: number };
  readonly advance: number;
}

/** Glyph outlines by weight and code point (null: the font lacks it). */
export interface GlyphSource {
  readonly unitsPerEm: number;
  glyph(weight: FontWeight, cp: number): GlyphOutline | null;
}

export interface SvgOptions extends ExportOptions {
  /** Fonts to embed; none means the SVG names the font family and relies on the viewer (resvg gets the TTFs). */
  readonly fontFaces?: readonly EmbeddedFontFace[];
  /**
   * Draw text as paths from these outlines instead of <text> (for rasterising only: the text is then no longer
   * text). Positions follow the same advance widths, so the picture does not change.
   */
  readonly glyphs?: GlyphSource;
}

export interface RenderedSvg {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

const MIME = { woff2: 'font/woff2', woff: 'font/woff', truetype: 'font/ttf' } as const;

/** Two decimals are far below a pixel at any scale we render, and keep the file small. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function dashAttr(dash: readonly number[] | undefined): string {
  return dash ? ` stroke-dasharray="${dash.map(n).join(' ')}"` : '';
}

/** One line of text as one path: the glyphs' relative outlines chained, each moved to its pen position. */
function textPath(shape: Extract<Shape, { type: 'text' }>, glyphs: GlyphSource): string {
  const k = shape.style.size / glyphs.unitsPerEm;
  let pen = 0;
  let x = 0;
  let y = 0;
  let d = 'M0 0';
  for (const ch of shape.text) {
    const glyph = glyphs.glyph(shape.style.weight, ch.codePointAt(0)!);
    if (!glyph) {
      pen += 650;
      continue;
    }
    if (glyph.d !== '') {
      d += `m${pen + glyph.start.x - x} ${glyph.start.y - y}${glyph.d}`;
      x = pen + glyph.end.x;
      y = glyph.end.y;
    }
    pen += glyph.advance;
  }
  // The scale needs more than two decimals: 15.2 px / 1000 units.
  const scale = String(Math.round(k * 1e6) / 1e6);
  return `<path transform="matrix(${scale} 0 0 -${scale} ${n(shape.x)} ${n(shape.y)})" d="${d}" fill="${shape.fill}"/>`;
}

function shapeToSvg(shape: Shape, glyphs?: GlyphSource): string {
  switch (shape.type) {
    case 'rect': {
      const stroke = shape.stroke ? ` stroke="${shape.stroke}" stroke-width="${n(shape.strokeWidth ?? 1)}"${dashAttr(shape.dash)}` : '';
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}" rx="${n(shape.radius)}" fill="${shape.fill ?? 'none'}"${stroke}/>`;
    }
    case 'line':
      return `<line x1="${n(shape.x1)}" y1="${n(shape.y1)}" x2="${n(shape.x2)}" y2="${n(shape.y2)}" stroke="${shape.stroke}" stroke-width="${n(shape.strokeWidth)}" stroke-linecap="${shape.cap}"${dashAttr(shape.dash)}/>`;
    case 'polygon':
      return `<polygon points="${shape.points.map((p) => `${n(p.x)},${n(p.y)}`).join(' ')}" fill="${shape.fill}"/>`;
    case 'circle': {
      const stroke = shape.stroke ? ` stroke="${shape.stroke}" stroke-width="${n(shape.strokeWidth ?? 1)}"` : '';
      return `<circle cx="${n(shape.cx)}" cy="${n(shape.cy)}" r="${n(shape.r)}" fill="${shape.fill ?? 'none'}"${stroke}/>`;
    }
    case 'icon': {
      const filled = FILLED_KIND_ICONS.has(shape.kind);
      const paint = filled
        ? `fill="${shape.colour}" fill-rule="evenodd"`
        : `fill="none" stroke="${shape.colour}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"`;
      return `<path transform="translate(${n(shape.x)} ${n(shape.y)}) scale(${n(shape.size / KIND_ICON_VIEWBOX)})" d="${KIND_ICON_PATHS[shape.kind]}" ${paint}/>`;
    }
    case 'text':
      if (glyphs) return textPath(shape, glyphs);
      return `<text x="${n(shape.x)}" y="${n(shape.y)}" font-size="${n(shape.style.size)}" font-weight="${shape.style.weight}" fill="${shape.fill}">${escapeXml(shape.text)}</text>`;
  }
}

/** Shapes as SVG elements; text as <text>, or as paths when glyph outlines are given. */
export function shapesToSvg(shapes: readonly Shape[], glyphs?: GlyphSource): string {
  return shapes.map((shape) => shapeToSvg(shape, glyphs)).join('');
}

/** Parses a CSS unicode-range (`U+0000-00FF,U+0131`) into [from, to] pairs. */
function parseUnicodeRange(range: string): Array<[number, number]> {
  return range.split(',').flatMap((part) => {
    const match = /^\s*U\+([0-9A-Fa-f]+)(?:-([0-9A-Fa-f]+))?\s*$/.exec(part);
    if (!match) return [];
    const from = Number.parseInt(match[1]!, 16);
    return [[from, match[2] ? Number.parseInt(match[2], 16) : from] as [number, number]];
  });
}

function isNeeded(face: EmbeddedFontFace, codePoints: ReadonlySet<number>): boolean {
  if (!face.unicodeRange) return true;
  const ranges = parseUnicodeRange(face.unicodeRange);
  for (const cp of codePoints) if (ranges.some(([from, to]) => cp >= from && cp <= to)) return true;
  return false;
}

/** The @font-face rules for the faces `text` needs (a face whose unicode-range `text` does not touch is left out). */
export function fontFaceCss(faces: readonly EmbeddedFontFace[], text: string): string {
  const codePoints = new Set<number>();
  for (const ch of text) codePoints.add(ch.codePointAt(0)!);
  return faces
    .filter((face) => isNeeded(face, codePoints))
    .map((face) => {
      const range = face.unicodeRange ? `;unicode-range:${face.unicodeRange}` : '';
      return `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:${face.weight};src:url(data:${MIME[face.format]};base64,${encodeBase64(face.data)}) format('${face.format}')${range}}`;
    })
    .join('');
}

/** Draws a finished layout as SVG text. */
export function renderLayoutSvg(layout: ExportLayout, fontFaces: readonly EmbeddedFontFace[] = [], glyphs?: GlyphSource): string {
  const { width, height } = layout;
  const css = fontFaceCss(fontFaces, layout.text);
  const title = layout.header.find((s) => s.type === 'text');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="title"` +
      ` lang="${layout.language}" font-family="'${FONT_FAMILY}', sans-serif" style="font-kerning:none;font-variant-ligatures:none">`,
    `<title id="title">${escapeXml(title && title.type === 'text' ? title.text : layout.title)}</title>`,
    css ? `<defs><style>${css}</style></defs>` : '',
    `<rect width="${width}" height="${height}" fill="${COLOURS.page}"/>`,
    `<g class="header">${shapesToSvg(layout.header, glyphs)}</g>`,
    '<g class="links">',
  ];
  for (const link of layout.links) {
    const cls = `link link--${link.polarity === '+' ? 'plus' : 'minus'}${link.highlighted ? ' link--highlighted' : ''}${link.faded ? ' link--quiet' : ''}`;
    parts.push(`<g class="${cls}" data-link-id="${escapeXml(link.linkId)}">${shapesToSvg(link.shapes, glyphs)}</g>`);
  }
  parts.push('</g><g class="factors">');
  for (const box of layout.boxes) {
    const cls = `factor factor--${box.kind}${box.hypothesis ? ' factor--hypothesis' : ''}${box.faded ? ' factor--quiet' : ''}`;
    parts.push(`<g class="${cls}" data-factor-id="${escapeXml(box.factorId)}">${shapesToSvg(box.shapes, glyphs)}</g>`);
  }
  parts.push('</g>');
  if (layout.highlights.length > 0) parts.push(`<g class="loop-highlights">${shapesToSvg(layout.highlights, glyphs)}</g>`);
  if (layout.legend.length > 0) {
    parts.push(
      `<g class="legend">${shapesToSvg(layout.legendShapes, glyphs)}${layout.legend.map((item) => shapesToSvg(item.shapes, glyphs)).join('')}</g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/**
 * Renders an analysis as a standalone SVG: the factors styled by kind as on the canvas, the links with arrowheads
 * and +/− marks, a header (title, date and time of export) and a legend. Pure: runs in the browser and in Node.
 */
export function renderAnalysisSvg(analysis: Analysis, options: SvgOptions = {}): RenderedSvg {
  const layout = layoutExport(analysis, options);
  return { svg: renderLayoutSvg(layout, options.fontFaces, options.glyphs), width: layout.width, height: layout.height };
}
