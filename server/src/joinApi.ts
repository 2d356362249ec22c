/**
 * Joining by a short code: `POST /api/analyses/:id/codes` (someone holding a link makes a code for the editor or
 * viewer role) and `POST /api/join` (someone who typed the code gets a token of that role). The code travels only in
 * request bodies and the token only in the answer's body, so neither ever shows in a URL or the request log. A
 * redeemed code stores a new token of its role (storage.redeemJoinCode): rotating that role's link ends it too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeValue } from '@samenzicht/shared/schema/errors';
import { buildLink, isRecord, MESSAGES, type AnalysesApiDeps } from './analysesApi.ts';
import { hashToken, newToken, parseBearer, type AccessRole } from './auth.ts';
import { authorize } from './authorize.ts';
import { readBody, sendError, sendJson } from './httpIo.ts';
import { hashJoinCode, newJoinCode, normalizeJoinCode, type JoinGuard } from './joinCodes.ts';
import { createTokenBucket, type TokenBucket } from './rateLimit.ts';
import type { JoinRole } from './storage/storage.ts';

export const JOIN_MESSAGES = {
  wrongCode: 'Deze code klopt niet of is verlopen. Vraag een nieuwe code.',
  tooManyTries: 'Te veel pogingen. Probeer het over een paar minuten opnieuw.',
  badJoinBody: 'Stuur een JSON-object met de code (code).',
  badCodeBody: 'Stuur een JSON-object met de rol (role) van de code: editor of viewer.',
  viewerOnly: 'Met deze link kun je alleen een code maken om mee te kijken (viewer).',
  tooManyCodes: 'Er zijn voor deze analyse veel codes kort na elkaar gemaakt. Wacht even en probeer het dan opnieuw.',
} as const;

/** Live codes per analysis; a new one beyond this replaces the oldest. */
export const MAX_LIVE_CODES_PER_ANALYSIS = 10;
/** People who may join with one code (a room full); after that the code stops working. */
export const MAX_JOINS_PER_CODE = 50;
/** Wrong tries per client address per window, and over all addresses together (joinCodes.ts JoinGuard). */
export const JOIN_TRIES_PER_ADDRESS = 10;
export const JOIN_TRIES_GLOBAL = 100;
export const JOIN_TRIES_WINDOW_MS = 10 * 60_000;
/** Codes made per analysis: a burst of this many, then one a minute. */
const CODES_BURST = 20;
/** The bodies of these routes are tiny. */
const MAX_JOIN_BODY_BYTES = 1024;

export interface JoinApiDeps extends AnalysesApiDeps {
  readonly joinGuard: JoinGuard;
  readonly codeLimit: CodeLimit;
  /** How long a new code works (JOIN_CODE_TTL_MINUTES). */
  readonly joinCodeTtlMs: number;
}

/** Codes made per analysis: a token bucket per analysis id. */
export interface CodeLimit {
  take(analysisId: string): boolean;
}

export function createCodeLimit(now?: () => number): CodeLimit {
  const buckets = new Map<string, TokenBucket>();
  return {
    take(analysisId) {
      let bucket = buckets.get(analysisId);
      if (bucket === undefined) {
        // Ids are checked against storage before this, so the map holds only real analyses; still bounded.
        if (buckets.size >= 10_000) buckets.clear();
        bucket = createTokenBucket(1 / 60, CODES_BURST, now);
        buckets.set(analysisId, bucket);
      }
      return bucket.take();
    },
  };
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly body: Record<string, unknown> };

function parseJsonObject(text: string, error: string): Parsed<Record<string, unknown>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, body: { error: MESSAGES.badJson } };
  }
  return isRecord(json)
    ? { ok: true, value: json }
    : { ok: false, body: { error, errors: [{ path: '', message: `expected an object, got ${describeValue(json)}` }] } };
}

/** Parses the body of `POST …/codes`: `{ "role": "editor" | "viewer" }`. */
export function parseCodeRequest(text: string): Parsed<JoinRole> {
  const json = parseJsonObject(text, JOIN_MESSAGES.badCodeBody);
  if (!json.ok) return json;
  const role = json.value.role;
  if (role === 'editor' || role === 'viewer') return { ok: true, value: role };
  return {
    ok: false,
    body: {
      error: JOIN_MESSAGES.badCodeBody,
      errors: [{ path: 'role', message: `expected "editor" or "viewer", got ${describeValue(role)}` }],
    },
  };
}

