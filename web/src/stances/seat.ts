/**
 * Who a person is in the analysis: one of the actors ("Betrokkenen"). Published over awareness as `seat`
 * (`{ actor, role }`), remembered per analysis on this device, and correctable by the facilitator, who publishes
 * `{ assign: { to: clientId, actor, n } }` in their own seat. A viewer is never an actor.
 *
 * Awareness is not checked by role on the server; a forged `role: "facilitator"` could only change who someone is
 * shown as, which an editor can do anyway by editing the people in the analysis.
 */
import type { AccessRole } from '../sync/links.ts';

export type StanceFilter = 'differs' | 'unmarked';

export interface Assignment {
  /** The awareness client id of the person. */
  readonly to: number;
  /** The actor id they are, or null for nobody. */
  readonly actor: string | null;
  /** Counts the facilitator's corrections, so the same one is applied once. */
  readonly n: number;
}

export interface Seat {
  readonly actor: string | null;
  readonly role: AccessRole | null;
  readonly assign: readonly Assignment[];
}

const MAX_ASSIGNMENTS = 20;
const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 64;

/** Reads another person's `seat` field defensively (it comes from another client). */
export function parseSeat(value: unknown): Seat | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as { actor?: unknown; role?: unknown; assign?: unknown };
  const role = raw.role === 'facilitator' || raw.role === 'editor' || raw.role === 'viewer' ? raw.role : null;
  const assign: Assignment[] = [];
  if (Array.isArray(raw.assign)) {
    for (const item of raw.assign.slice(0, MAX_ASSIGNMENTS)) {
      if (typeof item !== 'object' || item === null) continue;
      const { to, actor, n } = item as { to?: unknown; actor?: unknown; n?: unknown };
      if (!Number.isSafeInteger(to) || !Number.isSafeInteger(n)) continue;
      if (actor !== null && !isId(actor)) continue;
      assign.push({ to: to as number, actor: actor as string | null, n: n as number });
    }
  }
  return { actor: role === 'viewer' ? null : isId(raw.actor) ? raw.actor : null, role, assign };
}

const ACTOR_PREFIX = 'samenzicht.actor.';

/**
 * The actor this device chose for the analysis `id`: an actor id, `''` when the person said they are none of them
 * (asked once), or null when never asked.
 */
export function loadMyActor(id: string): string | null {
  try {
    return localStorage.getItem(ACTOR_PREFIX + id);
  } catch {
    return null;
  }
}

/** Remembers the choice for the analysis `id` on this device (`''`: none of the people). */
export function saveMyActor(id: string, actor: string | null): void {
  try {
    localStorage.setItem(ACTOR_PREFIX + id, actor ?? '');
  } catch {
    // Private mode: remembered for this page only.
  }
}

const ASK_KEY = 'samenzicht.seatAsk';

/** Whether this device asks "Wie ben jij in deze analyse?" on joining (not on a shared screen that said "never"). */
export function loadAskSeat(): boolean {
  try {
    return localStorage.getItem(ASK_KEY) !== 'never';
  } catch {
    return true;
  }
}

/** Remembers on this device whether to ask. */
export function saveAskSeat(ask: boolean): void {
  try {
    if (ask) localStorage.removeItem(ASK_KEY);
    else localStorage.setItem(ASK_KEY, 'never');
  } catch {
    // Private mode: asked again next time.
  }
}

/** The newest assignment for `clientId` among the facilitators present, if any. */
export function assignmentFor(
  clientId: number,
  peers: ReadonlyArray<{ readonly clientId: number; readonly seat?: Seat | null }>,
): (Assignment & { from: number }) | null {
  let best: (Assignment & { from: number }) | null = null;
  for (const peer of peers) {
    if (peer.seat?.role !== 'facilitator') continue;
    for (const a of peer.seat.assign) if (a.to === clientId && (!best || a.n > best.n)) best = { ...a, from: peer.clientId };
  }
  return best;
}
