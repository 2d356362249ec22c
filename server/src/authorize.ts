/** Finds what a presented token grants on an analysis: the one check behind both HTTP and WebSocket access. */
import { hashToken, isAnalysisIdShaped, isTokenShaped, type AccessRole } from './auth.ts';
import type { Storage } from './storage/storage.ts';

/**
 * Returns the role the token grants on analysis `id`, or null. A malformed id, a malformed or wrong token and an
 * unknown analysis all give null, so callers cannot answer them differently (no enumeration of ids).
 */
export async function authorize(storage: Storage, id: string, token: string | null): Promise<AccessRole | null> {
  if (!isAnalysisIdShaped(id) || !isTokenShaped(token)) return null;
  return storage.findRoleByTokenHash(id, hashToken(token));
}
