/**
 * The one storage interface of the server. Promise-based so that an engine with real I/O (Postgres) can be added
 * next to SQLite without touching rooms or routes. A document is stored as an optional snapshot plus a log of
 * Yjs updates written after it; loading applies the snapshot, then the log in id order.
 */
import type { AccessRole } from '../auth.ts';

export type TokenHashes = Readonly<Record<AccessRole, string>>;

/** What the access log records (NEN 7513 style: who, when, what — never the content). */
export const ACCESS_ACTIONS = ['created', 'opened', 'edited', 'exported', 'rotated'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** One access log entry of one analysis. */
export interface AccessLogEntry {
  /** Milliseconds since 1970 (UTC). */
  readonly at: number;
  /** The display name the person gave (or a placeholder); never a token. */
  readonly name: string;
  readonly role: AccessRole;
  readonly action: AccessAction;
  /** A short qualifier without content, e.g. the rotated role or the export format. */
  readonly detail: string | null;
}

/** Reads an action name from storage; anything unknown is null. */
export function parseAccessAction(value: unknown): AccessAction | null {
  return typeof value === 'string' && (ACCESS_ACTIONS as readonly string[]).includes(value) ? (value as AccessAction) : null;
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
  /** Appends an entry to the access log of analysis `analysisId` (rejects when the analysis does not exist). */
  appendLog(entry: AccessLogEntry & { readonly analysisId: string }): Promise<void>;
  /** Returns the newest `limit` entries of the access log of the analysis, newest first. */
  readLog(id: string, limit: number): Promise<AccessLogEntry[]>;
  /** Deletes everything stored about the analysis (log included) so that no byte of it remains in the files. */
  deleteAnalysis(id: string): Promise<void>;
  exists(id: string): Promise<boolean>;
  close(): Promise<void>;
}
