/**
 * The access log of each analysis, in the spirit of NEN 7513: who (display name and role), when, and what (opened,
 * edited, exported, link rotated). It holds no content and no tokens; it is stored next to the analysis and deleted
 * with it. Writing it never fails the action it records: a failed write is reported in the server log instead.
 */
import type { AccessRole } from './auth.ts';
import type { Logger } from './log.ts';
import type { AccessAction, AccessLogEntry, Storage } from './storage/storage.ts';

/** The name logged for actions without a person's name (creating an analysis, HTTP calls). */
export const NO_NAME = '—';
/** The name logged for a sync connection that gave none. */
export const UNKNOWN_NAME = 'onbekend';
export const MAX_NAME_LENGTH = 40;
/** How many entries `GET /api/analyses/:id/log` returns at most. */
export const LOG_READ_LIMIT = 500;

// Control characters, and the bidirectional controls that could make a name read as something else in the log view.
const UNSAFE_CHARACTERS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Returns the display name to log for the `name` a client sent: trimmed, control characters removed, at most
 * 40 characters; `onbekend` when nothing is left.
 */
export function parseDisplayName(raw: unknown): string {
  if (typeof raw !== 'string') return UNKNOWN_NAME;
  const clean = raw.replace(UNSAFE_CHARACTERS, '').trim();
  // Cut by code points, so a name never ends in half an emoji.
  const cut = Array.from(clean).slice(0, MAX_NAME_LENGTH).join('').trim();
  return cut === '' ? UNKNOWN_NAME : cut;
}

export interface AccessEvent {
  readonly name: string;
  readonly role: AccessRole;
  readonly action: AccessAction;
  readonly detail?: string;
}

export class AccessLog {
  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends an entry for analysis `id`; resolves (never rejects) once it is stored or its failure was logged. */
  async record(id: string, event: AccessEvent): Promise<void> {
    try {
      await this.storage.appendLog({
        analysisId: id,
        at: this.now(),
        name: event.name,
        role: event.role,
        action: event.action,
        detail: event.detail ?? null,
      });
    } catch (error) {
      // Typically the analysis was deleted a moment earlier. The message names only the id and the action.
      this.log.error(`writing the access log of analysis ${id} (${event.action}) failed`, error);
    }
  }

  /** Records an export by a holder of `role`; `format` is e.g. `png`, `svg`, `pdf`. */
  logExport(id: string, role: AccessRole, format?: string): Promise<void> {
    return this.record(id, { name: NO_NAME, role, action: 'exported', detail: format });
  }

  /** The newest entries of the analysis, newest first. */
  read(id: string, limit: number = LOG_READ_LIMIT): Promise<AccessLogEntry[]> {
    return this.storage.readLog(id, limit);
  }
}
