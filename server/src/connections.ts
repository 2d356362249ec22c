/**
 * The open sync connections of the server, for the limits that span connections (per analysis, per client
 * address) and for closing every connection that used a token once that token is rotated.
 *
 * Places in an analysis are handed out by role, so that a viewer link passed around (or attacked) cannot lock the
 * family's own people out: viewers are admitted while fewer than `maxPerAnalysis − reserve` connections are open,
 * editors while fewer than `maxPerAnalysis`, and the facilitator while fewer than `maxPerAnalysis +
 * FACILITATOR_EXTRA`. The reserve is 20 % of the maximum, at least 10, at most half of it (`slotsFor`).
 */
import type { AccessRole } from './auth.ts';

/** What the registry needs to know of a connection. */
export interface TrackedConnection {
  readonly analysisId: string;
  /** The socket's remote address (a proxy in front makes all clients one address). */
  readonly address: string;
  /** SHA-256 of the token the connection presented, or null when it presented none. */
  readonly tokenHash: string | null;
  close(code: number, reason: string): void;
}

export interface ConnectionLimits {
  readonly maxPerAnalysis: number;
  readonly maxPerAddress: number;
}

/** Places beyond MAX_CONNECTIONS_PER_ANALYSIS that only the facilitator can take. */
export const FACILITATOR_EXTRA = 10;

/** How many connections an analysis may have open for one more of `role` to be admitted (see the top). */
export function slotsFor(role: AccessRole, maxPerAnalysis: number): number {
  switch (role) {
    case 'facilitator':
      return maxPerAnalysis + FACILITATOR_EXTRA;
    case 'editor':
      return maxPerAnalysis;
    case 'viewer': {
      const reserve = Math.min(Math.max(10, Math.ceil(maxPerAnalysis / 5)), Math.floor(maxPerAnalysis / 2));
      return maxPerAnalysis - reserve;
    }
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function decrement(counts: Map<string, number>, key: string): void {
  const next = (counts.get(key) ?? 0) - 1;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}

export class ConnectionRegistry {
  /** Every open connection, authorized or not, with whether it counts toward its analysis. */
  private readonly open = new Map<TrackedConnection, { admitted: boolean }>();
  private readonly perAddress = new Map<string, number>();
  private readonly perAnalysis = new Map<string, number>();

  constructor(private readonly limits: ConnectionLimits) {}

  /** Adds a new connection; false (and nothing added) when its address already has its maximum. */
  add(connection: TrackedConnection): boolean {
    if (this.open.has(connection)) return true;
    if ((this.perAddress.get(connection.address) ?? 0) >= this.limits.maxPerAddress) return false;
    this.open.set(connection, { admitted: false });
    increment(this.perAddress, connection.address);
    return true;
  }

  /**
   * Counts an authorized connection toward its analysis; false when the analysis has no place left for `role`
   * (`slotsFor`). Only authorized connections count, so someone without a token cannot use up an analysis' places.
   */
  admit(connection: TrackedConnection, role: AccessRole): boolean {
    const state = this.open.get(connection);
    if (state === undefined) return false;
    if (state.admitted) return true;
    if ((this.perAnalysis.get(connection.analysisId) ?? 0) >= slotsFor(role, this.limits.maxPerAnalysis)) return false;
    state.admitted = true;
    increment(this.perAnalysis, connection.analysisId);
    return true;
  }

  /** Forgets a connection that closed; calling it twice is harmless. */
  remove(connection: TrackedConnection): void {
    const state = this.open.get(connection);
    if (state === undefined) return;
    this.open.delete(connection);
    decrement(this.perAddress, connection.address);
    if (state.admitted) decrement(this.perAnalysis, connection.analysisId);
  }

  /**
   * Closes every open connection to analysis `id` that presented one of `tokenHashes`, including connections still
   * being authorized; returns how many.
   */
  closeByToken(id: string, tokenHashes: readonly string[], code: number, reason: string): number {
    const hashes = new Set(tokenHashes);
    const matching = [...this.open.keys()].filter(
      (connection) => connection.analysisId === id && connection.tokenHash !== null && hashes.has(connection.tokenHash),
    );
    for (const connection of matching) connection.close(code, reason);
    return matching.length;
  }

  /** Open connections to analysis `id` that passed authorization. */
  countForAnalysis(id: string): number {
    return this.perAnalysis.get(id) ?? 0;
  }

  /** Open connections from `address`. */
  countForAddress(address: string): number {
    return this.perAddress.get(address) ?? 0;
  }
}
