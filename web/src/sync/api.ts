/** Calls to Samenzicht's HTTP API; every answer is checked before use. */
import type { AccessRole, AnalysisLinks } from './links.ts';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number };

function isRole(value: unknown): value is AccessRole {
  return value === 'facilitator' || value === 'editor' || value === 'viewer';
}

async function call(path: string, token: string, init: RequestInit = {}): Promise<Response | null> {
  try {
    return await fetch(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
  } catch {
    return null;
  }
}

/** Asks the server which role this token has in this analysis. */
export async function fetchRole(id: string, token: string): Promise<{ ok: true; role: AccessRole } | { ok: false; status: number }> {
  const response = await call(`/api/analyses/${encodeURIComponent(id)}/session`, token);
  if (!response) return { ok: false, status: 0 };
  if (!response.ok) return { ok: false, status: response.status };
  const body = (await response.json().catch(() => null)) as { role?: unknown } | null;
  return isRole(body?.role) ? { ok: true, role: body.role } : { ok: false, status: 502 };
}

/** Makes a new link for one role; the old one stops working. */
export async function rotateLink(id: string, token: string, role: AccessRole): Promise<ApiResult<{ token: string; link: string }>> {
  const response = await call(`/api/analyses/${encodeURIComponent(id)}/rotate`, token, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  if (!response?.ok) return { ok: false, status: response?.status ?? 0 };
  const body = (await response.json().catch(() => null)) as { token?: unknown; link?: unknown } | null;
  if (typeof body?.token !== 'string' || typeof body.link !== 'string') return { ok: false, status: 502 };
  return { ok: true, value: { token: body.token, link: body.link } };
}

export interface LogEntry {
  readonly id: string;
  readonly at: string;
  readonly name: string;
  readonly role: string;
  readonly action: string;
  readonly detail?: string;
  /** How many identical events this entry stands for (≥ 1). */
  readonly count: number;
  /** When the latest of them happened, when there were several. */
  readonly last?: string;
}

/** One page of the access log; `next` is where the older entries go on, null at the oldest. */
export interface LogPage {
  readonly entries: LogEntry[];
  readonly next: string | null;
}

/** Which part of the access log to read (see `GET /api/analyses/:id/log` in the README). */
export interface LogQuery {
  readonly before?: string | null;
  readonly limit?: number;
  /** One action, e.g. `opened`; all when absent. */
  readonly action?: string | null;
  /** Part of a name, any case. */
  readonly name?: string | null;
}

function parseLogEntry(value: unknown, index: number): LogEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  if (typeof e.at !== 'string' || typeof e.name !== 'string' || typeof e.action !== 'string' || typeof e.role !== 'string') return null;
  return {
    // An older server sent no id: the place on the page keeps rows apart then.
    id: typeof e.id === 'string' ? e.id : `#${index}`,
    at: e.at,
    name: e.name,
    role: e.role,
    action: e.action,
    ...(typeof e.detail === 'string' ? { detail: e.detail } : {}),
    count: typeof e.count === 'number' && e.count >= 1 ? e.count : 1,
    ...(typeof e.last === 'string' ? { last: e.last } : {}),
  };
}

/** Reads a page of the access log, newest first (facilitator only). */
export async function fetchLog(id: string, token: string, query: LogQuery = {}): Promise<ApiResult<LogPage>> {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.before) params.set('before', query.before);
  if (query.action) params.set('action', query.action);
  if (query.name?.trim()) params.set('name', query.name.trim());
  const search = params.toString();
  const response = await call(`/api/analyses/${encodeURIComponent(id)}/log${search ? `?${search}` : ''}`, token);
  if (!response?.ok) return { ok: false, status: response?.status ?? 0 };
  const body = (await response.json().catch(() => null)) as { entries?: unknown; next?: unknown } | null;
  if (!Array.isArray(body?.entries)) return { ok: false, status: 502 };
  const entries = body.entries.map(parseLogEntry).filter((e): e is LogEntry => e !== null);
  return { ok: true, value: { entries, next: typeof body.next === 'string' ? body.next : null } };
}

/** What an export made in the browser is logged as (`json`: the analysis file). */
export type ReportedExportFormat = 'png' | 'svg' | 'pdf' | 'json';

/** Waits before the 2nd and 3rd attempt to report an export: a server that restarts is back within seconds. */
export const REPORT_RETRY_MS = [2_000, 8_000] as const;

/**
 * Tells the server about an export made in the browser, for the access log. Retried after a network failure, a
 * 5xx or a 429 (REPORT_RETRY_MS); an answer that will not change (401, 400) is not. Resolves true once logged.
 */
export async function reportExport(
  id: string,
  token: string,
  format: ReportedExportFormat,
  name: string | null,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((done) => setTimeout(done, ms)),
): Promise<boolean> {
  const body = JSON.stringify(name ? { format, name } : { format });
  for (let attempt = 0; ; attempt++) {
    const response = await call(`/api/analyses/${encodeURIComponent(id)}/exports`, token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      keepalive: true,
    });
    if (response?.status === 204) return true;
    const retry = response === null || response.status >= 500 || response.status === 429;
    if (!retry || attempt >= REPORT_RETRY_MS.length) return false;
    await wait(REPORT_RETRY_MS[attempt]!);
  }
}

/**
 * Tells the server that this person brought a factor or link back from the Prullenbak, for the access log. One try:
 * the restore itself is in the document already, the log entry is a courtesy the server cannot make on its own.
 */
export async function reportRestore(id: string, token: string, kind: 'factor' | 'link', name: string): Promise<boolean> {
  const response = await call(`/api/analyses/${encodeURIComponent(id)}/restores`, token, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(name ? { kind, name } : { kind }),
    keepalive: true,
  });
  return response?.status === 204;
}

/** Deletes the analysis for good (facilitator only). */
export async function deleteAnalysis(id: string, token: string): Promise<boolean> {
  const response = await call(`/api/analyses/${encodeURIComponent(id)}`, token, { method: 'DELETE' });
  return response?.status === 204;
}

/** Replaces one link in the remembered set. */
export function withLink(links: AnalysisLinks, role: AccessRole, link: string): AnalysisLinks {
  return { ...links, [role]: link };
}
