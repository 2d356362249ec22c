/**
 * `POST /api/analyses/:id/restores`: the browser tells the server that this person brought a factor or a link back
 * out of the Prullenbak, so the access log records it (`restored`, detail `factor` or `link`). The restore itself
 * is an edit of the live document like any other; from a Yjs update alone the server cannot tell a restore from an
 * add. Only roles that may edit report one; reports are limited per analysis like export reports.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeValue } from '@samenzicht/shared/schema/errors';
import { NO_NAME, parseDisplayName } from './accessLog.ts';
import { MESSAGES, isRecord, readBodyOr413, type AnalysesApiDeps } from './analysesApi.ts';
import { parseBearer } from './auth.ts';
import { authorize } from './authorize.ts';
import { sendError, sendJson } from './httpIo.ts';
import { createTokenBucket, type TokenBucket } from './rateLimit.ts';

export const RESTORED_KINDS = ['factor', 'link'] as const;
export type RestoredKind = (typeof RESTORED_KINDS)[number];

export const RESTORE_LOG_MESSAGES = {
  badBody: 'Stuur een JSON-object met wat er is teruggezet (kind): factor of link, en eventueel de naam (name) van wie het deed.',
  forbidden: 'Alleen wie mag meewerken kan iets terugzetten.',
  tooMany: 'Te veel meldingen van terugzetten voor deze analyse. Probeer het over een minuut opnieuw.',
} as const;

/** Per analysis: one report a second on average, bursts of 30 (a few factors brought back in a row). */
export const RESTORE_REPORT_RATE = { perSecond: 1, burst: 30 } as const;
const MAX_BUCKETS = 10_000;

type RestoreReport =
  | { readonly ok: true; readonly kind: RestoredKind; readonly name: string }
  | { readonly ok: false; readonly body: Record<string, unknown> };

/** Parses `{ "kind": "factor" | "link", "name"?: string }`; errors name their place. */
export function parseRestoreReport(text: string): RestoreReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, body: { error: MESSAGES.badJson } };
  }
  if (!isRecord(json)) {
    return {
      ok: false,
      body: { error: RESTORE_LOG_MESSAGES.badBody, errors: [{ path: '', message: `expected an object, got ${describeValue(json)}` }] },
    };
  }
  const errors: Array<{ path: string; message: string }> = [];
  const kind = json.kind;
  if (typeof kind !== 'string' || !(RESTORED_KINDS as readonly string[]).includes(kind)) {
    errors.push({ path: 'kind', message: `expected one of ${RESTORED_KINDS.join(', ')}, got ${describeValue(kind)}` });
  }
  if (json.name !== undefined && typeof json.name !== 'string') {
    errors.push({ path: 'name', message: `expected a string, got ${describeValue(json.name)}` });
  }
  if (errors.length > 0) return { ok: false, body: { error: RESTORE_LOG_MESSAGES.badBody, errors } };
  const name = typeof json.name === 'string' && json.name.trim() !== '' ? parseDisplayName(json.name) : NO_NAME;
  return { ok: true, kind: kind as RestoredKind, name };
}

const bucketsByServer = new WeakMap<AnalysesApiDeps, Map<string, TokenBucket>>();

function takeReport(deps: AnalysesApiDeps, id: string): boolean {
  let buckets = bucketsByServer.get(deps);
  if (!buckets) bucketsByServer.set(deps, (buckets = new Map()));
  let bucket = buckets.get(id);
  if (!bucket) {
    if (buckets.size >= MAX_BUCKETS) buckets.clear();
    bucket = createTokenBucket(RESTORE_REPORT_RATE.perSecond, RESTORE_REPORT_RATE.burst);
    buckets.set(id, bucket);
  }
  return bucket.take();
}

/** `POST /api/analyses/:id/restores`: 204 once the restore is in the access log; a viewer 403. */
export async function reportRestore(req: IncomingMessage, res: ServerResponse, id: string, deps: AnalysesApiDeps): Promise<void> {
  const role = await authorize(deps.storage, id, parseBearer(req.headers.authorization));
  if (role === null) return sendError(res, 401, MESSAGES.unauthorized);
  const text = await readBodyOr413(req, res, deps.maxBodyBytes);
  if (text === null) return;
  if (role === 'viewer') return sendError(res, 403, RESTORE_LOG_MESSAGES.forbidden);
  const report = parseRestoreReport(text);
  if (!report.ok) return sendJson(res, 400, report.body);
  if (!takeReport(deps, id)) {
    res.setHeader('Retry-After', '60');
    return sendError(res, 429, RESTORE_LOG_MESSAGES.tooMany);
  }
  await deps.accessLog.record(id, { name: report.name, role, action: 'restored', detail: report.kind });
  res.statusCode = 204;
  res.end();
}
