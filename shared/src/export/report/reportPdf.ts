/**
 * The case-file report (reportPages.ts) as a PDF: every page, text as text, the fonts embedded as subsets. Kept
 * apart from reportSvg.ts so the PNG path needs no pdf-lib.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, clip, endPath, popGraphicsState, pushGraphicsState, rectangle } from 'pdf-lib';
import type { Analysis } from '../../model/types.ts';
import { drawShape, type PdfFonts } from '../renderPdf.ts';
import type { FontWeight } from '../textMetrics.ts';
import { layoutReport, type ReportOptions } from './reportPages.ts';

export interface ReportPdfOptions extends ReportOptions {
  /** The TTF files of Atkinson Hyperlegible regular (400) and bold (700). */
  readonly fonts: Record<FontWeight, Uint8Array>;
}

/** Renders the report as a PDF: A4 or A3, the diagram pages in the orientation that suits them, text pages upright. */
export async function renderReportPdf(analysis: Analysis, options: ReportPdfOptions): Promise<Uint8Array> {
  const report = layoutReport(analysis, options);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const features = { kern: false, liga: false };
  const fonts: PdfFonts = {
    400: await doc.embedFont(options.fonts[400], { subset: true, features }),
    700: await doc.embedFont(options.fonts[700], { subset: true, features }),
  };
  for (const layout of report.pages) {
    const page = doc.addPage([layout.width, layout.height]);
    for (const layer of layout.layers) {
      if (layer.clip) {
        const c = layer.clip;
        page.pushOperators(pushGraphicsState(), rectangle(c.x, layout.height - c.y - c.height, c.width, c.height), clip(), endPath());
      }
      const placement = { page, fonts, left: layer.x, top: layout.height - layer.y, scale: layer.scale };
      for (const shape of layer.shapes) drawShape(placement, shape);
      if (layer.clip) page.pushOperators(popGraphicsState());
    }
  }
  const at = options.exportedAt ?? new Date();
  doc.setTitle(analysis.title.trim() || 'Samenzicht');
  doc.setSubject(report.language === 'nl' ? 'Verslag voor het dossier (vertrouwelijk)' : 'Case-file report (confidential)');
  doc.setCreator('Samenzicht');
  doc.setProducer('Samenzicht');
  doc.setLanguage(report.language === 'nl' ? 'nl-NL' : 'en-GB');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  return doc.save();
}
