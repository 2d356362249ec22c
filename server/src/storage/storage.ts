/**
 * The one storage interface of the server. Promise-based so that an engine with real I/O (Postgres) can be added
 * next to SQLite without touching rooms or routes. A document is stored as an optional snapshot plus a log of
 * Yjs updates written after it; loading applies the snapshot, then the log in id order.
 */
import type { AccessRole } from '../auth.ts';

export type TokenHashes = Readonly<Record<AccessRole, string>>;

/** What the access log records (NEN 7513 style: who, when, what — never the content). */
export const ACCESS_ACTIONS = [
  'created',
  'opened',
  'edited',
  'exported',
  'rotated',
  'renamed',
  'versionMade',
  'versionRestored',
  'versionDeleted',
  'restored',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** One event for the access log of one analysis. */
export interface AccessLogEntry {
  /** Milliseconds since 1970 (UTC). */
  readonly at: number;
  /** The display name the person gave (or a placeholder); never a token. */
  readonly name: string;
  readonly role: AccessRole;
  readonly action: AccessAction;
  /** A short qualifier without content, e.g. the rotated role, the export format or the previous name. */
  readonly detail: string | null;
}

/** A stored row of the access log: one event, or several identical ones folded together. */
export interface StoredAccessLogEntry extends AccessLogEntry {
  /** The row id; with `at` it orders the log and makes the paging cursor. */
  readonly id: number;
  /** How many events the row stands for (≥ 1). */
  readonly count: number;
  /** When the latest of them happened (ms); equals `at` when `count` is 1. */
  readonly lastAt: number;
}

/**
 * How an event may be folded into an existing row instead of adding one. Without it (for `created` and `rotated`)
 * the event always gets a row of its own.
 */
export interface AccessLogFold {
  /** A row takes more events only while its first event is at most this old (ms). */
  readonly windowMs: number;
  /**
   * The analysis is over its rate of new rows: the event is folded into the newest row like it within the window
   * (not only the newest row of all), else it is gathered in the row of `gatherName` for its role and action.
   */
  readonly limited: boolean;
  /** The name of the gathering rows (never a name a person can give). */
  readonly gatherName: string;
}

/** What `appendLog` did: a row of its own, folded into a row like it, or gathered in a row of `gatherName`. */
export type AppendLogResult = 'inserted' | 'folded' | 'gathered';

/** Where a page of the log ends: the next page starts after this row. */
export interface AccessLogCursor {
  readonly at: number;
  readonly id: number;
}

/** Which rows to read, newest first. */
export interface AccessLogQuery {
  /** At most this many rows. */
  readonly limit: number;
  /** Only rows older than this one (the `next` of the page before). */
  readonly before?: AccessLogCursor | null;
  /** Only these actions (all when absent). */
  readonly actions?: readonly AccessAction[] | null;
  /** Only these roles (all when absent). */
  readonly roles?: readonly AccessRole[] | null;
  /** Only names containing this, ignoring case. */
  readonly name?: string | null;
}

/**
 * A page of the log. `next` is null when there is nothing older to read; otherwise read on with `before: next`.
 * With a filter a page can hold fewer than `limit` rows (a read looks at a bounded number of rows), and even none.
 */
export interface AccessLogPage {
  readonly entries: StoredAccessLogEntry[];
  readonly next: AccessLogCursor | null;
}

/** Reads an action name from storage; anything unknown is null. */
export function parseAccessAction(value: unknown): AccessAction | null {
  return typeof value === 'string' && (ACCESS_ACTIONS as readonly string[]).includes(value) ? (value as AccessAction) : null;
}

/** The roles a join code can lead to: never the facilitator's. */
export type JoinRole = Exclude<AccessRole, 'facilitator'>;

/** A join code to store: only its hash, never the code. */
export interface NewJoinCode {
  readonly analysisId: string;
  readonly hash: string;
  readonly role: JoinRole;
  /** Milliseconds since 1970 (UTC). */
  readonly expiresAt: number;
}

/** Where a redeemed join code leads. */
export interface JoinCodeTarget {
  readonly analysisId: string;
  readonly role: JoinRole;
}

/** Why a version was made: by hand, at the end of a session, or as the state before a restore. */
export const VERSION_REASONS = ['manual', 'session', 'restore'] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];

/** Someone in a version's record: the display name they gave (or a placeholder) and the role of their link. */
export interface VersionPerson {
  readonly name: string;
  readonly role: AccessRole;
}

/** What is known of a version without opening it (CONTRACT.md §4 lists `id, name, at, auto, factors, links`). */
export interface VersionInfo {
  /** Unique within its analysis only; every read names the analysis too. */
  readonly id: string;
  readonly name: string;
  /** Milliseconds since 1970 (UTC). */
  readonly at: number;
  /** Made by the server (end of a session, or before a restore), not by a person. */
  readonly auto: boolean;
  readonly reason: VersionReason;
  /** Who made it (for automatic versions the last person who edited, or the facilitator who restored). */
  readonly by: VersionPerson;
  /** Everyone connected during the session the version closes (display names and link roles, each once). */
  readonly present: readonly VersionPerson[];
  /** Ids of the analysis' actors (people involved) that were there: named by a present display name. */
  readonly actors: readonly string[];
  readonly factors: number;
  readonly links: number;
  /** Feedback loops, and how many of them are vicious circles. */
  readonly loops: number;
  readonly vicious: number;
}

