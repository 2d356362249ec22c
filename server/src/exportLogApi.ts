/**
 * `POST /api/analyses/:id/exports` (CONTRACT.md §2): the browser tells the server about an export it made itself
 * (the export dialog draws PNG, SVG and PDF without the server, and saves the analysis file), so the access log
 * shows every export, not only the server's. Any valid token may report one; the entry holds the role, the format
 * and the display name the person gave (no content). Reports are limited per analysis, so a script with a link
 * cannot flood the log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MESSAGES, readBodyOr413, type AnalysesApiDeps } from './analysesApi.ts';
import { parseBearer } from './auth.ts';
import { authorize } from './authorize.ts';
import { sendError, sendJson } from './httpIo.ts';
import { createReportLimiter, parseLogReport } from './logReport.ts';

/** What the browser can export: the pictures, and the analysis file (`json`, as `GET /api/analyses/:id` logs it). */
export const REPORTED_EXPORT_FORMATS = ['png', 'svg', 'pdf', 'json'] as const;
export type ReportedExportFormat = (typeof REPORTED_EXPORT_FORMATS)[number];

export const EXPORT_LOG_MESSAGES = {
  badBody:
    'Stuur een JSON-object met het formaat (format) van de export: png, svg, pdf of json, en eventueel de naam (name) van wie exporteerde.',
  tooMany: 'Te veel exportmeldingen voor deze analyse. Probeer het over een minuut opnieuw.',
} as const;

/** Per analysis: one report a second on average, bursts of 20 (a person exports a few files at most in a row). */
export const EXPORT_REPORT_RATE = { perSecond: 1, burst: 20 } as const;

type ReportRequest =
  | { readonly ok: true; readonly format: ReportedExportFormat; readonly name: string }
  | { readonly ok: false; readonly body: Record<string, unknown> };

/** Parses `{ "format": …, "name"?: string }`; errors name their place. */
export function parseExportReport(text: string): ReportRequest {
  const report = parseLogReport(text, 'format', REPORTED_EXPORT_FORMATS, EXPORT_LOG_MESSAGES.badBody);
  return report.ok ? { ok: true, format: report.value, name: report.name } : report;
}

const limiter = createReportLimiter(EXPORT_REPORT_RATE);

/** `POST /api/analyses/:id/exports`: 204 once the export is in the access log. */
export async function reportExport(req: IncomingMessage, res: ServerResponse, id: string, deps: AnalysesApiDeps): Promise<void> {
  const role = await authorize(deps.storage, id, parseBearer(req.headers.authorization));
  if (role === null) return sendError(res, 401, MESSAGES.unauthorized);
  const text = await readBodyOr413(req, res, deps.maxBodyBytes);
  if (text === null) return;
  const report = parseExportReport(text);
  if (!report.ok) return sendJson(res, 400, report.body);
  if (!limiter.take(deps, id)) {
    res.setHeader('Retry-After', '60');
    return sendError(res, 429, EXPORT_LOG_MESSAGES.tooMany);
  }
  await deps.accessLog.record(id, { name: report.name, role, action: 'exported', detail: report.format });
  res.statusCode = 204;
  res.end();
}
