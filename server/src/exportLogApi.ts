/**
 * `POST /api/analyses/:id/exports` (CONTRACT.md §2): the browser tells the server about an export it made itself
 * (the export dialog draws PNG, SVG and PDF without the server, and saves the analysis file), so the access log
 * shows every export, not only the server's. Any valid token may report one; the entry holds the role, the format
 * and the display name the person gave (no content). Reports are limited per analysis, so a script with a link
 * cannot flood the log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeValue } from '@samenzicht/shared/schema/errors';
import { NO_NAME, parseDisplayName } from './accessLog.ts';
import { MESSAGES, isRecord, readBodyOr413, type AnalysesApiDeps } from './analysesApi.ts';
import { parseBearer } from './auth.ts';
import { authorize } from './authorize.ts';
import { sendError, sendJson } from './httpIo.ts';
import { createTokenBucket, type TokenBucket } from './rateLimit.ts';

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
/** Buckets kept at most; beyond that they are all dropped (a full bucket is what a new one would be anyway). */
const MAX_BUCKETS = 10_000;

type ReportRequest =
  | { readonly ok: true; readonly format: ReportedExportFormat; readonly name: string }
  | { readonly ok: false; readonly body: Record<string, unknown> };

/** Parses `{ "format": "png" | "svg" | "pdf" | "json", "name"?: string }`; errors name their place. */
export function parseExportReport(text: string): ReportRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, body: { error: MESSAGES.badJson } };
  }
  if (!isRecord(json)) {
    return {
      ok: false,
      body: { error: EXPORT_LOG_MESSAGES.badBody, errors: [{ path: '', message: `expected an object, got ${describeValue(json)}` }] },
    };
  }
  const errors: Array<{ path: string; message: string }> = [];
  const format = json.format;
  if (typeof format !== 'string' || !(REPORTED_EXPORT_FORMATS as readonly string[]).includes(format)) {
    errors.push({ path: 'format', message: `expected one of ${REPORTED_EXPORT_FORMATS.join(', ')}, got ${describeValue(format)}` });
  }
  if (json.name !== undefined && typeof json.name !== 'string') {
    errors.push({ path: 'name', message: `expected a string, got ${describeValue(json.name)}` });
  }
  if (errors.length > 0) return { ok: false, body: { error: EXPORT_LOG_MESSAGES.badBody, errors } };
  const name = typeof json.name === 'string' && json.name.trim() !== '' ? parseDisplayName(json.name) : NO_NAME;
  return { ok: true, format: format as ReportedExportFormat, name };
}

const bucketsByServer = new WeakMap<AnalysesApiDeps, Map<string, TokenBucket>>();

function takeReport(deps: AnalysesApiDeps, id: string): boolean {
  let buckets = bucketsByServer.get(deps);
  if (!buckets) bucketsByServer.set(deps, (buckets = new Map()));
  let bucket = buckets.get(id);
  if (!bucket) {
    if (buckets.size >= MAX_BUCKETS) buckets.clear();
    bucket = createTokenBucket(EXPORT_REPORT_RATE.perSecond, EXPORT_REPORT_RATE.burst);
    buckets.set(id, bucket);
  }
  return bucket.take();
}

/** `POST /api/analyses/:id/exports`: 204 once the export is in the access log. */
export async function reportExport(req: IncomingMessage, res: ServerResponse, id: string, deps: AnalysesApiDeps): Promise<void> {
  const role = await authorize(deps.storage, id, parseBearer(req.headers.authorization));
  if (role === null) return sendError(res, 401, MESSAGES.unauthorized);
  const text = await readBodyOr413(req, res, deps.maxBodyBytes);
  if (text === null) return;
  const report = parseExportReport(text);
  if (!report.ok) return sendJson(res, 400, report.body);
  if (!takeReport(deps, id)) {
    res.setHeader('Retry-After', '60');
    return sendError(res, 429, EXPORT_LOG_MESSAGES.tooMany);
  }
  await deps.accessLog.record(id, { name: report.name, role, action: 'exported', detail: report.format });
  res.statusCode = 204;
  res.end();
}
