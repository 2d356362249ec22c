/**
 * A room is one loaded analysis: its Y.Doc, its awareness (presence, never stored) and the peers connected to it.
 * It knows nothing of sockets or the wire protocol: peers are anything that can take an update and be closed.
 *
 * Persistence: every doc update is queued and written within `flushIntervalMs`, all queued updates in one
 * transaction. When the log since the last snapshot grows past `compactThreshold` rows, the whole state is written
 * as a new snapshot (`encodeStateAsUpdate`, which drops deleted content, unlike `mergeUpdates`) and the log rows
 * it covers are deleted. All storage work of one document goes through the keyed queue, so it never interleaves
 * with a load or a delete of the same document.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CLOSE_CODES } from './closeCodes.ts';
import type { KeyedQueue } from './keyedQueue.ts';
import type { Logger } from './log.ts';
import { STORAGE_ORIGIN } from './restoreDoc.ts';
import type { Storage } from './storage/storage.ts';

export interface RoomPeer {
  /**
   * Which link the peer used (the hash of its token). Everyone on one link shares it, so it does not say who someone
   * is; it only limits who may claim a client id whose owner stopped answering (see `applyAwarenessUpdate`).
   */
  readonly tokenHash?: string | null;
  /** Sends a Yjs update of the document. */
  sendDocUpdate(update: Uint8Array): void;
  /** Sends an encoded awareness update. */
  sendAwarenessUpdate(update: Uint8Array): void;
  close(code: number, reason: string): void;
  /**
   * Whether the other end still answers (a ping), known within `timeoutMs`; a peer that does not is cut off and
   * leaves before this resolves with false. A peer without it counts as alive.
   */
  checkAlive?(timeoutMs: number): Promise<boolean>;
  /** More of the document is committed to storage now (`Room.storedClock` says how much of whose edits). */
  storedChanged?(): void;
}

export interface RoomOptions {
  readonly storage: Storage;
  readonly queue: KeyedQueue;
  readonly log: Logger;
  readonly flushIntervalMs: number;
  readonly compactThreshold: number;
  readonly unloadGraceMs: number;
  /** Called when the last peer left and the grace period passed; the owner then calls `unload()`. */
  readonly onIdle: (room: Room) => void;
}

/** Where the room stands in its life; only an open room takes peers and stores updates. */
type RoomState = 'open' | 'closing' | 'closed' | 'discarded';

/** After a failed write the queued updates are kept and tried again this much later. */
const RETRY_FLUSH_MS = 1_000;

/**
 * A stock client announces one awareness state, its own; a few more reach the server through it from other tabs of
 * the same browser (BroadcastChannel; the web app turns that off). A peer that announces more is closed with 4429.
 * With MAX_PRESENCE_BYTES per state this bounds what one socket adds to the room and to every late joiner's first
 * message (at most 8 × 4 KB per connection).
 */
export const MAX_AWARENESS_STATES_PER_PEER = 8;
/**
 * How long the owner of a client id has to answer a ping when another connection on the same link claims that id
 * with a newer clock (a person whose network switched, before the old socket is noticed gone).
 */
export const PRESENCE_PROBE_MS = 3_000;
/**
 * y-protocols keeps a clock for every client id it ever saw, also after its state is gone, and never forgets one;
 * a message may name any number of ids. Once this many clocks have no state they are dropped.
 */
export const MAX_STALE_AWARENESS_CLOCKS = 1_000;
/**
 * Awareness changes are relayed together, at most once per this interval. The stock client sends every awareness
 * update it receives straight back to the server (unchanged, so ignored there); relayed one by one, a room where n
 * people move their cursors (25 times a second each, web/src/sync/session.ts) would make every client send 25·n
 * messages a second, and MAX_MESSAGES_PER_SECOND (200) would cut them all off from n = 9 on.
 */
export const AWARENESS_RELAY_MS = 40;

/** One entry of an awareness update: a client id, its clock and its state as JSON (`null` removes it). */
interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  readonly json: string;
}

