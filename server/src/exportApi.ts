/**
 * `GET /api/analyses/:id/export.png|.svg|.pdf` (CONTRACT.md §2): the analysis rendered for the case file, for any
 * role. Query: `scale=1..4` (PNG, default 2), `paper=A4|A3` (PDF), `lang=nl|en`, `actors=1`, `loops=R1,B2`.
 * Each export is written to the access log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { analysePatterns } from '../../shared/src/graph/patterns.ts';
import type { HighlightLoop } from '../../shared/src/export/layout.ts';
import { renderAnalysisPdf, type Paper } from '../../shared/src/export/renderPdf.ts';
import { renderAnalysisSvg } from '../../shared/src/export/renderSvg.ts';
import { exportFileName, type ExportFileFormat } from '../../shared/src/export/fileName.ts';
import { PNG_LIMITS } from '../../shared/src/export/canvasLimits.ts';
import type { ExportLanguage } from '../../shared/src/export/words.ts';
import type { Analysis } from '../../shared/src/model/types.ts';
import { readAnalysis } from '../../shared/src/ydoc/read.ts';
import { MESSAGES, type AnalysesApiDeps } from './analysesApi.ts';
import { parseBearer } from './auth.ts';
import { authorize } from './authorize.ts';
import { loadExportFonts } from './export/exportFonts.ts';
import { EXPORT_LIMITER, ExportsBusyError } from './export/exportLimiter.ts';
import { renderAnalysisPng } from './export/renderPng.ts';
import { sendError } from './httpIo.ts';

export type ExportFormat = ExportFileFormat;

export const EXPORT_MESSAGES = {
  badScale: 'De schaal (scale) moet een getal van 1 tot en met 4 zijn.',
  badPaper: 'Het papierformaat (paper) moet A4 of A3 zijn.',
  badLanguage: 'De taal (lang) moet nl of en zijn.',
  badLoops: 'Een of meer kringlopen (loops) bestaan niet in deze analyse.',
  busy: 'Er worden nu veel exports tegelijk gemaakt. Probeer het over een paar seconden opnieuw.',
} as const;

/** Seconds a refused export is asked to wait before trying again. */
const BUSY_RETRY_AFTER_S = 5;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  png: 'image/png',
  svg: 'image/svg+xml; charset=utf-8',
  pdf: 'application/pdf',
};

/** The loop search may take a little longer here than in the editor, but must not hold the server for long. */
const LOOP_LIMITS = { maxLoops: 10_000, timeBudgetMs: 2_000 } as const;

interface ExportQuery {
  readonly scale: number;
  readonly paper: Paper;
  readonly language: ExportLanguage;
  readonly actors: boolean;
  readonly loops: readonly string[];
}

/** Reads the query of an export request; a bad value is a sentence for a person. */
export function parseExportQuery(rawUrl: string | undefined): { ok: true; query: ExportQuery } | { ok: false; error: string } {
  const params = new URL(rawUrl ?? '/', 'http://localhost').searchParams;
  const scaleText = params.get('scale') ?? String(PNG_LIMITS.defaultScale);
  const scale = Number(scaleText);
  if (!/^\d+(\.\d+)?$/.test(scaleText) || scale < PNG_LIMITS.minScale || scale > PNG_LIMITS.maxScale) return { ok: false, error: EXPORT_MESSAGES.badScale };
  const paper = (params.get('paper') ?? 'A4').toUpperCase();
  if (paper !== 'A4' && paper !== 'A3') return { ok: false, error: EXPORT_MESSAGES.badPaper };
  const language = params.get('lang') ?? 'nl';
  if (language !== 'nl' && language !== 'en') return { ok: false, error: EXPORT_MESSAGES.badLanguage };
  const actors = ['1', 'true', 'yes'].includes(params.get('actors') ?? '');
  const loops = (params.get('loops') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return { ok: true, query: { scale, paper, language, actors, loops } };
}

/** The file name of an export (shared with the browser's export dialog). */
export const toExportFileName: (title: string, at: Date, format: ExportFormat) => string = exportFileName;

function highlightLoops(analysis: Analysis, ids: readonly string[]): HighlightLoop[] | null {
  if (ids.length === 0) return [];
  const byId = new Map(analysePatterns(analysis, LOOP_LIMITS).loops.map((l) => [l.id, l]));
  const loops: HighlightLoop[] = [];
  for (const id of ids) {
    const loop = byId.get(id);
    if (!loop) return null;
    loops.push({ links: loop.links, id: loop.id, type: loop.type, ...(loop.name ? { name: loop.name } : {}) });
  }
  return loops;
}

/** `GET /api/analyses/:id/export.<format>` */
export async function exportAnalysis(
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  format: ExportFormat,
  deps: AnalysesApiDeps,
): Promise<void> {
  const role = await authorize(deps.storage, id, parseBearer(req.headers.authorization));
  if (role === null) return sendError(res, 401, MESSAGES.unauthorized);
  const parsed = parseExportQuery(req.url);
  if (!parsed.ok) return sendError(res, 400, parsed.error);
  const { query } = parsed;
  const analysis = await deps.rooms.readDoc(id, (doc) => readAnalysis(doc));
  if (analysis === null) return sendError(res, 401, MESSAGES.unauthorized);
  const loops = highlightLoops(analysis, query.loops);
  if (loops === null) return sendError(res, 400, EXPORT_MESSAGES.badLoops);

  const exportedAt = new Date();
  const options = { language: query.language, exportedAt, showActors: query.actors, highlightLoops: loops };
  const fonts = await loadExportFonts();
  let body: Uint8Array | string;
  try {
    body = await EXPORT_LIMITER.run(async () => {
      switch (format) {
        case 'svg':
          return renderAnalysisSvg(analysis, { ...options, fontFaces: fonts.webFaces }).svg;
        case 'png': {
          const png = await renderAnalysisPng(analysis, { ...options, scale: query.scale });
          if (png.scaled) res.setHeader('X-Samenzicht-Scale', String(png.scale));
          return png.png;
        }
        case 'pdf':
          return renderAnalysisPdf(analysis, { ...options, paper: query.paper, fonts: fonts.ttf });
      }
    });
  } catch (error) {
    if (!(error instanceof ExportsBusyError)) throw error;
    res.setHeader('Retry-After', String(BUSY_RETRY_AFTER_S));
    return sendError(res, 503, EXPORT_MESSAGES.busy);
  }
  await deps.accessLog.logExport(id, role, format);

  const fileName = toExportFileName(analysis.title, exportedAt, format);
  res.statusCode = 200;
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  res.end(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}
