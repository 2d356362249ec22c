/**
 * Routing of plain HTTP requests (no framework): the analyses API (with session, link rotation and access log),
 * /healthz, and the web app for everything else. Every response carries the security headers; every request is
 * logged as method, path and status only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getAccessLog, getSession, rotateLink } from './accessApi.ts';
import { createAnalysis, deleteAnalysis, getAnalysis } from './analysesApi.ts';
import { exportAnalysis, type ExportFormat } from './exportApi.ts';
import { reportExport } from './exportLogApi.ts';
import { reportRestore } from './restoreLogApi.ts';
import { ClientGoneError, toLoggablePath, readRequestPath, sendError, sendJson } from './httpIo.ts';
import type { Logger } from './log.ts';
import { isHostAllowed, UNKNOWN_HOST_MESSAGE, type HostPolicy } from './hostCheck.ts';
import { joinWithCode, makeJoinCode, type JoinApiDeps } from './joinApi.ts';
import { isOriginAllowed } from './origin.ts';
import { setSecurityHeaders } from './securityHeaders.ts';
import {
  compareVersions,
  deleteVersion,
  getVersion,
  listVersions,
  makeVersion,
  restoreVersion,
  type VersionsApiDeps,
} from './versionsApi.ts';
import type { StaticHandler } from './staticFiles.ts';

export interface HttpDeps extends JoinApiDeps, VersionsApiDeps {
  readonly log: Logger;
  readonly serveStatic: StaticHandler;
  /** The names this server answers to (DNS rebinding). */
  readonly hostPolicy: HostPolicy;
  /** Origins besides the server's own whose pages may write (ALLOWED_ORIGINS and the origin of PUBLIC_URL). */
  readonly allowedOrigins: readonly string[];
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

const ANALYSIS_PATH = /^\/api\/analyses\/([^/]+)$/;
const ANALYSIS_SUB_PATH = /^\/api\/analyses\/([^/]+)\/(session|rotate|log|exports|restores|codes|versions|compare)$/;
const VERSION_PATH = /^\/api\/analyses\/([^/]+)\/versions\/([^/]+)$/;
const RESTORE_PATH = /^\/api\/analyses\/([^/]+)\/versions\/([^/]+)\/restore$/;
const EXPORT_PATH = /^\/api\/analyses\/([^/]+)\/export\.(png|svg|pdf)$/;

export const REQUEST_MESSAGES = {
  foreignOrigin: 'Deze aanvraag komt van een andere website en is geweigerd.',
  notJson: 'Stuur de aanvraag als JSON (Content-Type: application/json).',
} as const;

/**
 * Whether a request that changes something may proceed. A browser sends `Origin` with every such request: a page of
 * another site (a form, or `fetch` with `text/plain`, which needs no CORS preflight) is refused. A browser's request
 * must also be JSON, which another site cannot send without a preflight that this server never grants. Clients
 * without `Origin` (curl, scripts, the stock Node client) are not browsers and may send a body without a type.
 */
function checkWriteRequest(req: IncomingMessage, deps: HttpDeps): { status: number; error: string } | null {
  const origin = req.headers.origin;
  const crossSite = req.headers['sec-fetch-site'] === 'cross-site';
  if (crossSite || !isOriginAllowed(origin, req.headers.host, deps.allowedOrigins))
    return { status: 403, error: REQUEST_MESSAGES.foreignOrigin };
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  if (origin !== undefined && hasBody && type !== 'application/json') return { status: 415, error: REQUEST_MESSAGES.notJson };
  if (type !== '' && type !== 'application/json' && type !== 'text/plain') return { status: 415, error: REQUEST_MESSAGES.notJson };
  return null;
}

function sendNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  sendError(res, 405, 'Deze methode is hier niet toegestaan.');
}

