/**
 * The versions API (CONTRACT.md §4, issue 16): list, make, open, restore and delete versions, and compare two
 * states. Authorized like every route (authorize.ts): a missing or wrong token and an unknown analysis answer the
 * same 401. A version id is looked up only within the analysis of the token, so an id of another analysis answers
 * 404 exactly like one that never existed.
 *
 * | call | who | answer |
 * |---|---|---|
 * | `GET …/versions` | any role | `200 { versions: [ { id, name, at, auto, factors, links, loops, vicious, reason, by, present, actors, bytes } ], bytes }`, newest first |
 * | `POST …/versions` body `{ name?, by? }` | facilitator, editor | `201 { id, name, at }` |
 * | `GET …/versions/:vid` | any role | `200` the analysis file as it was |
 * | `DELETE …/versions/:vid` | facilitator | `204` |
 * | `POST …/versions/:vid/restore` | facilitator | `200 { restored, saved }` |
 * | `GET …/compare?from=&to=[&lang=nl\|en]` | any role | `200 { factors, links, loops, actors, title, loopNames, summary }` |
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Analysis } from '@samenzicht/shared/model/types';
import { describeValue } from '@samenzicht/shared/schema/errors';
import { parseAnalysisText } from '@samenzicht/shared/schema/parseAnalysisFile';
import { compareAnalyses, loopsOfBoth } from '@samenzicht/shared/versions/compare';
import { summarizeChanges } from '@samenzicht/shared/versions/summary';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { NO_NAME, parseDisplayName, UNKNOWN_NAME } from './accessLog.ts';
import { isRecord, MESSAGES, readBodyOr413, type AnalysesApiDeps } from './analysesApi.ts';
import { canManage, canWrite, parseBearer, type AccessRole } from './auth.ts';
import { authorize } from './authorize.ts';
import { sendError, sendJson } from './httpIo.ts';
import type { StoredVersionInfo } from './storage/storage.ts';
import { MAX_VERSION_NAME_LENGTH, VERSION_ID_PATTERN, type Versions } from './versions.ts';

export interface VersionsApiDeps extends AnalysesApiDeps {
  readonly versions: Versions;
}

export const VERSION_MESSAGES = {
  viewerCannotMake: 'Met een kijklink kun je geen versie maken.',
  onlyFacilitator: 'Alleen de gespreksleider mag dit doen.',
  notFound: 'Deze versie bestaat niet (meer).',
  full: 'Deze analyse heeft al het grootste aantal versies. Verwijder eerst een oude versie.',
  badBody: 'Stuur een JSON-object met de naam van de versie (name).',
  badQuery: 'Geef twee versies om te vergelijken: from en to (een versie-id, of current voor nu).',
} as const;

/** The one place that decides who may make a version: everyone who may edit. */
export function canMakeVersion(role: AccessRole): boolean {
  return canWrite(role);
}

/** The one place that decides who may restore or delete a version: the facilitator. */
export function canManageVersions(role: AccessRole): boolean {
  return canManage(role);
}

type MakeBody =
  { readonly ok: true; readonly name: string; readonly by: string } | { readonly ok: false; readonly body: Record<string, unknown> };

const CONTROL = /\p{Cc}/gu;

/** Parses the body of `POST …/versions`: `{ "name"?: string, "by"?: string }` (both optional; `by` a display name). */
export function parseMakeBody(text: string): MakeBody {
  const fail = (path: string, message: string): MakeBody => ({
    ok: false,
    body: { error: VERSION_MESSAGES.badBody, errors: [{ path, message }] },
  });
  let json: unknown = {};
  try {
    if (text.trim() !== '') json = JSON.parse(text);
  } catch {
    return { ok: false, body: { error: MESSAGES.badJson } };
  }
  if (!isRecord(json)) return fail('', `expected an object, got ${describeValue(json)}`);
  const { name, by } = json;
  if (name !== undefined && typeof name !== 'string') return fail('name', `expected a string, got ${describeValue(name)}`);
  const clean = (name ?? '').replace(CONTROL, ' ').trim();
  const length = Array.from(clean).length;
  if (length > MAX_VERSION_NAME_LENGTH) return fail('name', `expected at most ${MAX_VERSION_NAME_LENGTH} characters, got ${length}`);
  if (by !== undefined && typeof by !== 'string') return fail('by', `expected a string, got ${describeValue(by)}`);
  const person = by === undefined ? NO_NAME : parseDisplayName(by);
  return { ok: true, name: clean, by: person === UNKNOWN_NAME ? NO_NAME : person };
}

