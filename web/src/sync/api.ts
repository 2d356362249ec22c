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
  readonly at: string;
  readonly name: string;
  readonly role: string;
  readonly action: string;
  readonly detail?: string;
}

/** Reads the access log (facilitator only). */
export async function fetchLog(id: string, token: string): Promise<ApiResult<LogEntry[]>> {
  const response = await call(`/api/analyses/${encodeURIComponent(id)}/log`, token);
  if (!response?.ok) return { ok: false, status: response?.status ?? 0 };
  const body = (await response.json().catch(() => null)) as { entries?: unknown } | null;
  if (!Array.isArray(body?.entries)) return { ok: false, status: 502 };
  const entries = body.entries.filter(
    (e): e is LogEntry =>
      typeof e === 'object' && e !== null && typeof e.at === 'string' && typeof e.name === 'string' && typeof e.action === 'string',
  );
  return { ok: true, value: entries };
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

/** Deletes the analysis for good (facilitator only). */
export async function deleteAnalysis(id: string, token: string): Promise<boolean> {
  const response = await call(`/api/analyses/${encodeURIComponent(id)}`, token, { method: 'DELETE' });
  return response?.status === 204;
}

/** Replaces one link in the remembered set. */
export function withLink(links: AnalysisLinks, role: AccessRole, link: string): AnalysisLinks {
  return { ...links, [role]: link };
}
