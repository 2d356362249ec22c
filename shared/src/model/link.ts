/**
 * The link record: limits and defaults, its identity, and how it is read from and written to the live document.
 *
 * Identity: a link between the same two factors in the same direction exists once. A new link's id is derived from
 * its pair (`pairLinkId`), so two people drawing A → B at the same moment write the same key and Yjs keeps one. Links
 * made before (random ids), or by an older client, can still be twins; every reader keeps the one with the smallest
 * id (`dedupeLinks`), the same on every replica.
 */
import type * as Y from 'yjs';
import { readableText } from './text.ts';
import { POLARITIES, isOneOf, type Link } from './types.ts';
import { toEntity } from './entity.ts';
import { liveText, readLiveText } from './liveText.ts';

export const LINK_LIMITS = {
  noteLength: 5_000,
} as const;

/** Reads one link entity map (without checking that its ends exist). */
export function readLink(id: string, y: Y.Map<unknown>): Link {
  const polarity = y.get('polarity');
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    id,
    from: str(y.get('from')),
    to: str(y.get('to')),
    polarity: isOneOf(POLARITIES, polarity) ? polarity : '+',
    note: readLiveText(y.get('note'), LINK_LIMITS.noteLength),
  };
}

/** The entity map of a link, with its note (a Y.Text) cut to the limit. */
export function linkEntity(link: Link): Y.Map<unknown> {
  return toEntity({
    from: link.from,
    to: link.to,
    polarity: link.polarity,
    note: liveText(readableText(link.note, LINK_LIMITS.noteLength)),
  });
}

/** FNV-1a, 32 bits, over UTF-16 code units, from `seed`. */
function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The id of the link from `from` to `to`: the same on every replica, short (at most 15 characters), and unlike any
 * random id (`newId` gives `l` + 12 base32 letters). 64 bits of hash: a collision between two pairs of one analysis
 * is not to be expected in any analysis there will ever be.
 */
export function pairLinkId(from: string, to: string): string {
  const key = `${from}\u0000${to}`;
  const high = fnv1a(key, 0x811c9dc5).toString(36).padStart(7, '0');
  const low = fnv1a(key, 0x9e3779b9).toString(36).padStart(7, '0');
  return `p${high}${low}`;
}

/**
 * The links with at most one per (from, to): of twins the one with the smallest id is kept. Returns the kept links in
 * their input order and, for each dropped twin, the id of the link that stands for it.
 */
export function dedupeLinks<T extends Pick<Link, 'id' | 'from' | 'to'>>(links: Iterable<T>): { links: T[]; replaced: Map<string, string> } {
  const kept = new Map<string, T>();
  const all: T[] = [];
  for (const link of links) {
    all.push(link);
    const key = `${link.from}\u0000${link.to}`;
    const other = kept.get(key);
    if (other === undefined || link.id < other.id) kept.set(key, link);
  }
  const replaced = new Map<string, string>();
  const out: T[] = [];
  for (const link of all) {
    const winner = kept.get(`${link.from}\u0000${link.to}`)!;
    if (winner === link) out.push(link);
    else replaced.set(link.id, winner.id);
  }
  return { links: out, replaced };
}
