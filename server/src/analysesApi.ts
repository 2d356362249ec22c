/** The analyses API of CONTRACT.md §2: create, read and delete an analysis. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { parseAnalysisFile, toAnalysisFile, FILE_LIMITS } from '@samenzicht/shared/schema/parseAnalysisFile';
import type { Analysis } from '@samenzicht/shared/model/types';
import type { Issue } from '@samenzicht/shared/schema/errors';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { replaceAnalysis, setTitle } from '@samenzicht/shared/ydoc/commands';
import { NO_NAME, type AccessLog } from './accessLog.ts';
import { canDelete, hashToken, newAnalysisId, newTokenSet, parseBearer, type AccessRole } from './auth.ts';
import { authorize } from './authorize.ts';
import { CLOSE_CODES, CLOSE_REASONS } from './closeCodes.ts';
import type { ConnectionRegistry } from './connections.ts';
import type { ExportLimiter } from './export/exportLimiter.ts';
import { clientKey } from './export/clientAddress.ts';
import type { CreateOutcome } from './export/jobs.ts';
import { JobTimeoutError, type WorkPool } from './export/workPool.ts';
import { readBody, sendError, sendJson } from './httpIo.ts';
import { createTokenBucket, type TokenBucket } from './rateLimit.ts';
import type { RoomManager } from './rooms.ts';
import type { Retention } from './retention.ts';
import type { Storage } from './storage/storage.ts';

export const MESSAGES = {
  badJson: 'De aanvraag is geen geldige JSON.',
  badBody: 'Stuur een JSON-object met een titel (title) en/of een analyse (content).',
  badContent: 'Dit is geen geldige Samenzicht-analyse. Controleer de genoemde plaatsen in het bestand.',
  unauthorized: 'Geen toegang: deze link klopt niet of de analyse bestaat niet meer.',
  forbidden: 'Alleen de gespreksleider mag de analyse verwijderen.',
  tooManyCreates: 'Er zijn vanaf dit adres veel analyses kort na elkaar aangemaakt. Wacht even en probeer het dan opnieuw.',
  createTooSlow: 'Het verwerken van dit bestand duurde te lang. Probeer het later opnieuw, of met een kleinere analyse.',
} as const;

/** The 413 sentence, naming the limit (MAX_BODY_BYTES). */
export function describeTooLarge(limitBytes: number): string {
  const size = limitBytes >= 1024 * 1024 ? `${Math.floor(limitBytes / (1024 * 1024))} MB` : `${Math.floor(limitBytes / 1024)} kB`;
  return `De aanvraag is te groot (maximaal ${size}).`;
}

/** Origin of the server's own writes to a fresh document. */
const SERVER_ORIGIN = 'server';

export interface AnalysesApiDeps {
  readonly storage: Storage;
  readonly rooms: RoomManager;
  readonly accessLog: AccessLog;
  readonly connections: ConnectionRegistry;
  readonly publicUrl: string | null;
  readonly maxBodyBytes: number;
  /** Work of a request that can take more than a few ms (exports, large imports), off the event loop. */
  readonly workPool: WorkPool;
  /** Exports at once, waiting, and per client address. */
  readonly exportLimiter: ExportLimiter;
  /** `POST /api/analyses` per client address (MAX_CREATES_PER_MINUTE). */
  readonly createRate: CreateRateLimit;
  /** RETENTION_DAYS: when an analysis without activity will be deleted (`deleteAt` of the session); absent: never. */
  readonly retention?: Retention;
}

/** Creates per client address: a token bucket per address, refilled at `perMinute` a minute, as large as that. */
export interface CreateRateLimit {
  /** Takes one create for the client at `remoteAddress`; false when it is over its rate. */
  take(remoteAddress: string | undefined): boolean;
  /** Seconds until the next create is allowed after a refusal (for Retry-After). */
  readonly retryAfterS: number;
}

/** Buckets kept at most; beyond that, buckets that have refilled completely are forgotten (they are as new). */
const MAX_CREATE_BUCKETS = 10_000;

export function createCreateRateLimit(perMinute: number, now: () => number = performance.now.bind(performance)): CreateRateLimit {
  const buckets = new Map<string, { bucket: TokenBucket; lastMs: number }>();
  const refillMs = 60_000; // a burst of `perMinute` refills in a minute
  return {
    retryAfterS: Math.max(1, Math.ceil(60 / perMinute)),
    take(remoteAddress) {
      const key = clientKey(remoteAddress);
      const time = now();
      let entry = buckets.get(key);
      if (!entry) {
        if (buckets.size >= MAX_CREATE_BUCKETS) {
          for (const [other, { lastMs }] of buckets) if (time - lastMs >= refillMs) buckets.delete(other);
          // Still full (very many addresses within a minute): start over rather than grow without end.
          if (buckets.size >= MAX_CREATE_BUCKETS) buckets.clear();
        }
        entry = { bucket: createTokenBucket(perMinute / 60, perMinute, now), lastMs: time };
        buckets.set(key, entry);
      }
      entry.lastMs = time;
      return entry.bucket.take();
    },
  };
}

type CreateRequest =
  | { readonly ok: true; readonly analysis: Analysis | null; readonly title: string }
  | { readonly ok: false; readonly status: number; readonly body: Record<string, unknown> };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the body of `POST /api/analyses` (empty means `{}`). */
