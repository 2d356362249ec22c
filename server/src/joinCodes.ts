/**
 * Short join codes: three Dutch words and two digits ("appel vlinder haven 47") that a person can say aloud in the
 * room and type on the start page instead of a long link. Only the hash of a code's letters and digits is stored;
 * case, spaces, hyphens and accents do not matter. Wrong tries are limited per client address and over the whole
 * server (JoinGuard), which with the size of the code space sets the odds of guessing a code (server ARCHITECTURE.md).
 */
import { createHash, randomInt } from 'node:crypto';
import { clientKey } from './export/clientAddress.ts';
import { JOIN_WORDS } from './joinWords.ts';

export const JOIN_CODE_WORD_COUNT = 3;
/** Two digits: 00–99. */
export const JOIN_CODE_NUMBERS = 100;

/** How many different codes there are (558³ × 100 ≈ 1.74 · 10¹⁰, just over 2³⁴). */
export function countJoinCodes(wordCount: number = JOIN_WORDS.length): number {
  return wordCount ** JOIN_CODE_WORD_COUNT * JOIN_CODE_NUMBERS;
}

/** Draws a new code, as shown to people: words and digits separated by spaces. */
export function newJoinCode(random: (max: number) => number = randomInt): string {
  const words = Array.from({ length: JOIN_CODE_WORD_COUNT }, () => JOIN_WORDS[random(JOIN_WORDS.length)]!);
  return `${words.join(' ')} ${String(random(JOIN_CODE_NUMBERS)).padStart(2, '0')}`;
}

/** Typed codes longer than this are not looked at. */
export const MAX_TYPED_CODE_LENGTH = 100;

/**
 * The form a code is compared in: lower-case letters and the digits, everything else (spaces, hyphens, dots) left
 * out and accents taken off. Null when the result cannot be a code (wrong shape), so it is not looked up.
 */
export function normalizeJoinCode(typed: string): string | null {
  if (typed.length > MAX_TYPED_CODE_LENGTH) return null;
  const flat = typed
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return /^[a-z]{9,27}[0-9]{2}$/.test(flat) ? flat : null;
}

/** The stored form of a (normalized) code: SHA-256 as hex, in a namespace of its own so it never equals a token hash. */
export function hashJoinCode(normalized: string): string {
  return createHash('sha256').update(`samenzicht.join.${normalized}`, 'utf8').digest('hex');
}

export interface JoinGuardOptions {
  /** Tries one client address may make per window that did not lead in. */
  readonly perAddress: number;
  /** Such tries over all addresses together per window. */
  readonly global: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

/** A try that was let through; give it back with `succeeded` when the code was right. */
export interface JoinTicket {
  readonly key: string;
  readonly at: number;
}

export interface JoinGuard {
  /**
   * Takes a try for the client at `remoteAddress`, counted as wrong until `succeeded` gives it back (so tries made
   * in parallel cannot slip past the limit). Returns the seconds to wait when the address or the server is over its
   * limit.
   */
  take(
    remoteAddress: string | undefined,
  ): { readonly ok: true; readonly ticket: JoinTicket } | { readonly ok: false; readonly retryAfterS: number };
  /** The try led in: it does not count. */
  succeeded(ticket: JoinTicket): void;
}

/** Addresses remembered at most; beyond that, those without a try in the window are forgotten. */
const MAX_ADDRESSES = 10_000;

function removeOne(list: number[], value: number): void {
  const index = list.indexOf(value);
  if (index >= 0) list.splice(index, 1);
}

/** Returns a sliding-window limit of wrong join tries, per address (IPv6 per /64) and for the whole server. */
export function createJoinGuard(options: JoinGuardOptions): JoinGuard {
  const now = options.now ?? Date.now;
  const byAddress = new Map<string, number[]>();
  const all: number[] = [];
  const prune = (list: number[], time: number): void => {
    while (list.length > 0 && list[0]! <= time - options.windowMs) list.shift();
  };
  const waitS = (oldest: number, time: number): number => Math.max(1, Math.ceil((oldest + options.windowMs - time) / 1000));
  return {
    take(remoteAddress) {
      const time = now();
      const key = clientKey(remoteAddress);
      prune(all, time);
      let mine = byAddress.get(key);
      if (mine !== undefined) prune(mine, time);
      if (mine !== undefined && mine.length >= options.perAddress) return { ok: false, retryAfterS: waitS(mine[0]!, time) };
      if (all.length >= options.global) return { ok: false, retryAfterS: waitS(all[0]!, time) };
      if (mine === undefined) {
        if (byAddress.size >= MAX_ADDRESSES) {
          for (const [other, list] of byAddress) {
            prune(list, time);
            if (list.length === 0) byAddress.delete(other);
          }
        }
        // Still full: the server-wide limit keeps holding, so forgetting the rest costs no safety.
        if (byAddress.size >= MAX_ADDRESSES) byAddress.clear();
        mine = [];
        byAddress.set(key, mine);
      }
      mine.push(time);
      all.push(time);
      return { ok: true, ticket: { key, at: time } };
    },
    succeeded(ticket) {
      const mine = byAddress.get(ticket.key);
      if (mine !== undefined) removeOne(mine, ticket.at);
      removeOne(all, ticket.at);
    },
  };
}
