/**
 * `POST /api/analyses/:id/restores`: the browser tells the server that this person brought a factor or a link back
 * out of the Prullenbak, so the access log records it (`restored`, detail `factor` or `link`). The restore itself
 * is an edit of the live document like any other; from a Yjs update alone the server cannot tell a restore from an
 * add. Only roles that may edit report one; reports are limited per analysis like export reports.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MESSAGES, readBodyOr413, type AnalysesApiDeps } from './analysesApi.ts';
import { parseBearer } from './auth.ts';
import { authorize } from './authorize.ts';
import { sendError, sendJson } from './httpIo.ts';
import { createReportLimiter, parseLogReport } from './logReport.ts';

export const RESTORED_KINDS = ['factor', 'link'] as const;
export type RestoredKind = (typeof RESTORED_KINDS)[number];

export const RESTORE_LOG_MESSAGES = {
  badBody: 'Stuur een JSON-object met wat er is teruggezet (kind): factor of link, en eventueel de naam (name) van wie het deed.',
  forbidden: 'Alleen wie mag meewerken kan iets terugzetten.',
  tooMany: 'Te veel meldingen van terugzetten voor deze analyse. Probeer het over een minuut opnieuw.',
} as const;

/** Per analysis: one report a second on average, bursts of 30 (a few factors brought back in a row). */
export const RESTORE_REPORT_RATE = { perSecond: 1, burst: 30 } as const;

type RestoreReport =
  | { readonly ok: true; readonly kind: RestoredKind; readonly name: string }
  | { readonly ok: false; readonly body: Record<string, unknown> };

/** Parses `{ "kind": …, "name"?: string }`; errors name their place. */
export function parseRestoreReport(text: string): RestoreReport {
  const report = parseLogReport(text, 'kind', RESTORED_KINDS, RESTORE_LOG_MESSAGES.badBody);
  return report.ok ? { ok: true, kind: report.value, name: report.name } : report;
}

const limiter = createReportLimiter(RESTORE_REPORT_RATE);

/** `POST /api/analyses/:id/restores`: 204 once the restore is in the access log; a viewer 403. */
export async function reportRestore(req: IncomingMessage, res: ServerResponse, id: string, deps: AnalysesApiDeps): Promise<void> {
  const role = await authorize(deps.storage, id, parseBearer(req.headers.authorization));
  if (role === null) return sendError(res, 401, MESSAGES.unauthorized);
  const text = await readBodyOr413(req, res, deps.maxBodyBytes);
  if (text === null) return;
  if (role === 'viewer') return sendError(res, 403, RESTORE_LOG_MESSAGES.forbidden);
  const report = parseRestoreReport(text);
  if (!report.ok) return sendJson(res, 400, report.body);
  if (!limiter.take(deps, id)) {
    res.setHeader('Retry-After', '60');
    return sendError(res, 429, RESTORE_LOG_MESSAGES.tooMany);
  }
  await deps.accessLog.record(id, { name: report.name, role, action: 'restored', detail: report.kind });
  res.statusCode = 204;
  res.end();
}