/** Parses the body of `POST /api/join`: `{ "code": string }`. */
export function parseJoinRequest(text: string): Parsed<string> {
  const json = parseJsonObject(text, JOIN_MESSAGES.badJoinBody);
  if (!json.ok) return json;
  const code = json.value.code;
  if (typeof code === 'string') return { ok: true, value: code };
  return {
    ok: false,
    body: { error: JOIN_MESSAGES.badJoinBody, errors: [{ path: 'code', message: `expected text, got ${describeValue(code)}` }] },
  };
}

/** Which codes a role may make: anyone for the viewer role, editors and the facilitator also for the editor role. */
export function canMakeCode(holder: AccessRole, role: JoinRole): boolean {
  switch (role) {
    case 'viewer':
      return true;
    case 'editor':
      return holder !== 'viewer';
  }
}

async function readSmallBody(req: IncomingMessage, res: ServerResponse): Promise<string | null> {
  const body = await readBody(req, MAX_JOIN_BODY_BYTES);
  if (body.ok) return body.text;
  if (!body.drained) res.setHeader('Connection', 'close');
  sendError(res, 413, 'De aanvraag is te groot.');
  return null;
}

/** `POST /api/analyses/:id/codes` → `201 { code, role, expiresAt }` */
export async function makeJoinCode(req: IncomingMessage, res: ServerResponse, id: string, deps: JoinApiDeps): Promise<void> {
  const holder = await authorize(deps.storage, id, parseBearer(req.headers.authorization));
  if (holder === null) return sendError(res, 401, MESSAGES.unauthorized);
  const text = await readSmallBody(req, res);
  if (text === null) return;
  const request = parseCodeRequest(text);
  if (!request.ok) return sendJson(res, 400, request.body);
  const role = request.value;
  if (!canMakeCode(holder, role)) return sendError(res, 403, JOIN_MESSAGES.viewerOnly);
  if (!deps.codeLimit.take(id)) {
    res.setHeader('Retry-After', '60');
    return sendError(res, 429, JOIN_MESSAGES.tooManyCodes);
  }
  // A clash with a live code is rare (tens of live codes among ~1.7 · 10¹⁰): draw again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newJoinCode();
    const now = Date.now();
    const expiresAt = now + deps.joinCodeTtlMs;
    const normalized = normalizeJoinCode(code)!;
    const outcome = await deps.storage.addJoinCode(
      { analysisId: id, hash: hashJoinCode(normalized), role, expiresAt },
      now,
      MAX_LIVE_CODES_PER_ANALYSIS,
    );
    if (outcome === 'missing') return sendError(res, 401, MESSAGES.unauthorized);
    if (outcome === 'added') return sendJson(res, 201, { code, role, expiresAt: new Date(expiresAt).toISOString() });
  }
  throw new Error('no free join code after 5 draws');
}

/** `POST /api/join` → `200 { id, role, token, link }`; a wrong or expired code `404`; too many wrong tries `429`. */
export async function joinWithCode(req: IncomingMessage, res: ServerResponse, deps: JoinApiDeps): Promise<void> {
  // Counted before anything is read, and as wrong until it proved right: parallel tries cannot pass the limit.
  const taken = deps.joinGuard.take(req.socket.remoteAddress);
  if (!taken.ok) {
    res.setHeader('Retry-After', String(taken.retryAfterS));
    return sendError(res, 429, JOIN_MESSAGES.tooManyTries);
  }
  const text = await readSmallBody(req, res);
  if (text === null) return;
  const request = parseJoinRequest(text);
  if (!request.ok) return sendJson(res, 400, request.body);
  const normalized = normalizeJoinCode(request.value);
  if (normalized === null) return sendError(res, 404, JOIN_MESSAGES.wrongCode);
  const token = newToken();
  const target = await deps.storage.redeemJoinCode(hashJoinCode(normalized), Date.now(), MAX_JOINS_PER_CODE, hashToken(token));
  if (target === null) return sendError(res, 404, JOIN_MESSAGES.wrongCode);
  deps.joinGuard.succeeded(taken.ticket);
  sendJson(res, 200, { id: target.analysisId, role: target.role, token, link: buildLink(req, deps.publicUrl, target.analysisId, token) });
}
