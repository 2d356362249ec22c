/**
 * `GET /api/analyses/:id/export.png|.svg|.pdf` (CONTRACT.md §2): the analysis rendered for the case file, for any
 * role. Query: `scale=1..4` (PNG, default 2), `paper=A4|A3` (PDF), `lang=nl|en`, `actors=1`, `loops=R1,B2`, `stances=0`
 * (leave out the stance marks and the shared-ness headline), and
 * `report=1` (PDF and PNG): the case-file report, the diagram and its conclusions (shared/src/export/report).
 * Each export is written to the access log.
 *
 * The main thread only checks the token and the query, has the stored bytes of the analysis read (a live room
 * writes its queued updates first, so they hold every edit made so far) and hands them to the worker pool
 * (export/workPool.ts): rebuilding and reading the analysis, the loop search, the layout and the file itself. An export waits for a place in the export queue (export/exportLimiter.ts: 2 at once,
 * 8 waiting, 2 per client address) and has a time budget once it runs (EXPORT_TIME_BUDGET_MS).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportFileName, reportFileName, type ExportFileFormat } from '@samenzicht/shared/export/fileName';
import { PNG_LIMITS } from '@samenzicht/shared/export/canvasLimits';
import { MESSAGES, type AnalysesApiDeps } from './analysesApi.ts';
import { parseBearer } from './auth.ts';
import { authorize } from './authorize.ts';
import { clientKey } from './export/clientAddress.ts';
import { ExportsBusyError, ExportsPerClientError } from './export/exportLimiter.ts';
import type { ExportQuery } from './export/jobs.ts';
import { JobTimeoutError, PoolClosedError } from './export/workPool.ts';
import { sendError } from './httpIo.ts';
import type { Logger } from './log.ts';

export type ExportFormat = ExportFileFormat;

export const EXPORT_MESSAGES = {
  badScale: 'De schaal (scale) moet een getal van 1 tot en met 4 zijn.',
  badPaper: 'Het papierformaat (paper) moet A4 of A3 zijn.',
  badLanguage: 'De taal (lang) moet nl of en zijn.',
  badLoops: 'Een of meer kringlopen (loops) bestaan niet in deze analyse.',
  badReport: 'Het verslag (report) moet 1 of 0 zijn, en bestaat als PDF of PNG (export.pdf?report=1 of export.png?report=1).',
  busy: 'Er worden nu veel exports tegelijk gemaakt. Probeer het over een paar seconden opnieuw.',
  tooManyFromClient: 'Er worden vanaf dit adres al exports gemaakt. Wacht tot die klaar zijn en probeer het dan opnieuw.',
  tooSlow:
    'Deze export duurde te lang en is gestopt. Probeer een kleiner formaat (bijvoorbeeld SVG, of PNG op een lagere schaal) of probeer het later opnieuw.',
} as const;

/** Seconds a refused export is asked to wait before trying again. */
const BUSY_RETRY_AFTER_S = 5;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  png: 'image/png',
  svg: 'image/svg+xml; charset=utf-8',
  pdf: 'application/pdf',
};

