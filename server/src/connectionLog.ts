/**
 * What one sync connection writes to the access log, always under the name it currently goes by:
 * - `opened` (detail: how the person came in, `qr` or `code`; none for the link) once its display name is known: from the `name` query parameter (the stock client's `params`), else
 *   from the first awareness state it announces with `user.name` (the web app asks the name after connecting). A
 *   state without `user` at all (a client that gives no names) or NAME_WAIT_MS without a name, an edit or the close
 *   write it as `onbekend`;
 * - `renamed` (name = the new name, detail = the one logged before) when that name changes later; at most once per
 *   RENAME_LOG_INTERVAL_MS, the latest name then;
 * - `edited` at most once per `editLogIntervalMs`.
 * Knows nothing of sockets: sync.ts hands it the awareness states the room accepted from this connection.
 */
import type * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import { parseDisplayName, UNKNOWN_NAME, type AccessLog } from './accessLog.ts';
import type { AccessRole } from './auth.ts';
import type { JoinWay } from './syncHandshake.ts';

/** How long `opened` waits for a name from awareness. */
export const NAME_WAIT_MS = 10_000;
/** A connection's name changes are logged at most this often. */
export const RENAME_LOG_INTERVAL_MS = 10_000;

export interface ConnectionLogOptions {
  readonly accessLog: AccessLog;
  readonly analysisId: string;
  readonly role: AccessRole;
  /** The name from the query, cleaned by `parseDisplayName`; `onbekend` when none was given. */
  readonly queryName: string;
  /** How the person came in, logged as the detail of `opened` (qr, code); null: by the link. */
  readonly via?: JoinWay | null;
  readonly editLogIntervalMs: number;
  readonly nameWaitMs?: number;
  readonly renameLogIntervalMs?: number;
  readonly now?: () => number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class ConnectionLog {
  /** The name the connection goes by now. */
  private name: string;
  /** The name of the last `opened` or `renamed` entry; null before `opened`. */
  private loggedName: string | null = null;
  private waitTimer: ReturnType<typeof setTimeout> | null = null;
  private renameTimer: ReturnType<typeof setTimeout> | null = null;
  private lastRenameLoggedAt: number | null = null;
  private lastEditLoggedAt: number | null = null;
  /** The last `user.name` seen as sent: a cursor moving 25 times a second repeats it, and is not parsed again. */
  private lastRawName: unknown = undefined;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly options: ConnectionLogOptions) {
    this.now = options.now ?? Date.now;
    this.name = options.queryName;
    if (this.name !== UNKNOWN_NAME) {
      this.logOpened();
    } else {
      this.waitTimer = setTimeout(() => this.logOpened(), options.nameWaitMs ?? NAME_WAIT_MS);
      this.waitTimer.unref?.();
    }
  }

  /**
   * An awareness update this connection sent, after the room applied it: `accepted` are the client ids whose state
   * the room took from it (applyAndCollectAwarenessIds); their states may carry the name.
   */
  noteAwarenessUpdate(awareness: awarenessProtocol.Awareness, update: Uint8Array, accepted: readonly number[]): void {
    if (this.closed) return;
    for (const clientId of accepted) this.noteAwarenessState(awareness.getStates().get(clientId));
    if (this.loggedName === null && announcesNoName(awareness, update)) this.logOpened();
  }

  /** An awareness state this connection announced and the room accepted (any shape: it is the client's). */
  private noteAwarenessState(state: unknown): void {
    if (this.closed || !isRecord(state)) return;
    const user = state.user;
    if (!isRecord(user)) {
      // This client gives no names (a stock client without `user`): waiting would only delay `opened`.
      if (this.loggedName === null) this.logOpened();
      return;
    }
    if (user.name === this.lastRawName) return;
    this.lastRawName = user.name;
    const name = parseDisplayName(user.name);
    // No name yet (the web app before its name prompt is answered): keep the one there is.
    if (name === UNKNOWN_NAME || name === this.name) return;
    this.name = name;
    if (this.loggedName === null) this.logOpened();
    else this.scheduleRename();
  }

  /** The name the connection goes by now (the query's, or the one learnt from its presence). */
  get currentName(): string {
    return this.name;
  }

  /** The connection changed the document: `edited`, at most once per interval. */
  noteEdit(): void {
    if (this.closed) return;
    if (this.loggedName === null) this.logOpened();
    const now = this.now();
    if (this.lastEditLoggedAt !== null && now - this.lastEditLoggedAt < this.options.editLogIntervalMs) return;
    this.lastEditLoggedAt = now;
    this.record('edited');
  }

  /** The connection is gone: what is still waiting is written now. Safe to call more than once. */
  close(): void {
    if (this.closed) return;
    if (this.loggedName === null) this.logOpened();
    if (this.renameTimer !== null) {
      clearTimeout(this.renameTimer);
      this.renameTimer = null;
      this.logRename();
    }
    this.closed = true;
  }

  private logOpened(): void {
    if (this.waitTimer !== null) clearTimeout(this.waitTimer);
    this.waitTimer = null;
    if (this.loggedName !== null || this.closed) return;
    this.loggedName = this.name;
    this.record('opened', this.options.via ?? undefined);
  }

  private scheduleRename(): void {
    if (this.renameTimer !== null) return;
    const wait =
      this.lastRenameLoggedAt === null
        ? 0
        : this.lastRenameLoggedAt + (this.options.renameLogIntervalMs ?? RENAME_LOG_INTERVAL_MS) - this.now();
    if (wait <= 0) return this.logRename();
    this.renameTimer = setTimeout(() => {
      this.renameTimer = null;
      this.logRename();
    }, wait);
    this.renameTimer.unref?.();
  }

  private logRename(): void {
    const previous = this.loggedName;
    // Back to the name logged last (or never opened): nothing to tell.
    if (previous === null || previous === this.name || this.closed) return;
    this.loggedName = this.name;
    this.lastRenameLoggedAt = this.now();
    this.record('renamed', previous);
  }

  private record(action: 'opened' | 'edited' | 'renamed', detail?: string): void {
    const { accessLog, analysisId, role } = this.options;
    void accessLog.record(analysisId, { name: this.name, role, action, ...(detail === undefined ? {} : { detail }) });
  }
}

/**
 * Whether the update announces a state without `user` for a client id the room does not know. A stock client's
 * very first state (`{}`, clock 0) is never taken by the room (y-protocols needs a higher clock than none), yet it
 * tells that this client gives no name; it can only make `opened` come sooner, as `onbekend`, never set a name.
 */
function announcesNoName(awareness: awarenessProtocol.Awareness, update: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (!awareness.meta.has(clientId) && isRecord(state) && state.user === undefined) return true;
    }
  } catch {
    // Checked by parseSyncMessage already; anything odd simply tells nothing.
  }
  return false;
}

/**
 * Runs `apply` (the room applying an awareness update of `peer`) and returns the client ids whose state it added
 * or renewed for that peer: only what the room accepted from it, never the states of others it echoes or claims.
 */
export function applyAndCollectAwarenessIds(awareness: awarenessProtocol.Awareness, peer: unknown, apply: () => void): number[] {
  const ids: number[] = [];
  const onUpdate = ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown): void => {
    if (origin === peer) ids.push(...added, ...updated);
  };
  awareness.on('update', onUpdate);
  try {
    apply();
  } finally {
    awareness.off('update', onUpdate);
  }
  return ids;
}
