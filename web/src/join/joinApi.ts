/** The two calls of joining by a short code; every answer is checked before use. */
import type { AccessRole } from '../sync/links.ts';

export type CodeRole = Exclude<AccessRole, 'facilitator'>;

export interface JoinCode {
  readonly code: string;
  readonly role: CodeRole;
  /** Milliseconds since 1970. */
  readonly expiresAt: number;
}

export type MakeCodeResult = { ok: true; value: JoinCode } | { ok: false; status: number };

/** Asks the server for a new short code that leads to `role` (`POST /api/analyses/:id/codes`). */
export async function makeJoinCode(id: string, token: string, role: CodeRole): Promise<MakeCodeResult> {
  let response: Response;
  try {
    response = await fetch(`/api/analyses/${encodeURIComponent(id)}/codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ role }),
    });
  } catch {
    return { ok: false, status: 0 };
  }
  if (response.status !== 201) return { ok: false, status: response.status };
  const body = (await response.json().catch(() => null)) as { code?: unknown; role?: unknown; expiresAt?: unknown } | null;
  const expiresAt = typeof body?.expiresAt === 'string' ? Date.parse(body.expiresAt) : NaN;
  if (typeof body?.code !== 'string' || body.role !== role || !Number.isFinite(expiresAt)) return { ok: false, status: 502 };
  return { ok: true, value: { code: body.code, role, expiresAt } };
}

/** Where a code leads: the analysis and a token of the code's role (never shown; it goes in the link's fragment). */
export interface JoinTarget {
  readonly id: string;
  readonly token: string;
}

export type JoinResult =
  | { ok: true; value: JoinTarget }
  /** `wrong`: no such code, or expired; `tooMany`: too many tries from here; `failed`: the network or the server. */
  | { ok: false; reason: 'wrong' | 'tooMany' | 'failed' };

/** Trades a typed code for a way in (`POST /api/join`); the code and the token travel only in bodies. */
export async function joinWithCode(code: string): Promise<JoinResult> {
  let response: Response;
  try {
    response = await fetch('/api/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
  } catch {
    return { ok: false, reason: 'failed' };
  }
  if (response.status === 404 || response.status === 400) return { ok: false, reason: 'wrong' };
  if (response.status === 429) return { ok: false, reason: 'tooMany' };
  if (response.status !== 200) return { ok: false, reason: 'failed' };
  const body = (await response.json().catch(() => null)) as { id?: unknown; token?: unknown } | null;
  if (typeof body?.id !== 'string' || typeof body.token !== 'string' || !/^[A-Za-z0-9_-]{16,128}$/.test(body.token)) {
    return { ok: false, reason: 'failed' };
  }
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(body.id)) return { ok: false, reason: 'failed' };
  return { ok: true, value: { id: body.id, token: body.token } };
}

/** The address of an analysis opened by a code: the token in the fragment, which the browser never sends. */
export function codeJoinPath(target: JoinTarget): string {
  return `/a/${encodeURIComponent(target.id)}?via=code#${target.token}`;
}
