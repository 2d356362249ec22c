/**
 * The versions routes of CONTRACT.md §4, from the browser. Every answer is checked before use: a version's content
 * is read with the file parser, so a version opens read-only only when it is a valid analysis.
 */
import type { Analysis } from '@samenzicht/shared/model/types';
import { parseAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';

export type VersionsResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number };

/** One row of `GET /api/analyses/:id/versions`; `people` and `loops` only when the server gives them. */
export interface VersionInfo {
  readonly id: string;
  readonly name: string;
  /** ISO-8601. */
  readonly at: string;
  readonly auto: boolean;
  readonly factors: number;
  readonly links: number;
  /** Display names of who was there (optional in the answer). */
  readonly people: readonly string[] | null;
  /** Vicious circles (optional in the answer). */
  readonly loops: number | null;
}

async function call(path: string, token: string, init: RequestInit = {}): Promise<Response | null> {
  try {
    return await fetch(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
  } catch {
    return null;
  }
}

const base = (id: string) => `/api/analyses/${encodeURIComponent(id)}`;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function readStrings(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const names = value
    .map((item: unknown) =>
      typeof item === 'string'
        ? item
        : typeof item === 'object' && item !== null && 'name' in item
          ? (item as { name: unknown }).name
          : null,
    )
    .filter((name): name is string => typeof name === 'string' && name.trim() !== '');
  return [...new Set(names)];
}

/** One version row, or null when it is not one. */
export function parseVersionInfo(value: unknown): VersionInfo | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.name !== 'string' || typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at))) return null;
  // `vicious`: the vicious circles; `loops` counts every feedback loop.
  const loops = v.vicious ?? v.loops;
  return {
    id: v.id,
    name: v.name,
    at: v.at,
    auto: v.auto === true,
    factors: isCount(v.factors) ? v.factors : 0,
    links: isCount(v.links) ? v.links : 0,
    people: readStrings(v.people ?? v.present ?? v.names),
    loops: isCount(loops) ? loops : null,
  };
}

/** The versions of an analysis, newest first. */
export async function listVersions(id: string, token: string): Promise<VersionsResult<VersionInfo[]>> {
  const response = await call(`${base(id)}/versions`, token);
  if (!response?.ok) return { ok: false, status: response?.status ?? 0 };
  const body = (await response.json().catch(() => null)) as { versions?: unknown } | null;
  if (!Array.isArray(body?.versions)) return { ok: false, status: 502 };
  const versions = body.versions.map(parseVersionInfo).filter((v): v is VersionInfo => v !== null);
  return { ok: true, value: versions.sort((a, b) => Date.parse(b.at) - Date.parse(a.at)) };
}

/** Makes a version of the live analysis now (facilitator, editor). */
export async function makeVersion(
  id: string,
  token: string,
  name: string,
  by = '',
): Promise<VersionsResult<{ id: string; name: string; at: string }>> {
  const response = await call(`${base(id)}/versions`, token, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(by ? { name, by } : { name }),
  });
  if (!response || response.status !== 201) return { ok: false, status: response?.status ?? 0 };
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (typeof body?.id !== 'string' || typeof body.at !== 'string') return { ok: false, status: 502 };
  return { ok: true, value: { id: body.id, name: typeof body.name === 'string' ? body.name : name, at: body.at } };
}

/** The analysis as it was in version `vid`. */
export async function fetchVersion(id: string, token: string, vid: string): Promise<VersionsResult<Analysis>> {
  const response = await call(`${base(id)}/versions/${encodeURIComponent(vid)}`, token);
  if (!response?.ok) return { ok: false, status: response?.status ?? 0 };
  const parsed = parseAnalysisFile(await response.json().catch(() => null));
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, status: 502 };
}

/** Makes the live analysis version `vid` for everyone (facilitator); the state before is kept as a version. */
export async function restoreVersion(id: string, token: string, vid: string): Promise<VersionsResult<{ restored: string; saved: string }>> {
  const response = await call(`${base(id)}/versions/${encodeURIComponent(vid)}/restore`, token, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response?.ok) return { ok: false, status: response?.status ?? 0 };
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (typeof body?.restored !== 'string' || typeof body.saved !== 'string') return { ok: false, status: 502 };
  return { ok: true, value: { restored: body.restored, saved: body.saved } };
}

/** Deletes one version (facilitator). */
export async function deleteVersion(id: string, token: string, vid: string): Promise<boolean> {
  const response = await call(`${base(id)}/versions/${encodeURIComponent(vid)}`, token, { method: 'DELETE' });
  return response !== null && (response.status === 204 || response.status === 200);
}
