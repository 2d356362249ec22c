/** Calm notices about what others did (a factor added out of view): pure folding, so a burst reads as one. */

export interface AddedNotice {
  /** Counts up per session; the toast's key. */
  readonly id: number;
  /** The name the adder gave (from their presence), or null when nobody knows who it was. */
  readonly who: string | null;
  readonly factorIds: readonly string[];
  /** When the last factor joined this notice (ms). */
  readonly at: number;
}

/** Adds by one person within this many ms of their previous add fold into one notice. */
export const FOLD_WINDOW_MS = 4_000;
/** At most this many notices are kept; older ones go first. */
export const MAX_NOTICES = 3;

/**
 * The notices after `factorIds` were added by `who` at `now`: folded into that person's latest notice when it is
 * recent enough, else a new notice (the oldest are dropped beyond MAX_NOTICES).
 */
export function foldAdded(
  notices: readonly AddedNotice[],
  added: { readonly who: string | null; readonly factorIds: readonly string[] },
  now: number,
  nextId: number,
): AddedNotice[] {
  if (added.factorIds.length === 0) return [...notices];
  const index = notices.findLastIndex((n) => n.who === added.who);
  const last = index >= 0 ? notices[index]! : null;
  if (last && now - last.at <= FOLD_WINDOW_MS) {
    const ids = [...last.factorIds, ...added.factorIds.filter((id) => !last.factorIds.includes(id))];
    const merged = { ...last, factorIds: ids, at: now };
    return [...notices.slice(0, index), ...notices.slice(index + 1), merged];
  }
  return [...notices, { id: nextId, who: added.who, factorIds: [...added.factorIds], at: now }].slice(-MAX_NOTICES);
}

/** The name in an awareness state (untrusted: it comes from another client), or null. */
export function nameInPresence(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null;
  const user = (state as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const name = (user as { name?: unknown }).name;
  if (typeof name !== 'string') return null;
  // No control or bidi characters: the name is read aloud and shown in a sentence.
  const clean = Array.from(name.replace(/[\p{Cc}\p{Cf}]/gu, '').trim())
    .slice(0, 40)
    .join('');
  return clean === '' ? null : clean;
}
