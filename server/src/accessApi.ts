/**
 * Who has access, and who used it: the session of a token, rotating a role's link, and the access log. Rotating
 * replaces the role's token in storage (the old one stops working at once) and closes every open sync connection
 * that presented the old token with 4401.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeValue } from '@samenzicht/shared/schema/errors';
import { readTitle } from '@samenzicht/shared/ydoc/read';
import { LOG_READ_LIMIT, MAX_NAME_LENGTH, NO_NAME } from './accessLog.ts';
import { buildLink, isRecord, MESSAGES, readBodyOr413, type AnalysesApiDeps } from './analysesApi.ts';
import { ACCESS_ROLES, canManage, hashToken, newToken, parseAccessRole, parseBearer, type AccessRole } from './auth.ts';
import {
  ACCESS_ACTIONS,
  parseAccessAction,
  type AccessAction,
  type AccessLogCursor,
  type AccessLogQuery,
  type StoredAccessLogEntry,
} from './storage/storage.ts';
import { authorize } from './authorize.ts';
import { CLOSE_CODES, CLOSE_REASONS } from './closeCodes.ts';
import { sendError, sendJson } from './httpIo.ts';

export const ACCESS_MESSAGES = {
  forbidden: 'Alleen de gespreksleider mag dit doen.',
  badRotateBody: 'Stuur een JSON-object met de rol (role) waarvan de link vervangen moet worden: facilitator, editor of viewer.',
} as const;

/** The 400 sentences of `GET …/log`, one per query parameter. */
export const LOG_QUERY_MESSAGES = {
  repeated: (name: string) => `De parameter ${name} staat er meer dan één keer in. Geef hem één keer.`,
  limit: `De parameter limit moet een heel getal zijn van 1 tot en met ${LOG_READ_LIMIT}.`,
  before: 'De parameter before is geen plek in het logboek. Gebruik de waarde van next uit het vorige antwoord.',
  action: `De parameter action kent alleen ${ACCESS_ACTIONS.join(', ')}, gescheiden door komma's.`,
  role: `De parameter role kent alleen ${ACCESS_ROLES.join(', ')}, gescheiden door komma's.`,
  name: `De parameter name mag hoogstens ${MAX_NAME_LENGTH} tekens lang zijn.`,
} as const;

type LogQueryRequest =
  | { readonly ok: true; readonly query: AccessLogQuery }
  | { readonly ok: false; readonly body: { error: string; errors: Array<{ path: string; message: string }> } };

const CURSOR = /^(\d{1,16})-(\d{1,16})$/;

/** The `next` of a page, as the client hands it back in `before`. */
export function formatLogCursor(cursor: AccessLogCursor): string {
  return `${cursor.at}-${cursor.id}`;
}

function parseLogCursor(text: string): AccessLogCursor | null {
  const match = CURSOR.exec(text);
  if (!match) return null;
  const at = Number(match[1]);
  const id = Number(match[2]);
  return Number.isSafeInteger(at) && Number.isSafeInteger(id) ? { at, id } : null;
}

/** A comma-separated list of known values, each once; null when any is unknown or the list is empty. */
function parseList<T>(text: string, parse: (value: string) => T | null): T[] | null {
  const values: T[] = [];
  for (const part of text.split(',')) {
    const value = parse(part.trim());
    if (value === null) return null;
    if (!values.includes(value)) values.push(value);
  }
  return values;
}

/**
 * Parses the query of `GET /api/analyses/:id/log`: `before` (a cursor), `limit` (1..500, default 500), `action` and
 * `role` (comma-separated lists), `name` (part of a name, ignoring case). Unknown parameters are ignored; a bad value
 * answers 400 with a sentence that names the parameter.
 */
export function parseLogQuery(params: URLSearchParams): LogQueryRequest {
  const fail = (path: string, error: string, message: string): LogQueryRequest => ({
    ok: false,
    body: { error, errors: [{ path, message }] },
  });
  for (const key of ['before', 'limit', 'action', 'role', 'name']) {
    if (params.getAll(key).length > 1) return fail(key, LOG_QUERY_MESSAGES.repeated(key), 'expected one value, got several');
  }
  const got = (key: string) => describeValue(params.get(key));

  let limit = LOG_READ_LIMIT;
  const limitText = params.get('limit');
  if (limitText !== null) {
    limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : 0;
    if (limit < 1 || limit > LOG_READ_LIMIT)
      return fail('limit', LOG_QUERY_MESSAGES.limit, `expected an integer from 1 to ${LOG_READ_LIMIT}, got ${got('limit')}`);
  }
  const beforeText = params.get('before');
  const before = beforeText === null ? null : parseLogCursor(beforeText);
  if (beforeText !== null && before === null)
    return fail('before', LOG_QUERY_MESSAGES.before, `expected the next of a page, got ${got('before')}`);
  const actionText = params.get('action');
  const actions = actionText === null ? null : parseList<AccessAction>(actionText, parseAccessAction);
  if (actionText !== null && actions === null) {
    return fail('action', LOG_QUERY_MESSAGES.action, `expected one or more of ${ACCESS_ACTIONS.join(', ')}, got ${got('action')}`);
  }
  const roleText = params.get('role');
  const roles = roleText === null ? null : parseList<AccessRole>(roleText, parseAccessRole);
  if (roleText !== null && roles === null) {
    return fail('role', LOG_QUERY_MESSAGES.role, `expected one or more of ${ACCESS_ROLES.join(', ')}, got ${got('role')}`);
  }
  const nameText = params.get('name');
  const name = nameText === null || nameText.trim() === '' ? null : nameText.trim();
  if (name !== null && Array.from(name).length > MAX_NAME_LENGTH) {
    return fail('name', LOG_QUERY_MESSAGES.name, `expected at most ${MAX_NAME_LENGTH} characters, got ${Array.from(name).length}`);
  }
  return { ok: true, query: { limit, before, actions, roles, name } };
}

