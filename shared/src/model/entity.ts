/** What every record module shares: the entity test and the id rule. */
import * as Y from 'yjs';

/** The longest id a file or the live document may give an entity (factor, link, actor). */
export const ID_MAX_LENGTH = 64;

/** Returns true when a Y.Map value is a Y.Map entity (and not a stray value a client wrote). */
export function isEntity(value: unknown): value is Y.Map<unknown> {
  // Not duck-typed on `get`: a client-written Y.Array or Y.XmlFragment has `get` too, but no `set`.
  return value instanceof Y.Map;
}

/** Whether `id` can be the id of an entity in a file (non-empty, at most ID_MAX_LENGTH). */
export function isValidId(id: string): boolean {
  return id.length > 0 && id.length <= ID_MAX_LENGTH;
}

/** Builds an entity map from plain fields. */
export function toEntity(fields: Record<string, unknown>): Y.Map<unknown> {
  const y = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) y.set(key, value);
  return y;
}
