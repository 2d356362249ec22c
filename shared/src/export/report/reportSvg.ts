/**
 * The case-file report (reportPages.ts) as SVG: one SVG per page, or all pages under each other in one tall SVG,
 * which the PNG report rasterises (server: resvg; browser: a canvas). The PNG report is that one tall image: every
 * page, in order, on grey, so one file holds the whole report as the PDF does.
 */
import type { Analysis } from '../../model/types.ts';
import { fontFaceCss, shapesToSvg, type EmbeddedFontFace, type GlyphSource } from '../renderSvg.ts';
import { COLOURS, FONT_FAMILY } from '../theme.ts';
import { escapeXml } from '../xml.ts';
import { layoutReport, type ReportLayout, type ReportOptions, type ReportPage } from './reportPages.ts';

export interface ReportSvgOptions extends ReportOptions {
  readonly fontFaces?: readonly EmbeddedFontFace[];
  /** Text as paths (for rasterising), as in renderSvg.ts. */
  readonly glyphs?: GlyphSource;
}

/** CSS px per PDF point. */
const PX_PER_PT = 96 / 72;
/** The grey between pages in the tall image, in points. */
const PAGE_GAP = 16;
const BETWEEN_PAGES = '#c9ced6';

function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function pageBody(page: ReportPage, id: string, glyphs?: GlyphSource): string {
  const parts = [`<rect width="${n(page.width)}" height="${n(page.height)}" fill="${COLOURS.page}"/>`];
  page.layers.forEach((layer, i) => {
    const inner = `<g transform="translate(${n(layer.x)} ${n(layer.y)}) scale(${layer.scale})">${shapesToSvg(layer.shapes, glyphs)}</g>`;
    if (!layer.clip) return void parts.push(inner);
    const c = layer.clip;
    parts.push(
      `<clipPath id="${id}-c${i}"><rect x="${n(c.x)}" y="${n(c.y)}" width="${n(c.width)}" height="${n(c.height)}"/></clipPath>`,
      `<g clip-path="url(#${id}-c${i})">${inner}</g>`,
    );
  });
  return parts.join('');
}

function svgOpen(width: number, height: number, language: string, title: string, css: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width * PX_PER_PT)}" height="${n(height * PX_PER_PT)}" viewBox="0 0 ${n(width)} ${n(height)}"` +
    ` role="img" aria-labelledby="title" lang="${language}" font-family="'${FONT_FAMILY}', sans-serif" style="font-kerning:none;font-variant-ligatures:none">` +
    `<title id="title">${escapeXml(title)}</title>` +
    (css ? `<defs><style>${css}</style></defs>` : '')
  );
}

export interface RenderedReportSvg {
  readonly svg: string;
  /** CSS px. */
  readonly width: number;
  readonly height: number;
  readonly pages: number;
}

/** All pages of the report under each other, as one SVG (sized in CSS px, drawn in points). */
export function renderReportSvg(analysis: Analysis, options: ReportSvgOptions = {}): RenderedReportSvg {
  return reportLayoutSvg(layoutReport(analysis, options), options);
}

/** A laid-out report as one tall SVG. */
export function reportLayoutSvg(report: ReportLayout, options: Pick<ReportSvgOptions, 'fontFaces' | 'glyphs'> = {}): RenderedReportSvg {
  const width = Math.max(...report.pages.map((p) => p.width)) + 2 * PAGE_GAP;
  const height = report.pages.reduce((sum, p) => sum + p.height + PAGE_GAP, PAGE_GAP);
  const css = fontFaceCss(options.fontFaces ?? [], report.text);
  const parts = [
    svgOpen(width, height, report.language, report.title, css),
    `<rect width="${n(width)}" height="${n(height)}" fill="${BETWEEN_PAGES}"/>`,
  ];
  let y = PAGE_GAP;
  report.pages.forEach((page, i) => {
    parts.push(
      `<g class="page" transform="translate(${n((width - page.width) / 2)} ${n(y)})">${pageBody(page, `p${i + 1}`, options.glyphs)}</g>`,
    );
    y += page.height + PAGE_GAP;
  });
  parts.push('</svg>');
  return { svg: parts.join(''), width: Math.ceil(width * PX_PER_PT), height: Math.ceil(height * PX_PER_PT), pages: report.pages.length };
}

/** Each page of a laid-out report as its own SVG (sized in CSS px, drawn in points). */
export function reportPageSvgs(report: ReportLayout, options: Pick<ReportSvgOptions, 'fontFaces' | 'glyphs'> = {}): string[] {
  const css = fontFaceCss(options.fontFaces ?? [], report.text);
  return report.pages.map(
    (page, i) =>
      `${svgOpen(page.width, page.height, report.language, report.title, css)}${pageBody(page, `p${i + 1}`, options.glyphs)}</svg>`,
  );
}