/** Reads the query of an export request; a bad value is a sentence for a person. */
export function parseExportQuery(rawUrl: string | undefined): { ok: true; query: ExportQuery } | { ok: false; error: string } {
  const params = new URL(rawUrl ?? '/', 'http://localhost').searchParams;
  const scaleText = params.get('scale') ?? String(PNG_LIMITS.defaultScale);
  const scale = Number(scaleText);
  if (!/^\d+(\.\d+)?$/.test(scaleText) || scale < PNG_LIMITS.minScale || scale > PNG_LIMITS.maxScale)
    return { ok: false, error: EXPORT_MESSAGES.badScale };
  const paper = (params.get('paper') ?? 'A4').toUpperCase();
  if (paper !== 'A4' && paper !== 'A3') return { ok: false, error: EXPORT_MESSAGES.badPaper };
  const language = params.get('lang') ?? 'nl';
  if (language !== 'nl' && language !== 'en') return { ok: false, error: EXPORT_MESSAGES.badLanguage };
  const actors = ['1', 'true', 'yes'].includes(params.get('actors') ?? '');
  const stances = !['0', 'false', 'no'].includes(params.get('stances') ?? '');
  const loops = (params.get('loops') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const reportText = (params.get('report') ?? '0').toLowerCase();
  if (!['0', '1', 'true', 'false', 'yes', 'no', ''].includes(reportText)) return { ok: false, error: EXPORT_MESSAGES.badReport };
  const report = ['1', 'true', 'yes'].includes(reportText);
  return { ok: true, query: { scale, paper, language, actors, stances, loops, report } };
}

/** The file name of an export (shared with the browser's export dialog). */
export const toExportFileName: (title: string, at: Date, format: ExportFormat) => string = exportFileName;

/** `GET /api/analyses/:id/export.<format>` */
export async function exportAnalysis(
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  format: ExportFormat,
  deps: AnalysesApiDeps & { readonly log: Logger },
): Promise<void> {
  const role = await authorize(deps.storage, id, parseBearer(req.headers.authorization));
  if (role === null) return sendError(res, 401, MESSAGES.unauthorized);
  const parsed = parseExportQuery(req.url);
  if (!parsed.ok) return sendError(res, 400, parsed.error);
  const { query } = parsed;
  if (query.report && format === 'svg') return sendError(res, 400, EXPORT_MESSAGES.badReport);
  const address = clientKey(req.socket.remoteAddress);
  let outcome;
  let exportedAt = new Date();
  try {
    outcome = await deps.exportLimiter.run(address, async () => {
      // Read once a place is free, so a waiting export shows the analysis as it is when it is drawn.
      const stored = await deps.rooms.readStored(id);
      if (stored === null) return null;
      exportedAt = new Date();
      return deps.workPool.run({ kind: 'export', format, source: { kind: 'stored', stored }, query, exportedAt });
    });
  } catch (error) {
    if (error instanceof ExportsPerClientError) {
      res.setHeader('Retry-After', String(BUSY_RETRY_AFTER_S));
      return sendError(res, 429, EXPORT_MESSAGES.tooManyFromClient);
    }
    if (error instanceof ExportsBusyError) {
      res.setHeader('Retry-After', String(BUSY_RETRY_AFTER_S));
      return sendError(res, 503, EXPORT_MESSAGES.busy);
    }
    // The server is stopping: the client's connection is closing too.
    if (error instanceof PoolClosedError) return sendError(res, 503, EXPORT_MESSAGES.busy);
    if (error instanceof JobTimeoutError) {
      deps.log.info(`export of ${format} stopped: ran longer than EXPORT_TIME_BUDGET_MS (${error.budgetMs} ms)`);
      return sendError(res, 503, EXPORT_MESSAGES.tooSlow);
    }
    throw error;
  }
  if (outcome === null) return sendError(res, 401, MESSAGES.unauthorized);
  if (!outcome.ok) return sendError(res, 400, outcome.reason === 'badReport' ? EXPORT_MESSAGES.badReport : EXPORT_MESSAGES.badLoops);
  if (outcome.skipped > 0) deps.log.error(`analysis ${id}: ${outcome.skipped} stored updates could not be applied`);
  if (outcome.scaledTo !== null) res.setHeader('X-Samenzicht-Scale', String(outcome.scaledTo));
  // A report holds more than the diagram (notes, the people involved): the log says so.
  await deps.accessLog.logExport(id, role, query.report ? `report-${format}` : format);

  const { body } = outcome;
  const fileName =
    query.report && format !== 'svg'
      ? reportFileName(outcome.title, exportedAt, format, query.language)
      : toExportFileName(outcome.title, exportedAt, format);
  res.statusCode = 200;
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Content-Length', body.byteLength);
  res.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}