/** The entries of an (already validated, syncMessage.ts) awareness update. */
function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, json: decoding.readVarString(decoder) });
  }
  return entries;
}

function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

/** The JSON was validated; JSON allows only space, tab, CR and LF around a value, all of which `trim` removes. */
function isRemoval(entry: AwarenessEntry): boolean {
  return entry.json.trim() === 'null';
}

export class Room {
  readonly awareness: awarenessProtocol.Awareness;
  /** Each peer with the awareness client ids it owns (`owners`), removed for everyone when it leaves. */
  private readonly peers = new Map<RoomPeer, Set<number>>();
  /** The peer that owns each client id: the socket that first announced it, until it leaves or removes it. */
  private readonly owners = new Map<number, RoomPeer>();
  /** Claims on owned client ids waiting for their owner's answer to a ping; at most one per id, the newest. */
  private readonly claims = new Map<number, { readonly peer: RoomPeer; readonly entry: AwarenessEntry }>();
  private pending: Uint8Array[] = [];
  /** When the oldest update in `pending` arrived (ms, performance.now()), or null when nothing is pending. */
  private pendingSince: number | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  private rowsSinceSnapshot: number;
  private lastStoredId: number;
  private state: RoomState = 'open';
  /** Per Yjs client id, the clock below which its edits are committed to storage (a state vector). */
  private stored: Map<number, number>;
  /** Counts the batches taken for storage; a failed write remembers the count at the time it failed. */
  private batchCount = 0;
  private lastFailureAt = -1;
  /** Awareness client ids changed since the last relay, and the timer of the next relay. */
  private readonly awarenessChanged = new Set<number>();
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
    stored: { readonly rows: number; readonly lastUpdateId: number },
    private readonly options: RoomOptions,
  ) {
    this.rowsSinceSnapshot = stored.rows;
    this.lastStoredId = stored.lastUpdateId;
    // Everything the room was loaded with came from storage.
    this.stored = Y.decodeStateVector(Y.encodeStateVector(doc));
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is not a participant: without this every client would see it as a present user.
    this.awareness.setLocalState(null);
    doc.on('update', this.handleDocUpdate);
    this.awareness.on('update', this.handleAwarenessUpdate);
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** Adds a peer; a pending unload is cancelled. */
  join(peer: RoomPeer): void {
    if (this.state !== 'open') throw new Error('a closed room cannot take peers');
    this.peers.set(peer, this.peers.get(peer) ?? new Set());
    this.clearGraceTimer();
  }

  /**
   * Removes a peer and the awareness states it owned, for everyone at once (nobody stays visible mid-drag); a claim
   * waiting for this peer's answer is taken now. The last one out starts the grace period.
   */
  leave(peer: RoomPeer): void {
    const clientIds = this.peers.get(peer);
    if (clientIds === undefined) return;
    this.peers.delete(peer);
    for (const clientId of clientIds) this.owners.delete(clientId);
    for (const [clientId, claim] of this.claims) if (claim.peer === peer) this.claims.delete(clientId);
    if (this.state !== 'open') return;
    if (clientIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clientIds], null);
    // In the same turn as the removal, so the next relay carries the claimed state and nobody sees a gap.
    for (const clientId of clientIds) this.takeClaim(clientId);
    if (this.peers.size === 0) {
      this.clearGraceTimer();
      this.graceTimer = setTimeout(() => {
        this.graceTimer = null;
        if (this.peers.size === 0 && this.state === 'open') this.options.onIdle(this);
      }, this.options.unloadGraceMs);
    }
  }

  /** Closes every peer's connection (they leave through their own close handling). */
  closePeers(code: number, reason: string): void {
    for (const peer of [...this.peers.keys()]) {
      try {
        peer.close(code, reason);
      } catch (error) {
        this.options.log.error(`closing a peer of analysis ${this.id} failed`, error);
      }
    }
  }

  /**
   * Applies an awareness update from `peer` (already checked to be well-formed, each state at most
   * MAX_PRESENCE_BYTES). A client id belongs to the socket that first announced it:
   * - entries for an id another socket owns are dropped without a word: the stock client sends every awareness
   *   change it hears back to the server, and a viewer must not rewrite or hide anyone else's presence, also not
   *   someone on the same link;
   * - removals count only from the owner;
   * - one exception: a socket on the same link that announces an owned id with a newer clock than the room has (an
   *   echo never has one) may be that person after a network switch, with the old socket dead but not yet closed.
   *   The owner is then pinged; if it does not answer within PRESENCE_PROBE_MS it is cut off and the claim is
   *   applied, else the claim is dropped.
   * A peer that would own more than MAX_AWARENESS_STATES_PER_PEER ids is closed with 4429, nothing applied.
   */
  applyAwarenessUpdate(update: Uint8Array, peer: RoomPeer): void {
    const owned = this.peers.get(peer);
    if (owned === undefined || this.state !== 'open') return;
    const accepted: AwarenessEntry[] = [];
    let newIds = 0;
    for (const entry of decodeAwarenessEntries(update)) {
      const owner = this.owners.get(entry.clientId);
      if (owner === peer) {
        accepted.push(entry);
      } else if (isRemoval(entry) || entry.clock <= this.clockOf(entry.clientId)) {
        // Someone else's removal, or a state no newer than the room's (an echo): nothing to do.
      } else if (owner === undefined) {
        accepted.push(entry);
        newIds++;
      } else if (owner.tokenHash != null && owner.tokenHash === peer.tokenHash) {
        this.claim(entry, peer, owner);
      }
    }
    if (owned.size + newIds > MAX_AWARENESS_STATES_PER_PEER) {
      this.options.log.info(`closing a peer of analysis ${this.id}: more than ${MAX_AWARENESS_STATES_PER_PEER} awareness states`);
      peer.close(CLOSE_CODES.tooManyMessages, 'too many awareness states');
      return;
    }
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), peer);
    const { meta, states } = this.awareness;
    if (meta.size > states.size + MAX_STALE_AWARENESS_CLOCKS) {
      for (const clientId of meta.keys()) {
        if (!states.has(clientId) && !this.awarenessChanged.has(clientId)) meta.delete(clientId);
      }
    }
  }

  /** The room's clock of `clientId` (0 when it never saw it). */
  private clockOf(clientId: number): number {
    return this.awareness.meta.get(clientId)?.clock ?? 0;
  }

  /** Keeps `entry` as `peer`'s claim on an id `owner` owns, and pings the owner unless a ping is under way. */
  private claim(entry: AwarenessEntry, peer: RoomPeer, owner: RoomPeer): void {
    const pending = this.claims.get(entry.clientId);
    if (pending === undefined || entry.clock > pending.entry.clock) this.claims.set(entry.clientId, { peer, entry });
    if (pending !== undefined) return;
    if (owner.checkAlive === undefined) {
      this.claims.delete(entry.clientId);
      return;
    }
    owner
      .checkAlive(PRESENCE_PROBE_MS)
      .catch(() => true)
      .then((alive) => this.settleClaim(entry.clientId, owner, alive))
      .catch((error: unknown) => this.options.log.error(`settling a presence claim in analysis ${this.id} failed`, error));
  }

  private settleClaim(clientId: number, owner: RoomPeer, alive: boolean): void {
    if (!this.claims.has(clientId) || this.state !== 'open') return;
    if (!alive && this.peers.has(owner)) {
      this.options.log.info(
        `analysis ${this.id}: a connection that did not answer a ping was cut off; its presence goes to the same link's new connection`,
      );
      // Leaving takes the claim (see `leave`); closing a peer that already cut itself off does nothing.
      this.leave(owner);
      owner.close(CLOSE_CODES.goingAway, 'no answer');
      return;
    }
    if (this.owners.has(clientId)) this.claims.delete(clientId);
    else this.takeClaim(clientId);
  }

  /** Applies the pending claim on `clientId`, if any, as an update from its claimant (now that nobody owns the id). */
  private takeClaim(clientId: number): void {
    const claim = this.claims.get(clientId);
    if (claim === undefined) return;
    this.claims.delete(clientId);
    if (this.peers.has(claim.peer)) this.applyAwarenessUpdate(encodeAwarenessEntries([claim.entry]), claim.peer);
  }

  /** How much of the edits of Yjs client `clientId` is committed to storage: every edit below this clock. */
  storedClock(clientId: number): number {
    return this.stored.get(clientId) ?? 0;
  }

  /** Writes the queued updates now (and compacts when the log is long); resolves when they are stored. */
  flush(): Promise<void> {
    return this.persist(false);
  }

  /** Writes what is queued, writes a snapshot, then destroys the doc. The room is unusable afterwards. */
  async unload(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'closing';
    this.clearGraceTimer();
    try {
      // Queued synchronously here, so a new load of this document is queued after it.
      await this.persist(true);
    } finally {
      this.state = 'closed';
      this.destroy();
    }
  }

  /** Drops the room without storing anything (the analysis is being deleted) and closes its peers. */
  discard(code: number, reason: string): void {
    if (this.state === 'closed' || this.state === 'discarded') return;
    this.state = 'discarded';
    this.clearGraceTimer();
    this.pending = [];
    this.pendingSince = null;
    this.closePeers(code, reason);
    this.peers.clear();
    this.destroy();
  }

  /**
   * Stores and relays a change that is in the document without Yjs having announced it: an update that threw
   * half-way (after some of it was integrated, before the 'update' event) leaves the document changed but silent,
   * and without this the change would be neither stored nor sent to the others (the live document, what HTTP
   * reads, would differ from storage and from every client). `update` is that change, `origin` its sender.
   */
  adoptUnannounced(update: Uint8Array, origin: unknown): void {
    this.handleDocUpdate(update, origin);
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === STORAGE_ORIGIN || this.state !== 'open') return;
    this.pending.push(update);
    const now = performance.now();
    this.pendingSince ??= now;
    // The flush timer runs late when the event loop is busy with a backlog of messages (timers wait for the whole
    // poll phase). Checking the deadline here too keeps the promise "on disk within ~2 intervals" under load.
    if (now - this.pendingSince >= this.options.flushIntervalMs && this.options.flushIntervalMs > 0) {
      this.flush().catch((error: unknown) => this.options.log.error(`storing updates of analysis ${this.id} failed`, error));
    } else {
      this.scheduleFlush(this.options.flushIntervalMs);
    }
    for (const peer of this.peers.keys()) {
      // Never echo an update back to the peer it came from.
      if (peer !== origin) this.sendSafely(peer, () => peer.sendDocUpdate(update));
    }
  };

  private readonly handleAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    // Only changes a peer made itself pass `applyAwarenessUpdate`'s ownership check; removals by the room (a peer
    // leaving, or y-protocols' 30 s timeout) have another origin and leave ownership to `leave`.
    const peer = origin as RoomPeer;
    const fromPeer = this.peers.get(peer);
    if (fromPeer !== undefined) {
      for (const clientId of [...added, ...updated]) {
        fromPeer.add(clientId);
        this.owners.set(clientId, peer);
      }
      for (const clientId of removed) {
        fromPeer.delete(clientId);
        if (this.owners.get(clientId) === peer) this.owners.delete(clientId);
      }
    }
    for (const clientId of [...added, ...updated, ...removed]) this.awarenessChanged.add(clientId);
    this.awarenessTimer ??= setTimeout(this.relayAwareness, AWARENESS_RELAY_MS);
  };

  /** Sends every peer the awareness states that changed since the last relay, in one message. */
  private readonly relayAwareness = (): void => {
    this.awarenessTimer = null;
    // An id without a clock cannot be encoded; the sweep in applyAwarenessUpdate spares pending ids, so this is rare.
    const changed = [...this.awarenessChanged].filter((clientId) => this.awareness.meta.has(clientId));
    this.awarenessChanged.clear();
    if (changed.length === 0 || this.state !== 'open') return;
    const encoded = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    // Sent to the sender too, like the stock y-websocket server: a client alone in a room otherwise hears nothing
    // for 30 s and its watchdog drops the connection. Its own state echoed back is a no-op for it.
    for (const peer of this.peers.keys()) this.sendSafely(peer, () => peer.sendAwarenessUpdate(encoded));
  };

  private sendSafely(peer: RoomPeer, send: () => void): void {
    try {
      send();
    } catch (error) {
      this.options.log.error(`sending to a peer of analysis ${this.id} failed`, error);
      peer.close(1011, 'send failed');
    }
  }

  private scheduleFlush(delayMs: number): void {
    if (this.flushTimer !== null || this.state !== 'open') return;
    // On a clock shared by every room (the next multiple of the interval), so the rooms' appends meet in one
    // group commit (sqliteStorage.ts) instead of costing an fsync each. Still written within `delayMs`.
    const wait = delayMs > 0 ? delayMs - (Date.now() % delayMs) : 0;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flush().catch((error: unknown) => this.options.log.error(`storing updates of analysis ${this.id} failed`, error));
    }, wait);
  }

  /** Queues one storage task with everything pending; `snapshot` forces a snapshot when the log is not empty. */
  private persist(snapshot: boolean): Promise<void> {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = this.pending;
    this.pending = [];
    this.pendingSince = null;
    // Every update applied so far is in this batch or an earlier one (handleDocUpdate queues each at once), so once
    // this batch is committed the doc's state vector of now is stored, unless an earlier batch failed meanwhile.
    const batchNumber = ++this.batchCount;
    const covered = batch.length > 0 ? Y.decodeStateVector(Y.encodeStateVector(this.doc)) : null;
    const { storage, queue, compactThreshold } = this.options;
    return queue.run(this.id, async () => {
      if (this.state === 'discarded') return;
      if (batch.length > 0) {
        try {
          this.lastStoredId = await storage.appendUpdates(this.id, batch);
          this.rowsSinceSnapshot += batch.length;
          if (covered !== null && this.lastFailureAt < batchNumber) this.markStored(covered);
        } catch (error) {
          this.lastFailureAt = this.batchCount;
          this.pending = [...batch, ...this.pending];
          this.pendingSince ??= performance.now();
          this.scheduleFlush(RETRY_FLUSH_MS);
          throw error;
        }
      }
      if (this.rowsSinceSnapshot > compactThreshold || (snapshot && this.rowsSinceSnapshot > 0)) {
        // The doc may already hold updates that are still queued; they are in the snapshot and will also be
        // logged once more, which is harmless because applying a Yjs update twice changes nothing.
        await storage.compact(this.id, Y.encodeStateAsUpdate(this.doc), this.lastStoredId);
        this.rowsSinceSnapshot = 0;
      }
    });
  }

  /** Records what a committed batch covered and tells the peers (those that asked pass it on to their client). */
  private markStored(covered: Map<number, number>): void {
    for (const [client, clock] of covered) if (clock > (this.stored.get(client) ?? 0)) this.stored.set(client, clock);
    for (const peer of this.peers.keys()) this.sendSafely(peer, () => peer.storedChanged?.());
  }

  private clearGraceTimer(): void {
    if (this.graceTimer !== null) clearTimeout(this.graceTimer);
    this.graceTimer = null;
  }

  private destroy(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.awarenessTimer !== null) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    this.claims.clear();
    this.doc.off('update', this.handleDocUpdate);
    this.awareness.off('update', this.handleAwarenessUpdate);
    // Destroying the doc destroys its awareness too (and stops the awareness timer).
    this.doc.destroy();
  }
}