/** A version to store: its record and the analysis file (CONTRACT.md §1) as compact JSON text. */
export interface NewVersion extends VersionInfo {
  readonly file: string;
}

/** A stored version's record and the bytes it takes in storage (its share of a base it is stored against excluded). */
export interface StoredVersionInfo extends VersionInfo {
  readonly bytes: number;
}

/** How long ago an analysis was last used: its newest access-log event, else its creation (ms). */
export interface AnalysisActivity {
  readonly id: string;
  readonly activeAt: number;
}

export interface StoredDoc {
  readonly snapshot: Uint8Array | null;
  /** Log rows after the snapshot, oldest first. */
  readonly updates: readonly Uint8Array[];
  /** Id of the newest log row, or 0 when the log is empty; `compact` takes it as `upToUpdateId`. */
  readonly lastUpdateId: number;
}

export interface Storage {
  /** Stores a new analysis with one token hash per role and its first state as the snapshot. */
  createAnalysis(id: string, tokenHashes: TokenHashes, initialUpdate: Uint8Array): Promise<void>;
  /** Returns the role the token hash grants on the analysis, or null (unknown analysis or wrong token alike). */
  findRoleByTokenHash(id: string, hash: string): Promise<AccessRole | null>;
  /** Returns the stored document, or null when the analysis does not exist. */
  loadDoc(id: string): Promise<StoredDoc | null>;
  /** Appends updates to the log in one transaction; returns the id of the last row written (0 for none). */
  appendUpdates(id: string, updates: readonly Uint8Array[]): Promise<number>;
  /** Replaces the snapshot and deletes the log rows with id ≤ `upToUpdateId`, in one transaction. */
  compact(id: string, snapshot: Uint8Array, upToUpdateId: number): Promise<void>;
  /**
   * Replaces the token of `role` by `hash` in one transaction, so the old token stops working at once. Returns the
   * hashes it removed, or null when the analysis does not exist.
   */
  rotateToken(id: string, role: AccessRole, hash: string): Promise<readonly string[] | null>;
  /**
   * Appends an event to the access log of analysis `analysisId`, or folds it into a row as `fold` allows (rejects
   * when the analysis does not exist).
   */
  appendLog(entry: AccessLogEntry & { readonly analysisId: string }, fold?: AccessLogFold): Promise<AppendLogResult>;
  /** Reads a page of the access log of the analysis, newest first (by `at`, then by row id). */
  readLog(id: string, query: AccessLogQuery): Promise<AccessLogPage>;
  /**
   * Stores a short join code (its hash) that leads to `role` on the analysis until `expiresAt` (ms). Expired codes
   * of every analysis are deleted first, and beyond `maxActive` live codes of the analysis the oldest go. Returns
   * `taken` when a live code has the same hash (the caller draws another), `missing` when the analysis is gone.
   */
  addJoinCode(code: NewJoinCode, now: number, maxActive: number): Promise<'added' | 'taken' | 'missing'>;
  /**
   * Redeems a join code: when a live code has `hash` and has been used fewer than `maxUses` times, stores
   * `tokenHash` as a new token of the code's role (so rotating that role's link ends it too), counts the use and
   * returns where it leads; else null (unknown, expired and used-up codes alike).
   */
  redeemJoinCode(hash: string, now: number, maxUses: number, tokenHash: string): Promise<JoinCodeTarget | null>;
  /**
   * Stores a version of the analysis (whole, or as the difference from a version stored whole: versionCodec.ts).
   * `full` when the analysis already has `maxVersions` versions, `missing` when the analysis is gone, `taken` when it
   * has a version with this id.
   */
  addVersion(analysisId: string, version: NewVersion, maxVersions: number): Promise<'added' | 'full' | 'missing' | 'taken'>;
  /** The versions of the analysis, newest first (by time, then by the order they were stored); null when it is gone. */
  listVersions(analysisId: string): Promise<StoredVersionInfo[] | null>;
  /** One version with its analysis file (JSON text, exactly as stored); null when the analysis has no such version. */
  readVersion(analysisId: string, versionId: string): Promise<{ readonly info: StoredVersionInfo; readonly file: string } | null>;
  /**
   * Deletes one version so that no byte of it remains (versions stored against it are rewritten first); false when the
   * analysis has no such version.
   */
  deleteVersion(analysisId: string, versionId: string): Promise<boolean>;
  /** Analyses whose last activity (see AnalysisActivity) is before `before` (ms), oldest first, at most `limit`. */
  listInactive(before: number, limit: number): Promise<AnalysisActivity[]>;
  /** When the analysis was last used (see AnalysisActivity); null when it does not exist. */
  lastActivity(analysisId: string): Promise<number | null>;
  /** Deletes everything stored about the analysis (log, join codes and versions included) so that no byte of it remains. */
  deleteAnalysis(id: string): Promise<void>;
  exists(id: string): Promise<boolean>;
  close(): Promise<void>;
}
