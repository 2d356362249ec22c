/**
 * The access log of each analysis, in the spirit of NEN 7513: who (display name and role), when, and what (opened,
 * edited, exported, renamed, link rotated). It holds no content and no tokens; it is stored next to the analysis and
 * deleted with it. Writing it never fails the action it records: a failed write is tried again, and reported in the
 * server log when it still fails.
 *
 * The log must stay readable and truthful when someone with a link floods it (600 `GET /api/analyses/:id` in a
 * second), so that nobody can push an entry out of the facilitator's view:
 * - an event identical to the newest row (name, role, action, detail) within FOLD_WINDOW_MS is counted in that row
 *   (`count`, `lastAt`) instead of adding one; `created` and `rotated` are never folded;
 * - new rows are limited per analysis and role (a token bucket, ROW_RATE): a viewer's flood cannot use up the rows
 *   of editors or the facilitator. Over the rate an event is still counted: in the newest row like it in the window,
 *   or else in a gathering row per role and action (name GATHER_NAME), never dropped.
 * So a window of FOLD_WINDOW_MS gets at most ROW_RATE.burst + rate·window rows per role plus one gathering row per
 * role and action, and the log is paged (`read`), so older rows stay reachable.
 */
import type { AccessRole } from './auth.ts';
import type { Logger } from './log.ts';
import type { AccessAction, AccessLogPage, AccessLogQuery, AppendLogResult, Storage } from './storage/storage.ts';

/** The name logged for actions without a person's name (creating an analysis, HTTP calls). */
export const NO_NAME = '—';
/** The name logged for a sync connection that gave none. */
export const UNKNOWN_NAME = 'onbekend';
/** The name of a row that gathers events over the rate, whatever name each gave. */
export const GATHER_NAME = '(meerdere namen)';
export const MAX_NAME_LENGTH = 40;
/** How many entries `GET /api/analyses/:id/log` returns at most (and by default). */
export const LOG_READ_LIMIT = 500;
/** Identical events this close after a row's first one are counted in that row. */
export const FOLD_WINDOW_MS = 10 * 60_000;
/**
 * New rows per analysis and role: bursts of 100, then one per 10 s (360 an hour). A busy session (ten people who
 * open, edit every 5 minutes and export) stays well below; beyond it events are still counted (see above).
 */
export const ROW_RATE = { perSecond: 0.1, burst: 100 } as const;
/** Waits before the 2nd and 3rd try of a failed write. */
export const RETRY_DELAYS_MS: readonly number[] = [100, 500];
/** Actions that always get a row of their own: they are what a flood would try to hide. */
const NEVER_FOLDED: ReadonlySet<AccessAction> = new Set(['created', 'rotated']);
/** Buckets kept at most; the least recently used is dropped beyond it (an idle bucket is full anyway). */
const MAX_BUCKETS = 10_000;

// Control characters, and the bidirectional controls that could make a name read as something else in the log view.
const UNSAFE_CHARACTERS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/** Placeholders the log itself writes; a person who gives one as their name is logged as `onbekend`. */
const RESERVED_NAMES: ReadonlySet<string> = new Set([NO_NAME, GATHER_NAME]);

/**
 * Returns the display name to log for the `name` a client sent: trimmed, control characters removed, at most
 * 40 characters; `onbekend` when nothing is left or when it is one of the log's own placeholders.
 */
export function parseDisplayName(raw: unknown): string {
  if (typeof raw !== 'string') return UNKNOWN_NAME;
  const clean = raw.replace(UNSAFE_CHARACTERS, '').trim();
  // Cut by code points, so a name never ends in half an emoji.
  const cut = Array.from(clean).slice(0, MAX_NAME_LENGTH).join('').trim();
  return cut === '' || RESERVED_NAMES.has(cut) ? UNKNOWN_NAME : cut;
}

