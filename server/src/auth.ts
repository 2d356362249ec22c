/**
 * Capability tokens: each analysis has one secret token per access role. Only SHA-256 hashes are stored, so a
 * leaked database does not leak working links. Tokens are never logged.
 */
import { createHash, randomBytes } from 'node:crypto';

export const ACCESS_ROLES = ['facilitator', 'editor', 'viewer'] as const;
/** What a token lets its holder do (not to be confused with an actor's `Role` in the model). */
export type AccessRole = (typeof ACCESS_ROLES)[number];

export type TokenSet = Readonly<Record<AccessRole, string>>;

/** Shapes a token or analysis id can have; anything else is refused before touching storage. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** Returns a new token: 32 random bytes (256 bits) as base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Returns a new analysis id: 16 random bytes (128 bits) as 22 base64url characters. */
export function newAnalysisId(): string {
  return randomBytes(16).toString('base64url');
}

/** Returns one fresh token per role. */
export function newTokenSet(): TokenSet {
  return { facilitator: newToken(), editor: newToken(), viewer: newToken() };
}

/** Returns the stored form of a token: its SHA-256 as hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Returns true when `value` looks like a token we could have handed out. */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

/** Returns true when `value` looks like an analysis id we could have handed out. */
export function isAnalysisIdShaped(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** Reads the token from an `Authorization: Bearer <token>` header, or null when there is none. */
export function parseBearer(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match && isTokenShaped(match[1]) ? match[1] : null;
}

/** The one place that decides whether a role may change the analysis document. */
export function canWrite(role: AccessRole): boolean {
  switch (role) {
    case 'facilitator':
    case 'editor':
      return true;
    case 'viewer':
      return false;
  }
}

/** The one place that decides whether a role may manage the analysis: rotate links, read the access log. */
export function canManage(role: AccessRole): boolean {
  switch (role) {
    case 'facilitator':
      return true;
    case 'editor':
    case 'viewer':
      return false;
  }
}

/** The one place that decides whether a role may delete the analysis. */
export function canDelete(role: AccessRole): boolean {
  return canManage(role);
}

/** Reads a role name from storage; anything unknown grants nothing. */
export function parseAccessRole(value: unknown): AccessRole | null {
  return typeof value === 'string' && (ACCESS_ROLES as readonly string[]).includes(value) ? (value as AccessRole) : null;
}
