/**
 * Versions of an analysis (issue 16, CONTRACT.md §4): frozen copies of the whole analysis file with a name, a time,
 * who made it, who was there and small counts. Made by hand (`POST …/versions`), at the end of each session (the
 * last person who may edit leaves after changes, or SESSION_IDLE_MINUTES pass without an edit), and before every
 * restore, so a restore never loses anything. Restoring writes the version into the room's live Y.Doc, so every
 * connected client sees it at once.
 *
 * A version holds exactly what storage holds when it is made: the room's queued updates are written first
 * (`RoomManager.readStored`), and the clients' "stored" acknowledgements (samenzicht.ack) are sent for that write
 * before the state is read. So every edit a client saw acknowledged before it asked is in the version, and nothing
 * the version holds was left unacknowledged.
 *
 * The sessions are followed through three hooks that sync.ts calls for each connection (joined, edited, left); this
 * module knows nothing of sockets. Timers are plain `setTimeout` (tests fake them) and times come from `now`.
 */
import { randomBytes } from 'node:crypto';
import { findLoops } from '@samenzicht/shared/graph/loops';
import type { Analysis } from '@samenzicht/shared/model/types';
import { parseAnalysisText, toAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { formatExportDate } from '@samenzicht/shared/export/words';
import { applyAnalysis } from '@samenzicht/shared/versions/applyVersion';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { NO_NAME, UNKNOWN_NAME, type AccessLog } from './accessLog.ts';
import { canWrite, type AccessRole } from './auth.ts';
import type { Logger } from './log.ts';
import { restoreDoc } from './restoreDoc.ts';
import type { RoomManager } from './rooms.ts';
import type { NewVersion, Storage, StoredVersionInfo, VersionInfo, VersionPerson, VersionReason } from './storage/storage.ts';

/** Versions one analysis can hold; one more by hand answers 409, an automatic one is skipped (and logged). */
export const MAX_VERSIONS_PER_ANALYSIS = 500;
/** A version's name: at most this many characters. */
export const MAX_VERSION_NAME_LENGTH = 80;
/** What a version id looks like (16 random bytes, base64url); anything else is no version of ours. */
export const VERSION_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** The origin of the restore's write to the live document. */
export const RESTORE_ORIGIN = Symbol('restore');

export function newVersionId(): string {
  return randomBytes(16).toString('base64url');
}

/** One sync connection as the session tracking sees it: the role of its link and the name it goes by now. */
export interface SessionPeer {
  readonly role: AccessRole;
  /** The display name it goes by now (learnt from its presence after it joined, so asked each time). */
  name(): string;
}

/** Names of automatic versions, in the Dutch the facilitator reads in the list. */
export const VERSION_NAMES = {
  session: (date: string, time: string) => `Sessie van ${date}, ${time}`,
  beforeRestore: (name: string) => `Voor het terugzetten van ‘${name}’`,
  manual: (date: string, time: string) => `Versie van ${date}, ${time}`,
} as const;

/** What sync.ts tells about each connection (`Versions` implements it). */
export interface SessionHooks {
  joined(analysisId: string, peer: SessionPeer): void;
  edited(analysisId: string, peer: SessionPeer): void;
  left(analysisId: string, peer: SessionPeer): void;
}

interface Session {
  readonly peers: Set<SessionPeer>;
  /** Everyone who was connected since the last version (by role and name). */
  readonly seen: Map<string, VersionPerson>;
  /** Edited since the last version. */
  dirty: boolean;
  lastEditAt: number;
  lastEditor: VersionPerson | null;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

export interface VersionsOptions {
  readonly storage: Storage;
  readonly rooms: RoomManager;
  readonly accessLog: AccessLog;
  readonly log: Logger;
  /** A session ends after this long without an edit (SESSION_IDLE_MINUTES, default an hour). */
  readonly sessionIdleMs: number;
  readonly maxVersions?: number;
  readonly now?: () => number;
}

/** What making a version can come to besides the version itself. */
export type MakeFailure = 'missing' | 'full';

export interface MakeRequest {
  /** The name; empty or absent: "Versie van <date>, <time>". */
  readonly name?: string;
  readonly reason: VersionReason;
  readonly by: VersionPerson;
}

function personKey(person: VersionPerson): string {
  return `${person.role}\u0000${person.name}`;
}

function personOf(peer: SessionPeer): VersionPerson {
  return { name: peer.name(), role: peer.role };
}

/** The counts a version carries, from the analysis it freezes. */
function countsOf(analysis: Analysis): Pick<NewVersion, 'factors' | 'links' | 'loops' | 'vicious'> {
  const { loops } = findLoops(analysis);
  return {
    factors: analysis.factors.length,
    links: analysis.links.length,
    loops: loops.length,
    vicious: loops.filter((l) => l.vicious).length,
  };
}

/** The actors (people involved) whose name a present person gave as their display name (ignoring case). */
function actorsPresent(analysis: Analysis, present: readonly VersionPerson[]): string[] {
  const names = new Set(present.map((p) => p.name.trim().toLocaleLowerCase('nl')));
  return analysis.actors.filter((actor) => names.has(actor.name.trim().toLocaleLowerCase('nl'))).map((actor) => actor.id);
}

export class Versions implements SessionHooks {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;
  private readonly maxVersions: number;
  /** Automatic versions under way, so `close` can wait for them. */
  private readonly making = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly options: VersionsOptions) {
    this.now = options.now ?? Date.now;
    this.maxVersions = options.maxVersions ?? MAX_VERSIONS_PER_ANALYSIS;
  }

  /** A sync connection joined the room of the analysis. */
  joined(analysisId: string, peer: SessionPeer): void {
    let session = this.sessions.get(analysisId);
    if (session === undefined) {
      session = { peers: new Set(), seen: new Map(), dirty: false, lastEditAt: 0, lastEditor: null, idleTimer: null };
      this.sessions.set(analysisId, session);
    }
    session.peers.add(peer);
  }

  /** A connection changed the document (sync.ts calls this only for changes it let in). */
  edited(analysisId: string, peer: SessionPeer): void {
    const session = this.sessions.get(analysisId);
    if (session === undefined) return;
    session.dirty = true;
    session.lastEditAt = this.now();
    session.lastEditor = personOf(peer);
    session.idleTimer ??= this.scheduleIdle(analysisId, session, this.options.sessionIdleMs);
  }

  /** A connection left; the last one who may edit ends the session, and makes a version when there were changes. */
  left(analysisId: string, peer: SessionPeer): void {
    const session = this.sessions.get(analysisId);
    if (session === undefined || !session.peers.delete(peer)) return;
    this.remember(session, personOf(peer));
    const editorsLeft = [...session.peers].some((p) => canWrite(p.role));
    if (!editorsLeft && session.dirty) this.endSession(analysisId, session);
    else if (session.peers.size === 0) this.forget(analysisId, session);
  }

  /** Versions of the analysis, newest first; null when the analysis is gone. */
  list(analysisId: string): Promise<StoredVersionInfo[] | null> {
    return this.options.storage.listVersions(analysisId);
  }

  /** Makes a version of what storage holds now (see the top of this file). */
  async make(analysisId: string, request: MakeRequest): Promise<VersionInfo | MakeFailure> {
    const session = this.sessions.get(analysisId);
    // Edits from now on belong to the next version.
    if (session !== undefined) session.dirty = false;
    const stored = await this.options.rooms.readStored(analysisId);
    if (stored === null) return 'missing';
    const { doc, skipped } = restoreDoc(stored);
    if (skipped > 0) this.options.log.error(`analysis ${analysisId}: ${skipped} stored updates could not be applied`);
    let analysis: Analysis;
    try {
      analysis = readAnalysis(doc);
    } finally {
      doc.destroy();
    }
    const result = await this.store(analysisId, analysis, request);
    if (typeof result === 'string' && session !== undefined) session.dirty = true;
    return result;
  }

  /**
   * Restores version `versionId`: the state before is stored as a version first (`saved`), then the live document
   * becomes the version for everyone connected. Null when the analysis has no such version.
   */
  async restore(
    analysisId: string,
    versionId: string,
    by: VersionPerson,
  ): Promise<{ restored: string; saved: string } | MakeFailure | null> {
    const version = await this.options.storage.readVersion(analysisId, versionId);
    if (version === null) return null;
    const parsed = parseAnalysisText(version.file);
    if (!parsed.ok) throw new Error(`version ${versionId} of analysis ${analysisId} cannot be read: ${parsed.errors[0]?.message ?? ''}`);
    const outcome = await this.options.rooms.change(analysisId, async (room) => {
      // Read and written in one turn: no edit can come in between, so the saved version is exactly what was replaced.
      const before = readAnalysis(room.doc);
      applyAnalysis(room.doc, RESTORE_ORIGIN, parsed.value);
      let saved: VersionInfo | MakeFailure;
      try {
        saved = await this.store(analysisId, before, { reason: 'restore', by, name: VERSION_NAMES.beforeRestore(version.info.name) });
      } catch (error) {
        applyAnalysis(room.doc, RESTORE_ORIGIN, before);
        throw error;
      }
      if (typeof saved === 'string') {
        // Not kept, so not restored either: a restore is never a loss.
        applyAnalysis(room.doc, RESTORE_ORIGIN, before);
        return saved;
      }
      await room.flush();
      return saved;
    });
    if (outcome === null) return 'missing';
    if (typeof outcome === 'string') return outcome;
    const session = this.sessions.get(analysisId);
    if (session !== undefined) session.dirty = false;
    await this.options.accessLog.record(analysisId, { name: by.name, role: by.role, action: 'versionRestored', detail: versionId });
    return { restored: versionId, saved: outcome.id };
  }

  /** Deletes one version; false when the analysis has no such version. */
  async delete(analysisId: string, versionId: string, by: VersionPerson): Promise<boolean> {
    const deleted = await this.options.storage.deleteVersion(analysisId, versionId);
    if (deleted)
      await this.options.accessLog.record(analysisId, { name: by.name, role: by.role, action: 'versionDeleted', detail: versionId });
    return deleted;
  }

  /** Stops the idle timers and waits for automatic versions under way (on shutdown, before storage closes). */
  async close(): Promise<void> {
    this.closed = true;
    for (const session of this.sessions.values()) if (session.idleTimer !== null) clearTimeout(session.idleTimer);
    this.sessions.clear();
    await Promise.allSettled([...this.making]);
  }

  /** Freezes `analysis` as a version of the analysis and records it in the access log. */
  private async store(analysisId: string, analysis: Analysis, request: MakeRequest): Promise<VersionInfo | MakeFailure> {
    const at = this.now();
    const session = this.sessions.get(analysisId);
    const present = session === undefined ? [] : this.presentIn(session);
    const { date, time } = formatExportDate(new Date(at), 'nl');
    const name =
      request.name?.trim() || (request.reason === 'session' ? VERSION_NAMES.session(date, time) : VERSION_NAMES.manual(date, time));
    const version: NewVersion = {
      id: newVersionId(),
      name,
      at,
      auto: request.reason !== 'manual',
      reason: request.reason,
      by: request.by,
      present,
      actors: actorsPresent(analysis, present),
      ...countsOf(analysis),
      file: JSON.stringify(toAnalysisFile(analysis)),
    };
    const result = await this.options.storage.addVersion(analysisId, version, this.maxVersions);
    if (result === 'missing' || result === 'full') return result;
    // 'taken' would need a repeated 128-bit random id: not a case to handle.
    if (result !== 'added') throw new Error(`version id ${version.id} was taken`);
    // An automatic version is made by the server, not by the person `by` names: the log does not put it on them.
    await this.options.accessLog.record(analysisId, {
      name: request.reason === 'manual' ? request.by.name : NO_NAME,
      role: request.by.role,
      action: 'versionMade',
      detail: version.id,
    });
    const { file: _file, ...info } = version;
    return info;
  }

  /** Everyone seen since the last version and everyone connected now, each once, people with a name first. */
  private presentIn(session: Session): VersionPerson[] {
    for (const peer of session.peers) this.remember(session, personOf(peer));
    const people = [...session.seen.values()];
    const named = people.filter((p) => p.name !== UNKNOWN_NAME && p.name !== NO_NAME);
    // Someone without a name is listed only when nobody with a name came in on that role.
    const unnamed = people.filter((p) => !named.some((n) => n.role === p.role) && !(p.name !== UNKNOWN_NAME && p.name !== NO_NAME));
    return [...named, ...unnamed];
  }

  private remember(session: Session, person: VersionPerson): void {
    session.seen.set(personKey(person), person);
  }

  /** Ends the session of the analysis with an automatic version (when anything changed). */
  private endSession(analysisId: string, session: Session): void {
    if (this.closed) return;
    if (session.idleTimer !== null) clearTimeout(session.idleTimer);
    session.idleTimer = null;
    const by = session.lastEditor ?? { name: NO_NAME, role: 'facilitator' as const };
    const making = this.make(analysisId, { reason: 'session', by })
      .then((result) => {
        if (result === 'full')
          this.options.log.info(`analysis ${analysisId}: no session version made, it has ${this.maxVersions} versions`);
        // The next session starts with the people connected now.
        session.seen.clear();
        for (const peer of session.peers) this.remember(session, personOf(peer));
      })
      .catch((error: unknown) => this.options.log.error(`making the session version of analysis ${analysisId} failed`, error))
      // Nobody left (or the analysis is gone): nothing to follow until someone joins again.
      .finally(() => {
        if (session.peers.size === 0) this.forget(analysisId, session);
      });
    this.making.add(making);
    void making.finally(() => this.making.delete(making));
  }

  private scheduleIdle(analysisId: string, session: Session, delayMs: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      session.idleTimer = null;
      if (this.sessions.get(analysisId) !== session) return;
      const quiet = this.now() - session.lastEditAt;
      if (quiet < this.options.sessionIdleMs)
        session.idleTimer = this.scheduleIdle(analysisId, session, this.options.sessionIdleMs - quiet);
      else if (session.dirty) this.endSession(analysisId, session);
    }, delayMs);
    timer.unref?.();
    return timer;
  }

  private forget(analysisId: string, session: Session): void {
    if (session.idleTimer !== null) clearTimeout(session.idleTimer);
    if (this.sessions.get(analysisId) === session) this.sessions.delete(analysisId);
  }
}