/** One entry as the API answers it: `count` always, `last` only when several events were folded into it. */
function toLogEntryBody(entry: StoredAccessLogEntry): Record<string, unknown> {
  return {
    id: String(entry.id),
    at: new Date(entry.at).toISOString(),
    name: entry.name,
    role: entry.role,
    action: entry.action,
    ...(entry.detail === null ? {} : { detail: entry.detail }),
    count: entry.count,
    ...(entry.count > 1 ? { last: new Date(entry.lastAt).toISOString() } : {}),
  };
}

type RotateRequest = { readonly ok: true; readonly role: AccessRole } | { readonly ok: false; readonly body: Record<string, unknown> };

/** Parses the body of `POST /api/analyses/:id/rotate`: `{ "role": "facilitator" | "editor" | "viewer" }`. */
export function parseRotateRequest(text: string): RotateRequest {
  let json: unknown = {};
  try {
    if (text.trim() !== '') json = JSON.parse(text);
  } catch {
    return { ok: false, body: { error: MESSAGES.badJson } };
  }
  const value = isRecord(json) ? json.role : undefined;
  const role = parseAccessRole(value);
  if (role === null) {
    const got = describeValue(isRecord(json) ? value : json);
    return {
      ok: false,
      body: {
        error: ACCESS_MESSAGES.badRotateBody,
        errors: [{ path: 'role', message: `expected one of ${ACCESS_ROLES.join(', ')}, got ${got}` }],
      },
    };
  }
  return { ok: true, role };
}

/** The role of the request's bearer token, or null after answering 401 itself. */
async function authorizeOr401(req: IncomingMessage, res: ServerResponse, id: string, deps: AnalysesApiDeps): Promise<AccessRole | null> {
  const role = await authorize(deps.storage, id, parseBearer(req.headers.authorization));
  if (role === null) sendError(res, 401, MESSAGES.unauthorized);
  return role;
}

/**
 * `GET /api/analyses/:id/session`: `{ id, role, title }` for any valid token, and `deleteAt` (ISO-8601) in the last
 * 14 days before RETENTION_DAYS deletes the analysis for lack of activity (retention.ts). Reading the session is not
 * activity.
 */
export async function getSession(req: IncomingMessage, res: ServerResponse, id: string, deps: AnalysesApiDeps): Promise<void> {
  const role = await authorizeOr401(req, res, id, deps);
  if (role === null) return;
  const title = await deps.rooms.readDoc(id, readTitle);
  if (title === null) return sendError(res, 401, MESSAGES.unauthorized);
  const deleteAt = (await deps.retention?.deleteAt(id)) ?? null;
  sendJson(res, 200, { id, role, title, ...(deleteAt === null ? {} : { deleteAt: new Date(deleteAt).toISOString() }) });
}

/** `POST /api/analyses/:id/rotate` (facilitator): `{ role, token, link }`. */
export async function rotateLink(req: IncomingMessage, res: ServerResponse, id: string, deps: AnalysesApiDeps): Promise<void> {
  const role = await authorizeOr401(req, res, id, deps);
  if (role === null) return;
  if (!canManage(role)) return sendError(res, 403, ACCESS_MESSAGES.forbidden);
  const text = await readBodyOr413(req, res, deps.maxBodyBytes);
  if (text === null) return;
  const request = parseRotateRequest(text);
  if (!request.ok) return sendJson(res, 400, request.body);

  const token = newToken();
  const replaced = await deps.storage.rotateToken(id, request.role, hashToken(token));
  // Deleted between the check and now: answered like any unknown analysis.
  if (replaced === null) return sendError(res, 401, MESSAGES.unauthorized);
  deps.connections.closeByToken(id, replaced, CLOSE_CODES.unauthorized, CLOSE_REASONS.unauthorized);
  await deps.accessLog.record(id, { name: NO_NAME, role, action: 'rotated', detail: request.role });
  sendJson(res, 200, { role: request.role, token, link: buildLink(req, deps.publicUrl, id, token) });
}

/**
 * `GET /api/analyses/:id/log` (facilitator): `{ entries, next }`, newest first, at most `limit` (500) entries; `next`
 * is the `before` of the next page, or null at the oldest entry.
 */
export async function getAccessLog(req: IncomingMessage, res: ServerResponse, id: string, deps: AnalysesApiDeps): Promise<void> {
  const role = await authorizeOr401(req, res, id, deps);
  if (role === null) return;
  if (!canManage(role)) return sendError(res, 403, ACCESS_MESSAGES.forbidden);
  const request = parseLogQuery(new URL(req.url ?? '/', 'http://localhost').searchParams);
  if (!request.ok) return sendJson(res, 400, request.body);
  const page = await deps.accessLog.read(id, request.query);
  sendJson(res, 200, { entries: page.entries.map(toLogEntryBody), next: page.next === null ? null : formatLogCursor(page.next) });
}
