/**
 * Who has access, and who used it: the session of a token, rotating a role's link, and the access log. Rotating
 * replaces the role's token in storage (the old one stops working at once) and closes every open sync connection
 * that presented the old token with 4401.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeValue } from '../../shared/src/schema/errors.ts';
import { readTitle } from '../../shared/src/ydoc/read.ts';
import { NO_NAME } from './accessLog.ts';
import { buildLink, isRecord, MESSAGES, readBodyOr413, type AnalysesApiDeps } from './analysesApi.ts';
import { ACCESS_ROLES, canManage, hashToken, newToken, parseAccessRole, parseBearer, type AccessRole } from './auth.ts';
import { authorize } from './authorize.ts';
import { CLOSE_CODES, CLOSE_REASONS } from './closeCodes.ts';
import { sendError, sendJson } from './httpIo.ts';

export const ACCESS_MESSAGES = {
  forbidden: 'Alleen de gespreksleider mag dit doen.',
  badRotateBody: 'Stuur een JSON-object met de rol (role) waarvan de link vervangen moet worden: facilitator, editor of viewer.',
} as const;

type RotateRequest =
  | { readonly ok: true; readonly role: AccessRole }
  | { readonly ok: false; readonly body: Record<string, unknown> };

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

/** `GET /api/analyses/:id/session`: `{ id, role, title }` for any valid token. */
export async function getSession(req: IncomingMessage, res: ServerResponse, id: string, deps: AnalysesApiDeps): Promise<void> {
  const role = await authorizeOr401(req, res, id, deps);
  if (role === null) return;
  const title = await deps.rooms.readDoc(id, readTitle);
  if (title === null) return sendError(res, 401, MESSAGES.unauthorized);
  sendJson(res, 200, { id, role, title });
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

/** `GET /api/analyses/:id/log` (facilitator): `{ entries }`, newest first, at most LOG_READ_LIMIT. */
export async function getAccessLog(req: IncomingMessage, res: ServerResponse, id: string, deps: AnalysesApiDeps): Promise<void> {
  const role = await authorizeOr401(req, res, id, deps);
  if (role === null) return;
  if (!canManage(role)) return sendError(res, 403, ACCESS_MESSAGES.forbidden);
  const entries = await deps.accessLog.read(id);
  sendJson(res, 200, {
    entries: entries.map((entry) => ({
      at: new Date(entry.at).toISOString(),
      name: entry.name,
      role: entry.role,
      action: entry.action,
      ...(entry.detail === null ? {} : { detail: entry.detail }),
    })),
  });
}