export interface AccessEvent {
  readonly name: string;
  readonly role: AccessRole;
  readonly action: AccessAction;
  readonly detail?: string;
}

export interface AccessLogOptions {
  readonly foldWindowMs?: number;
  readonly rowRate?: { readonly perSecond: number; readonly burst: number };
  readonly retryDelaysMs?: readonly number[];
  /** Waits `ms` before a retry (tests pass one that does not). */
  readonly wait?: (ms: number) => Promise<void>;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class AccessLog {
  private readonly foldWindowMs: number;
  private readonly rowRate: { readonly perSecond: number; readonly burst: number };
  private readonly retryDelaysMs: readonly number[];
  private readonly wait: (ms: number) => Promise<void>;
  /** New-row budgets per analysis and role, in order of last use. */
  private readonly buckets = new Map<string, RowBudget>();

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    options: AccessLogOptions = {},
  ) {
    this.foldWindowMs = options.foldWindowMs ?? FOLD_WINDOW_MS;
    this.rowRate = options.rowRate ?? ROW_RATE;
    this.retryDelaysMs = options.retryDelaysMs ?? RETRY_DELAYS_MS;
    this.wait = options.wait ?? wait;
  }

  /**
   * Records an event of analysis `id`, at the time of this call; resolves (never rejects) once it is stored or its
   * last try failed and was logged. A failed write is tried again with the same time, so the log, read by time,
   * keeps the order in which things happened.
   */
  async record(id: string, event: AccessEvent): Promise<void> {
    const entry = {
      analysisId: id,
      at: this.now(),
      name: event.name,
      role: event.role,
      action: event.action,
      detail: event.detail ?? null,
    };
    const folds = !NEVER_FOLDED.has(event.action);
    // Taken before the write and given back when the event did not need a row: events of one turn are written
    // concurrently, so waiting for the answer to decide would let a burst through.
    const bucket = folds ? this.bucket(id, event.role) : null;
    const took = bucket?.take() ?? false;
    for (let attempt = 0; ; attempt++) {
      try {
        const result: AppendLogResult = await this.storage.appendLog(
          entry,
          folds ? { windowMs: this.foldWindowMs, limited: !took, gatherName: GATHER_NAME } : undefined,
        );
        if (took && result !== 'inserted') bucket?.giveBack();
        return;
      } catch (error) {
        const delay = this.retryDelaysMs[attempt];
        if (delay === undefined) {
          if (took) bucket?.giveBack();
          // Typically the analysis was deleted a moment earlier. The message names only the id and the action.
          this.log.error(`writing the access log of analysis ${id} (${event.action}) failed`, error);
          return;
        }
        await this.wait(delay);
      }
    }
  }

  /** Records an export by a holder of `role`; `format` is e.g. `png`, `svg`, `pdf`. */
  logExport(id: string, role: AccessRole, format?: string): Promise<void> {
    return this.record(id, { name: NO_NAME, role, action: 'exported', detail: format });
  }

  /** A page of the analysis' log, newest first; see AccessLogQuery. */
  read(id: string, query: AccessLogQuery = { limit: LOG_READ_LIMIT }): Promise<AccessLogPage> {
    return this.storage.readLog(id, query);
  }

  private bucket(id: string, role: AccessRole): RowBudget {
    const key = `${role}:${id}`;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = new RowBudget(this.rowRate.perSecond, this.rowRate.burst, this.now);
    } else {
      this.buckets.delete(key);
    }
    this.buckets.set(key, bucket);
    return bucket;
  }
}

/** A token bucket of new rows that takes a token back when the event needed no row of its own after all. */
class RowBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: () => number,
  ) {
    this.tokens = burst;
    this.last = clock();
  }

  take(): boolean {
    const time = this.clock();
    // A clock that went back refills nothing.
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, time - this.last) / 1000) * this.perSecond);
    this.last = time;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  giveBack(): void {
    this.tokens = Math.min(this.burst, this.tokens + 1);
  }
}
