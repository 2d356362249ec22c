/** The name people gave to a loop: its limit, and how it is read from and written to the live document. */
import { readableText } from './text.ts';
import type { LoopName } from './types.ts';

export const LOOP_NAME_LIMITS = {
  nameLength: 300,
} as const;

/** Reads one stored loop name (`{ links, name }`), or null when it is not one. */
export function readLoopName(value: unknown): LoopName | null {
  if (typeof value !== 'object' || value === null) return null;
  const { links, name } = value as { links?: unknown; name?: unknown };
  if (!Array.isArray(links) || typeof name !== 'string') return null;
  return { links: links.filter((l): l is string => typeof l === 'string'), name: readableText(name, LOOP_NAME_LIMITS.nameLength) };
}

/** The stored value of a loop name. */
export function loopNameValue(loop: LoopName): { links: string[]; name: string } {
  return { links: [...loop.links], name: readableText(loop.name, LOOP_NAME_LIMITS.nameLength) };
}
