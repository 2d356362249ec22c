/**
 * Keeping data no longer than needed (issue 16): with RETENTION_DAYS set, an analysis without any activity for that
 * many days is deleted with all its versions, exactly as `DELETE /api/analyses/:id` deletes it. Activity is the
 * newest event of its access log (opened, edited, exported, a version made, …), else its creation. For the last
 * 14 days before (or all of them, when RETENTION_DAYS is shorter) it is marked: `GET /api/analyses/:id/session`
 * answers `deleteAt`, which the facilitator's start page shows. Reading the session is not logged, so looking at
 * the start page does not count as activity; opening the analysis does.
 *
 * The check runs at start and then every RETENTION_CHECK_MINUTES; `now` is injectable so tests can move the clock.
 */
import { CLOSE_CODES, CLOSE_REASONS } from './closeCodes.ts';
import type { Logger } from './log.ts';
import type { RoomManager } from './rooms.ts';
import type { Storage } from './storage/storage.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** How long before its deletion an analysis is marked. */
export const MARK_DAYS = 14;
/** Analyses deleted per round of the check at most; the next round takes the rest. */
const DELETES_PER_ROUND = 100;

export interface RetentionOptions {
  readonly storage: Storage;
  readonly rooms: RoomManager;
  readonly log: Logger;
  /** RETENTION_DAYS, or null when analyses are kept until deleted by hand. */
  readonly days: number | null;
  readonly checkMs: number;
  readonly now?: () => number;
}

export class Retention {
  private readonly now: () => number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: RetentionOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Starts the periodic check (nothing when RETENTION_DAYS is off). */
  start(): void {
    if (this.options.days === null || this.closed) return;
    this.schedule(0);
  }

  /**
   * When the analysis will be deleted (ms), if that is within the marking period; null when retention is off, the
   * analysis is further from it, or does not exist.
   */
  async deleteAt(analysisId: string): Promise<number | null> {
    const { days } = this.options;
    if (days === null) return null;
    const activeAt = await this.options.storage.lastActivity(analysisId);
    if (activeAt === null) return null;
    const at = activeAt + days * DAY_MS;
    return at - this.now() <= Math.min(MARK_DAYS, days) * DAY_MS ? at : null;
  }

  /** Deletes every analysis past RETENTION_DAYS now (also what the timer does). */
  sweep(): Promise<void> {
    this.running ??= this.deleteExpired().finally(() => (this.running = null));
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sweep()
        .catch((error: unknown) => this.options.log.error('deleting analyses past RETENTION_DAYS failed', error))
        .finally(() => {
          if (!this.closed) this.schedule(this.options.checkMs);
        });
    }, delayMs);
    this.timer.unref?.();
  }

  private async deleteExpired(): Promise<void> {
    const { days, storage, rooms, log } = this.options;
    if (days === null) return;
    for (;;) {
      const cutoff = this.now() - days * DAY_MS;
      const expired = await storage.listInactive(cutoff, DELETES_PER_ROUND);
      let deleted = 0;
      for (const { id } of expired) {
        if (this.closed) return;
        // Someone may have opened it a moment ago.
        const activeAt = await storage.lastActivity(id);
        if (activeAt === null || activeAt >= this.now() - days * DAY_MS) continue;
        await rooms.delete(id, CLOSE_CODES.deleted, CLOSE_REASONS.deleted);
        deleted++;
        log.info(`analysis ${id} deleted: no activity for ${days} days (RETENTION_DAYS)`);
      }
      if (expired.length < DELETES_PER_ROUND || deleted === 0) return;
    }
  }
}