export function parseCreateRequest(text: string): CreateRequest {
  let json: unknown = {};
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, status: 400, body: { error: MESSAGES.badJson } };
    }
  }
  if (!isRecord(json)) return { ok: false, status: 400, body: { error: MESSAGES.badBody } };
  const errors: Issue[] = [];
  const { title, content } = json;
  if (title !== undefined && typeof title !== 'string') errors.push({ path: 'title', message: 'expected text' });
  if (typeof title === 'string' && title.length > FILE_LIMITS.titleLength) {
    errors.push({ path: 'title', message: `text is longer than ${FILE_LIMITS.titleLength} characters` });
  }
  let analysis: Analysis | null = null;
  if (content !== undefined) {
    const parsed = parseAnalysisFile(content);
    if (parsed.ok) analysis = parsed.value;
    else errors.push(...parsed.errors);
  }
  if (errors.length > 0) return { ok: false, status: 400, body: { error: MESSAGES.badContent, errors } };
  return { ok: true, analysis, title: typeof title === 'string' ? title : (analysis?.title ?? '') };
}

function mapRoles<T>(value: (role: AccessRole) => T): Record<AccessRole, T> {
  return { facilitator: value('facilitator'), editor: value('editor'), viewer: value('viewer') };
}

/** The first state of a new analysis as one Yjs update. */
export function encodeInitialState(analysis: Analysis | null, title: string): Uint8Array {
  const doc = new Y.Doc();
  try {
    if (analysis) replaceAnalysis(doc, SERVER_ORIGIN, { ...analysis, title });
    else setTitle(doc, SERVER_ORIGIN, title);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** The base URL of links: PUBLIC_URL, else what the client used to reach us (if it looks like a host name). */
function readLinkBase(req: IncomingMessage, publicUrl: string | null): string {
  if (publicUrl) return publicUrl;
  const host = req.headers.host;
  if (host && /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)) return `http://${host}`;
  return `http://${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? ''}`;
}

/**
 * The link a person opens: `<base>/a/<id>#<token>`. The token goes in the fragment: browsers never send a fragment
 * to the server, so it stays out of access logs.
 */
export function buildLink(req: IncomingMessage, publicUrl: string | null, id: string, token: string): string {
  return `${readLinkBase(req, publicUrl)}/a/${id}#${token}`;
}

/**
 * Parses the body of `POST /api/analyses` and builds the first state of the analysis. For a large file (thousands
 * of factors) this takes hundreds of ms, so a large body is handled on the worker pool (poolWorker.ts).
 */
export function prepareCreate(text: string): CreateOutcome {
  const request = parseCreateRequest(text);
  if (!request.ok) return request;
  return { ok: true, update: encodeInitialState(request.analysis, request.title) };
}

/** Bodies longer than this (characters) are parsed on the worker pool; a small one is quicker here. */
const POOL_BODY_CHARS = 64 * 1024;

/** Reads the body within MAX_BODY_BYTES; answers 413 itself and returns null when it is bigger. */
export async function readBodyOr413(req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<string | null> {
  const body = await readBody(req, maxBodyBytes);
  if (body.ok) return body.text;
  // Not drained (far too large): the rest is not read, so the connection cannot be reused.
  if (!body.drained) res.setHeader('Connection', 'close');
  sendError(res, 413, describeTooLarge(maxBodyBytes));
  return null;
}

/** `POST /api/analyses` */
export async function createAnalysis(req: IncomingMessage, res: ServerResponse, deps: AnalysesApiDeps): Promise<void> {
  // Counted before the body is read: a refused request costs nothing to parse.
  if (!deps.createRate.take(req.socket.remoteAddress)) {
    res.setHeader('Retry-After', String(deps.createRate.retryAfterS));
    return sendError(res, 429, MESSAGES.tooManyCreates);
  }
  const text = await readBodyOr413(req, res, deps.maxBodyBytes);
  if (text === null) return;
  let request: CreateOutcome;
  try {
    request = text.length > POOL_BODY_CHARS ? await deps.workPool.run({ kind: 'create', text }) : prepareCreate(text);
  } catch (error) {
    if (!(error instanceof JobTimeoutError)) throw error;
    return sendError(res, 503, MESSAGES.createTooSlow);
  }
  if (!request.ok) return sendJson(res, request.status, request.body);

  const id = newAnalysisId();
  const tokens = newTokenSet();
  const hashes = mapRoles((role) => hashToken(tokens[role]));
  await deps.storage.createAnalysis(id, hashes, request.update);
  await deps.accessLog.record(id, { name: NO_NAME, role: 'facilitator', action: 'created' });

  const links = mapRoles((role) => buildLink(req, deps.publicUrl, id, tokens[role]));
  sendJson(res, 201, { id, links, tokens });
}

/** `GET /api/analyses/:id` */
export async function getAnalysis(req: IncomingMessage, res: ServerResponse, id: string, deps: AnalysesApiDeps): Promise<void> {
  const role = await authorize(deps.storage, id, parseBearer(req.headers.authorization));
  if (role === null) return sendError(res, 401, MESSAGES.unauthorized);
  const file = await deps.rooms.readDoc(id, (doc) => toAnalysisFile(readAnalysis(doc)));
  if (file === null) return sendError(res, 401, MESSAGES.unauthorized);
  // The whole analysis leaves the server here, as a file: that is an export for the access log.
  await deps.accessLog.logExport(id, role, 'json');
  sendJson(res, 200, file);
}

/** `DELETE /api/analyses/:id` */
export async function deleteAnalysis(req: IncomingMessage, res: ServerResponse, id: string, deps: AnalysesApiDeps): Promise<void> {
  const role = await authorize(deps.storage, id, parseBearer(req.headers.authorization));
  if (role === null) return sendError(res, 401, MESSAGES.unauthorized);
  if (!canDelete(role)) return sendError(res, 403, MESSAGES.forbidden);
  await deps.rooms.delete(id, CLOSE_CODES.deleted, CLOSE_REASONS.deleted);
  res.statusCode = 204;
  res.end();
}