async function route(req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<void> {
  const path = readRequestPath(req.url);
  const method = req.method ?? 'GET';

  if (path === '/healthz') {
    if (method !== 'GET' && method !== 'HEAD') return sendNotAllowed(res, 'GET, HEAD');
    res.setHeader('Cache-Control', 'no-store');
    return sendJson(res, 200, { ok: true });
  }

  if (path === '/api' || path.startsWith('/api/')) {
    // API answers may hold tokens or analysis content: never cache them.
    res.setHeader('Cache-Control', 'no-store');
    if (method !== 'GET' && method !== 'HEAD') {
      const refused = checkWriteRequest(req, deps);
      if (refused) {
        // The body is not read: the connection cannot be reused.
        res.setHeader('Connection', 'close');
        return sendError(res, refused.status, refused.error);
      }
    }
    if (path === '/api/analyses') {
      return method === 'POST' ? createAnalysis(req, res, deps) : sendNotAllowed(res, 'POST');
    }
    if (path === '/api/join') {
      return method === 'POST' ? joinWithCode(req, res, deps) : sendNotAllowed(res, 'POST');
    }
    const match = ANALYSIS_PATH.exec(path);
    if (match) {
      const id = match[1]!;
      if (method === 'GET') return getAnalysis(req, res, id, deps);
      if (method === 'DELETE') return deleteAnalysis(req, res, id, deps);
      return sendNotAllowed(res, 'GET, DELETE');
    }
    const sub = ANALYSIS_SUB_PATH.exec(path);
    if (sub) {
      const id = sub[1]!;
      switch (sub[2]) {
        case 'session':
          return method === 'GET' ? getSession(req, res, id, deps) : sendNotAllowed(res, 'GET');
        case 'rotate':
          return method === 'POST' ? rotateLink(req, res, id, deps) : sendNotAllowed(res, 'POST');
        case 'log':
          return method === 'GET' ? getAccessLog(req, res, id, deps) : sendNotAllowed(res, 'GET');
        case 'exports':
          return method === 'POST' ? reportExport(req, res, id, deps) : sendNotAllowed(res, 'POST');
        case 'restores':
          return method === 'POST' ? reportRestore(req, res, id, deps) : sendNotAllowed(res, 'POST');
        case 'codes':
          return method === 'POST' ? makeJoinCode(req, res, id, deps) : sendNotAllowed(res, 'POST');
        case 'versions':
          if (method === 'GET') return listVersions(req, res, id, deps);
          if (method === 'POST') return makeVersion(req, res, id, deps);
          return sendNotAllowed(res, 'GET, POST');
        case 'compare':
          return method === 'GET' ? compareVersions(req, res, id, deps) : sendNotAllowed(res, 'GET');
      }
    }
    const version = VERSION_PATH.exec(path);
    if (version) {
      const [, id, vid] = version as unknown as [string, string, string];
      if (method === 'GET') return getVersion(req, res, id, vid, deps);
      if (method === 'DELETE') return deleteVersion(req, res, id, vid, deps);
      return sendNotAllowed(res, 'GET, DELETE');
    }
    const restore = RESTORE_PATH.exec(path);
    if (restore) {
      return method === 'POST' ? restoreVersion(req, res, restore[1]!, restore[2]!, deps) : sendNotAllowed(res, 'POST');
    }
    const exp = EXPORT_PATH.exec(path);
    if (exp) {
      return method === 'GET' ? exportAnalysis(req, res, exp[1]!, exp[2] as ExportFormat, deps) : sendNotAllowed(res, 'GET');
    }
    return sendError(res, 404, 'Deze API-route bestaat niet.');
  }

  if (path === '/sync' || path.startsWith('/sync/')) {
    res.setHeader('Upgrade', 'websocket');
    return sendError(res, 426, 'Hier kan alleen een WebSocket-verbinding mee praten.');
  }

  if (method !== 'GET' && method !== 'HEAD') return sendNotAllowed(res, 'GET, HEAD');
  deps.serveStatic(req, res);
}

/** Returns the request handler of the server. */
export function createRequestHandler(deps: HttpDeps): RequestHandler {
  return (req, res) => {
    const started = performance.now();
    setSecurityHeaders(res, deps.publicUrl);
    res.on('finish', () => {
      const ms = Math.round(performance.now() - started);
      deps.log.info(`${req.method ?? '?'} ${toLoggablePath(req.url)} ${res.statusCode} ${ms}ms`);
    });
    if (!isHostAllowed(req.headers.host, deps.hostPolicy)) {
      res.setHeader('Connection', 'close');
      return sendError(res, 421, UNKNOWN_HOST_MESSAGE);
    }
    route(req, res, deps).catch((error: unknown) => {
      if (error instanceof ClientGoneError) {
        // Someone closed a tab or lost the network mid-upload: one line, no stack trace.
        deps.log.info(`${req.method ?? '?'} ${toLoggablePath(req.url)}: the client hung up`);
        res.destroy();
        return;
      }
      deps.log.error(`${req.method ?? '?'} ${toLoggablePath(req.url)} failed`, error);
      if (!res.headersSent) sendError(res, 500, 'Er ging iets mis op de server. Probeer het later opnieuw.');
      else res.destroy();
    });
  };
}