/** One version as the list answers it. */
export function toVersionBody(info: StoredVersionInfo): Record<string, unknown> {
  return {
    id: info.id,
    name: info.name,
    at: new Date(info.at).toISOString(),
    auto: info.auto,
    factors: info.factors,
    links: info.links,
    loops: info.loops,
    vicious: info.vicious,
    reason: info.reason,
    by: info.by,
    present: info.present,
    actors: info.actors,
    bytes: info.bytes,
  };
}

/** The role of the request's token on the analysis, or null after answering 401 itself. */
async function authorizeOr401(req: IncomingMessage, res: ServerResponse, id: string, deps: AnalysesApiDeps): Promise<AccessRole | null> {
  const role = await authorize(deps.storage, id, parseBearer(req.headers.authorization));
  if (role === null) sendError(res, 401, MESSAGES.unauthorized);
  return role;
}

/** `GET /api/analyses/:id/versions` */
export async function listVersions(req: IncomingMessage, res: ServerResponse, id: string, deps: VersionsApiDeps): Promise<void> {
  const role = await authorizeOr401(req, res, id, deps);
  if (role === null) return;
  const versions = await deps.versions.list(id);
  if (versions === null) return sendError(res, 401, MESSAGES.unauthorized);
  sendJson(res, 200, { versions: versions.map(toVersionBody), bytes: versions.reduce((sum, v) => sum + v.bytes, 0) });
}

/** `POST /api/analyses/:id/versions` (facilitator, editor) */
export async function makeVersion(req: IncomingMessage, res: ServerResponse, id: string, deps: VersionsApiDeps): Promise<void> {
  const role = await authorizeOr401(req, res, id, deps);
  if (role === null) return;
  if (!canMakeVersion(role)) return sendError(res, 403, VERSION_MESSAGES.viewerCannotMake);
  const text = await readBodyOr413(req, res, deps.maxBodyBytes);
  if (text === null) return;
  const body = parseMakeBody(text);
  if (!body.ok) return sendJson(res, 400, body.body);
  const made = await deps.versions.make(id, { name: body.name, reason: 'manual', by: { name: body.by, role } });
  if (made === 'missing') return sendError(res, 401, MESSAGES.unauthorized);
  if (made === 'full') return sendError(res, 409, VERSION_MESSAGES.full);
  sendJson(res, 201, { id: made.id, name: made.name, at: new Date(made.at).toISOString() });
}

/** `GET /api/analyses/:id/versions/:vid` */
export async function getVersion(req: IncomingMessage, res: ServerResponse, id: string, vid: string, deps: VersionsApiDeps): Promise<void> {
  const role = await authorizeOr401(req, res, id, deps);
  if (role === null) return;
  const version = VERSION_ID_PATTERN.test(vid) ? await deps.storage.readVersion(id, vid) : null;
  if (version === null) return sendError(res, 404, VERSION_MESSAGES.notFound);
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(version.file));
  res.end(version.file);
  // The analysis leaves the server as a file, as with GET /api/analyses/:id: an export for the access log. Written
  // after the answer, so opening a version does not wait for a commit; `record` never fails the request.
  await deps.accessLog.logExport(id, role, 'version');
}

/** `DELETE /api/analyses/:id/versions/:vid` (facilitator) */
export async function deleteVersion(
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  vid: string,
  deps: VersionsApiDeps,
): Promise<void> {
  const role = await authorizeOr401(req, res, id, deps);
  if (role === null) return;
  if (!canManageVersions(role)) return sendError(res, 403, VERSION_MESSAGES.onlyFacilitator);
  const deleted = VERSION_ID_PATTERN.test(vid) && (await deps.versions.delete(id, vid, { name: NO_NAME, role }));
  if (!deleted) return sendError(res, 404, VERSION_MESSAGES.notFound);
  res.statusCode = 204;
  res.end();
}

