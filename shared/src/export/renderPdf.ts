/**
 * Model → a one-page vector PDF (A4 or A3, landscape), the export layout fitted to the page. It draws the very
 * primitives the SVG draws (layout.ts), with Atkinson Hyperlegible embedded (subset). The caller passes the TTF
 * bytes (fontFiles.ts): the server reads them from node_modules, the browser from our own origin.
 */
import fontkit from '@pdf-lib/fontkit';
import { LineCapStyle, PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { Analysis } from '../model/types.ts';
import { KIND_ICON_PATHS, FILLED_KIND_ICONS, KIND_ICON_VIEWBOX } from './kindIcons.ts';
import { layoutExport, type ExportLayout, type ExportOptions } from './layout.ts';
import type { Shape } from './shapes.ts';
import type { FontWeight } from './textMetrics.ts';

import { PAPER_SIZES, type Paper } from './paper.ts';

export { PAPER_SIZES, type Paper };

export interface PdfOptions extends ExportOptions {
  readonly paper?: Paper;
  /** The TTF files of Atkinson Hyperlegible regular (400) and bold (700). */
  readonly fonts: Record<FontWeight, Uint8Array>;
}

/** The page margin in points. */
const MARGIN = 28;
/** At most this many points per layout px: a small diagram is not blown up to poster size (0.75 is 100 %). */
const MAX_SCALE = 1;

function colour(hex: string): RGB {
  const value = Number.parseInt(hex.slice(1), 16);
  return rgb(((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255);
}

function roundedRectPath(x: number, y: number, w: number, h: number, r: number): string {
  const rr = Math.max(0, Math.min(r, w / 2, h / 2));
  if (rr === 0) return `M${x} ${y}H${x + w}V${y + h}H${x}Z`;
  return (
    `M${x + rr} ${y}H${x + w - rr}A${rr} ${rr} 0 0 1 ${x + w} ${y + rr}V${y + h - rr}A${rr} ${rr} 0 0 1 ${x + w - rr} ${y + h}` +
    `H${x + rr}A${rr} ${rr} 0 0 1 ${x} ${y + h - rr}V${y + rr}A${rr} ${rr} 0 0 1 ${x + rr} ${y}Z`
  );
}

/** The two weights of the font, embedded in one document. */
export type PdfFonts = Record<FontWeight, PDFFont>;

export interface Placement {
  readonly page: PDFPage;
  readonly fonts: PdfFonts;
  /** Page position of layout (0, 0), top-left, in PDF coordinates (y up). */
  readonly left: number;
  readonly top: number;
  readonly scale: number;
}

/** Draws one shape of a layout onto a PDF page. Nothing is drawn see-through (print contrast, highlight.ts). */
export function drawShape(p: Placement, shape: Shape): void {
  // drawSvgPath flips y and scales stroke widths and dashes with the path, so paths stay in layout px.
  const at = { x: p.left, y: p.top, scale: p.scale };
  switch (shape.type) {
    case 'rect':
      p.page.drawSvgPath(roundedRectPath(shape.x, shape.y, shape.width, shape.height, shape.radius), {
        ...at,
        ...(shape.fill ? { color: colour(shape.fill) } : {}),
        ...(shape.stroke ? { borderColor: colour(shape.stroke), borderWidth: shape.strokeWidth ?? 1 } : {}),
        ...(shape.dash ? { borderDashArray: [...shape.dash] } : {}),
      });
      return;
    case 'line':
      p.page.drawSvgPath(`M${shape.x1} ${shape.y1}L${shape.x2} ${shape.y2}`, {
        ...at,
        borderColor: colour(shape.stroke),
        borderWidth: shape.strokeWidth,
        borderLineCap: shape.cap === 'round' ? LineCapStyle.Round : LineCapStyle.Butt,
        ...(shape.dash ? { borderDashArray: [...shape.dash] } : {}),
      });
      return;
    case 'polygon': {
      const [first, ...rest] = shape.points;
      if (!first) return;
      const path = `M${first.x} ${first.y}${rest.map((pt) => `L${pt.x} ${pt.y}`).join('')}Z`;
      p.page.drawSvgPath(path, { ...at, color: colour(shape.fill) });
      return;
    }
    case 'circle': {
      const { cx, cy, r } = shape;
      p.page.drawSvgPath(`M${cx - r} ${cy}A${r} ${r} 0 1 0 ${cx + r} ${cy}A${r} ${r} 0 1 0 ${cx - r} ${cy}Z`, {
        ...at,
        ...(shape.fill ? { color: colour(shape.fill) } : {}),
        ...(shape.stroke ? { borderColor: colour(shape.stroke), borderWidth: shape.strokeWidth ?? 1 } : {}),
      });
      return;
    }
    case 'icon': {
      const k = shape.size / KIND_ICON_VIEWBOX;
      const iconAt = { x: p.left + shape.x * p.scale, y: p.top - shape.y * p.scale, scale: p.scale * k };
      const paint = FILLED_KIND_ICONS.has(shape.kind)
        ? { color: colour(shape.colour) }
        : { borderColor: colour(shape.colour), borderWidth: 2, borderLineCap: LineCapStyle.Round };
      p.page.drawSvgPath(KIND_ICON_PATHS[shape.kind], { ...iconAt, ...paint });
      return;
    }
    case 'text':
      if (shape.text === '') return;
      p.page.drawText(shape.text, {
        x: p.left + shape.x * p.scale,
        y: p.top - shape.y * p.scale,
        size: shape.style.size * p.scale,
        font: p.fonts[shape.style.weight],
        color: colour(shape.fill),
      });
      return;
  }
}

function drawLayout(p: Placement, layout: ExportLayout): void {
  for (const shape of layout.header) drawShape(p, shape);
  for (const link of layout.links) for (const shape of link.shapes) drawShape(p, shape);
  for (const box of layout.boxes) for (const shape of box.shapes) drawShape(p, shape);
  for (const shape of layout.highlights) drawShape(p, shape);
  for (const shape of layout.legendShapes) drawShape(p, shape);
  for (const item of layout.legend) for (const shape of item.shapes) drawShape(p, shape);
}

/**
 * Renders an analysis as a one-page landscape PDF (default A4): vector shapes and real text, fitted to the page,
 * centred across and starting at the top. Pure apart from pdf-lib: runs in the browser and in Node.
 */
export async function renderAnalysisPdf(analysis: Analysis, options: PdfOptions): Promise<Uint8Array> {
  return renderLayoutPdf(layoutExport(analysis, options), analysis.title, options);
}

/** Renders a finished layout (an analysis, or the compare overlay of compareLayout.ts) as a one-page PDF. */
export async function renderLayoutPdf(layout: ExportLayout, title: string, options: PdfOptions): Promise<Uint8Array> {
  const paper = PAPER_SIZES[options.paper ?? 'A4'];
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  // Kerning and ligatures off: the widths then match the advance table the lines were wrapped with.
  const features = { kern: false, liga: false };
  const fonts = {
    400: await doc.embedFont(options.fonts[400], { subset: true, features }),
    700: await doc.embedFont(options.fonts[700], { subset: true, features }),
  };
  const page = doc.addPage([paper.width, paper.height]);
  const scale = Math.min(MAX_SCALE, (paper.width - 2 * MARGIN) / layout.width, (paper.height - 2 * MARGIN) / layout.height);
  const left = (paper.width - layout.width * scale) / 2;
  drawLayout({ page, fonts, left, top: paper.height - MARGIN, scale }, layout);

  const at = options.exportedAt ?? new Date();
  doc.setTitle(title.trim() || 'Samenzicht');
  doc.setCreator('Samenzicht');
  doc.setProducer('Samenzicht');
  doc.setLanguage(layout.language === 'nl' ? 'nl-NL' : 'en-GB');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  return doc.save();
}
