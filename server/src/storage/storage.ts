/**
 * The one storage interface of the server. Promise-based so that an engine with real I/O (Postgres) can be added
 * next to SQLite without touching rooms or routes. A document is stored as an optional snapshot plus a log of
 * Yjs updates written after it; loading applies the snapshot, then the log in id order.
 */
import type { AccessRole } from '../auth.ts';

export type TokenHashes = Readonly<Record<AccessRole, string>>;

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
  /** Deletes everything stored about the analysis so that no byte of it remains in the files. */
  deleteAnalysis(id: string): Promise<void>;
  exists(id: string): Promise<boolean>;
  close(): Promise<void>;
}