/** `POST /api/analyses/:id/versions/:vid/restore` (facilitator) */
export async function restoreVersion(
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  vid: string,
  deps: VersionsApiDeps,
): Promise<void> {
  const role = await authorizeOr401(req, res, id, deps);
  if (role === null) return;
  if (!canManageVersions(role)) return sendError(res, 403, VERSION_MESSAGES.onlyFacilitator);
  // A body is not needed; one that is sent is read (and ignored) within the limit.
  if ((await readBodyOr413(req, res, deps.maxBodyBytes)) === null) return;
  const outcome = VERSION_ID_PATTERN.test(vid) ? await deps.versions.restore(id, vid, { name: NO_NAME, role }) : null;
  if (outcome === null) return sendError(res, 404, VERSION_MESSAGES.notFound);
  if (outcome === 'missing') return sendError(res, 401, MESSAGES.unauthorized);
  if (outcome === 'full') return sendError(res, 409, VERSION_MESSAGES.full);
  sendJson(res, 200, outcome);
}

type CompareQuery =
  | { readonly ok: true; readonly from: string; readonly to: string; readonly lang: 'nl' | 'en' }
  | { readonly ok: false; readonly body: Record<string, unknown> };

/**
 * Parses the query of `GET …/compare`: `from` and `to` (each a version id or `current`; `to` defaults to `current`)
 * and `lang` (`nl`, the default, or `en`) for the summary. A bad value answers 400 naming the parameter.
 */
export function parseCompareQuery(params: URLSearchParams): CompareQuery {
  const fail = (path: string, message: string): CompareQuery => ({
    ok: false,
    body: { error: VERSION_MESSAGES.badQuery, errors: [{ path, message }] },
  });
  for (const key of ['from', 'to', 'lang']) {
    if (params.getAll(key).length > 1) return fail(key, 'expected one value, got several');
  }
  const side = (key: 'from' | 'to', fallback: string | null): string | CompareQuery => {
    const value = params.get(key) ?? fallback;
    if (value === null) return fail(key, 'expected a version id or current, got nothing');
    if (value !== 'current' && !VERSION_ID_PATTERN.test(value))
      return fail(key, `expected a version id or current, got ${describeValue(value)}`);
    return value;
  };
  const from = side('from', null);
  if (typeof from !== 'string') return from;
  const to = side('to', 'current');
  if (typeof to !== 'string') return to;
  const lang = params.get('lang') ?? 'nl';
  if (lang !== 'nl' && lang !== 'en') return fail('lang', `expected nl or en, got ${describeValue(lang)}`);
  return { ok: true, from, to, lang };
}

/** One side of a comparison: the live analysis, or a version of this analysis (null when there is no such one). */
async function readSide(id: string, side: string, deps: VersionsApiDeps): Promise<Analysis | null> {
  if (side === 'current') return deps.rooms.readDoc(id, readAnalysis);
  const version = await deps.storage.readVersion(id, side);
  if (version === null) return null;
  const parsed = parseAnalysisText(version.file);
  if (!parsed.ok) throw new Error(`version ${side} of analysis ${id} cannot be read: ${parsed.errors[0]?.message ?? ''}`);
  return parsed.value;
}

/** `GET /api/analyses/:id/compare?from=<vid>&to=<vid|current>` */
export async function compareVersions(req: IncomingMessage, res: ServerResponse, id: string, deps: VersionsApiDeps): Promise<void> {
  const role = await authorizeOr401(req, res, id, deps);
  if (role === null) return;
  const query = parseCompareQuery(new URL(req.url ?? '/', 'http://localhost').searchParams);
  if (!query.ok) return sendJson(res, 400, query.body);
  const before = await readSide(id, query.from, deps);
  const after = before === null ? null : await readSide(id, query.to, deps);
  if (before === null || after === null) return sendError(res, 404, VERSION_MESSAGES.notFound);
  const loops = loopsOfBoth(before, after);
  const diff = compareAnalyses(before, after, { loops });
  sendJson(res, 200, { ...diff, summary: summarizeChanges(diff, before, after, query.lang, loops) });
}
