/**
 * One open analysis: the Y.Doc (the single source of truth), the y-websocket provider, presence over awareness,
 * per-person undo, and the UI store that mirrors the document for React.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { castDraft } from 'immer';
import { createProjection, type Projection } from '@samenzicht/shared/ydoc/projection';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { isFromNewerVersion } from '@samenzicht/shared/ydoc/read';
import type { Position } from '@samenzicht/shared/model/types';
import { createEditorStore, type CloseReason, type EditorStoreApi, type Peer } from '../store/editorStore.ts';
import { fetchRole } from './api.ts';
import { MAX_PUBLISHED_DRAGS, toPresenceDrags } from './presence.ts';
import { publishSelection, readEditing, readSelection, type Editing } from './editingPresence.ts';
import { watchDeletedWhileEditing } from '../text/deletedWhileEditing.ts';
import { createPatternsRunner } from '../patterns/patternsRunner.ts';
import type { AccessRole } from './links.ts';
import type { JoinWay } from '../join/joinWay.ts';
import { trackUndoDescriptions } from './undoDescriptions.ts';
import { trackRemoteAdds } from './announcements.ts';
import { trackAcks, type AckTracker } from './ack.ts';
import { ACK_PROTOCOL } from '@samenzicht/shared/sync/ackProtocol';
import { parseLead } from './lead.ts';
import { parseSeat } from '../stances/seat.ts';

/** Awareness fields this app publishes. */
interface PresenceState {
  user?: { name?: unknown; colour?: unknown };
  cursor?: unknown;
  drags?: unknown;
  selection?: unknown;
  editing?: unknown;
  lead?: unknown;
  seat?: unknown;
}

export interface Session {
  readonly id: string;
  /** The token of this person's link (kept in memory; never logged). */
  readonly token: string;
  readonly doc: Y.Doc;
  /** The origin of every local transaction; undo tracks only this origin. */
  readonly origin: { readonly local: true };
  readonly provider: WebsocketProvider;
  readonly undo: Y.UndoManager;
  readonly store: EditorStoreApi;
  readonly projection: Projection;
  setCursor(position: Position | null): void;
  setDrags(drags: ReadonlyMap<string, Position> | null): void;
  setUser(name: string, colour: string): void;
  /** Tells others (and this page's store) which text field this person is typing in, or none. */
  setEditing(editing: Editing | null): void;
  destroy(): void;
}

function isPosition(value: unknown): value is Position {
  return typeof value === 'object' && value !== null && Number.isFinite((value as Position).x) && Number.isFinite((value as Position).y);
}

/** Reads other people's presence defensively: awareness states come from other clients. */
function readPeers(awareness: WebsocketProvider['awareness']): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((raw, clientId) => {
    if (clientId === awareness.clientID) return;
    const state = raw as PresenceState;
    const name = typeof state.user?.name === 'string' ? state.user.name.slice(0, 40) : '';
    if (!name) return;
    const colour = typeof state.user?.colour === 'string' && /^#[0-9a-f]{6}$/i.test(state.user.colour) ? state.user.colour : '#555555';
    const drags: Record<string, Position> = {};
    if (typeof state.drags === 'object' && state.drags !== null) {
      for (const [id, pos] of Object.entries(state.drags as Record<string, unknown>).slice(0, MAX_PUBLISHED_DRAGS)) {
        if (isPosition(pos)) drags[id] = { x: pos.x, y: pos.y };
      }
    }
    const lead = parseLead(state.lead);
    peers.push({
      clientId,
      name,
      colour,
      cursor: isPosition(state.cursor) ? state.cursor : null,
      drags,
      selection: readSelection(state.selection),
      editing: readEditing(state.editing),
      lead,
      seat: parseSeat(state.seat),
    });
  });
  return peers.sort((a, b) => a.clientId - b.clientId);
}

/** Maps the server's close codes (see server/src/closeCodes.ts) to what we tell the person. */
function closeReasonOf(code: number): CloseReason {
  if (code === 4401 || code === 4403) return 'refused';
  if (code === 4404) return 'deleted';
  if (code === 4429) return 'tooMany';
  return 'broken';
}

const ROLE_PREFIX = 'samenzicht.role.';

function loadCachedRole(id: string): AccessRole | null {
  try {
    const role = localStorage.getItem(ROLE_PREFIX + id);
    return role === 'facilitator' || role === 'editor' || role === 'viewer' ? role : null;
  } catch {
    return null;
  }
}

function saveCachedRole(id: string, role: AccessRole): void {
  try {
    localStorage.setItem(ROLE_PREFIX + id, role);
  } catch {
    // Not cached: offline starts are read-only until the server answers.
  }
}

/** UTF-8 text as base64url (no padding), the alphabet a subprotocol may carry. */
function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The subprotocols that present this person's token and name (and how they came in) to the server. */
export function syncProtocols(token: string, name: string, via: JoinWay | null = null): string[] {
  // ACK_PROTOCOL: this page answers to pings and stored acknowledgements (sync/ack.ts).
  const protocols = ['samenzicht', ACK_PROTOCOL, `samenzicht.token.${token}`];
  const trimmed = Array.from(name.trim()).slice(0, 40).join('');
  if (trimmed !== '') protocols.push(`samenzicht.name.${toBase64Url(trimmed)}`);
  if (via !== null) protocols.push(`samenzicht.via.${via}`);
  return protocols;
}

function syncUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${protocol}://${window.location.host}/sync`;
}

/** Opens an analysis and starts syncing it. */
export function createSession(options: { id: string; token: string; name: string; colour: string; via?: JoinWay | null }): Session {
  const doc = new Y.Doc();
  const origin = { local: true } as const;
  const projection = createProjection(doc);
  const store = createEditorStore(projection.get());
  const maps = getMaps(doc);
  const undo = new Y.UndoManager(
    [maps.meta, maps.factors, maps.links, maps.actors, maps.loopNames, maps.comments, maps.stances, maps.trash],
    {
      trackedOrigins: new Set([origin]),
      captureTimeout: 400,
    },
  );

  // A copy in this browser, so edits made offline survive a reload and merge when the server is back. It is
  // wiped when the link stops working or the analysis is deleted.
  const local = new IndexeddbPersistence(`samenzicht:${options.id}`, doc);
  const provider = new WebsocketProvider(syncUrl(), options.id, doc, {
    // Token and name travel as subprotocols, not in the URL: a URL shows up in the console and in proxy logs
    // (server/src/syncHandshake.ts). The name only goes into the facilitator's access log.
    protocols: syncProtocols(options.token, options.name, options.via),
    // Cross-tab sync would let a view-only tab pass changes to an editing tab behind the server's back.
    disableBc: true,
    maxBackoffTime: 5000,
  });
  provider.awareness.setLocalStateField('user', { name: options.name, colour: options.colour });

  let everConnected = false;
  let acks: AckTracker | null = null;
  const setConnection = () => {
    store.setState((s) => {
      if (s.connection === 'closed') return;
      // No network, or a socket that stays open while the server no longer answers (sync/ack.ts).
      if (!navigator.onLine || (provider.wsconnected && acks?.isHeard() === false)) s.connection = 'offline';
      else if (provider.wsconnected && provider.synced) s.connection = 'connected';
      else s.connection = everConnected ? 'reconnecting' : 'connecting';
      if (s.connection === 'connected') s.unsent = false;
      s.saveState = acks?.saveState() ?? 'unknown';
    });
  };
  acks = trackAcks(provider, doc, setConnection);
  provider.on('status', setConnection);
  provider.on('sync', (synced: boolean) => {
    if (synced) everConnected = true;
    setConnection();
  });
  provider.on('closed', ({ code }: { code: number }) => {
    const reason = closeReasonOf(code);
    if (reason === 'refused' || reason === 'deleted') void local.clearData();
    store.setState((s) => {
      s.connection = 'closed';
      s.closeReason = reason;
      s.readOnly = true;
    });
  });

  const applyRole = (role: AccessRole) =>
    store.setState((s) => {
      s.role = role;
      s.readOnly = role === 'viewer' || s.connection === 'closed' || s.newerVersion;
    });
  const cachedRole = loadCachedRole(options.id);
  if (cachedRole) applyRole(cachedRole);
  void fetchRole(options.id, options.token).then((answer) => {
    if (answer.ok) {
      saveCachedRole(options.id, answer.role);
      applyRole(answer.role);
    } else if (answer.status === 401) {
      void local.clearData();
      store.setState((s) => {
        s.connection = 'closed';
        s.closeReason = 'refused';
        s.readOnly = true;
      });
    }
    // Offline: keep the cached role (or stay read-only) until the server answers.
  });
  window.addEventListener('online', setConnection);
  window.addEventListener('offline', setConnection);

  const patternsRunner = createPatternsRunner({
    onResult: (patterns) => store.setState((s) => void (s.patterns = castDraft(patterns))),
    onCurrent: (revision) => store.setState((s) => void (s.patternsRevision = revision)),
  });
  const firstRevision = patternsRunner.update(projection.get());
  store.setState((s) => void (s.docRevision = firstRevision));
  // A document written by a newer Samenzicht: this page could write it in a shape the newer one does not expect.
  const checkVersion = () => {
    if (!isFromNewerVersion(doc) || store.getState().newerVersion) return;
    store.setState((s) => {
      s.newerVersion = true;
      s.readOnly = true;
    });
  };
  checkVersion();
  const unsubscribe = projection.subscribe((state, txOrigin) => {
    checkVersion();
    const revision = patternsRunner.update(state);
    store.setState((s) => {
      s.doc = castDraft(state);
      s.docRevision = revision;
      if (txOrigin === origin && !(provider.wsconnected && provider.synced)) s.unsent = true;
    });
  });
  const updateUndo = () =>
    store.setState((s) => {
      s.canUndo = undo.canUndo();
      s.canRedo = undo.canRedo();
    });
  undo.on('stack-item-added', updateUndo);
  undo.on('stack-item-popped', updateUndo);
  undo.on('stack-cleared', updateUndo);
  const stopUndoDescriptions = trackUndoDescriptions(doc, undo, projection, store);
  const stopAnnouncements = trackRemoteAdds({
    doc,
    remoteOrigin: provider,
    awareness: provider.awareness,
    store,
    isLoaded: () => everConnected,
  });

  // Only other people's presence matters to the view; our own cursor and drags change every 40 ms while moving.
  const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const me = provider.awareness.clientID;
    if ([...added, ...updated, ...removed].every((id) => id === me)) return;
    store.setState((s) => void (s.peers = castDraft(readPeers(provider.awareness))));
  };
  provider.awareness.on('change', onAwareness);
  const stopSelection = publishSelection(store, provider.awareness);
  const stopWatching = watchDeletedWhileEditing({ projection, store, origin, undo });

  // Presence is throttled: a cursor or drag position at most every 40 ms, always the latest one.
  let pending: { cursor?: Position | null; drags?: Record<string, Position> | null } = {};
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flushPresence = () => {
    timer = null;
    const current = provider.awareness.getLocalState() ?? {};
    provider.awareness.setLocalState({ ...current, ...pending });
    pending = {};
  };
  const schedule = (immediate: boolean) => {
    if (immediate) {
      if (timer) clearTimeout(timer);
      flushPresence();
    } else if (!timer) timer = setTimeout(flushPresence, 40);
  };

  return {
    id: options.id,
    token: options.token,
    doc,
    origin,
    provider,
    undo,
    store,
    projection,
    setCursor(position) {
      pending.cursor = position;
      schedule(position === null);
    },
    setDrags(drags) {
      // At most 30 factors, rounded: the state stays far below the server's MAX_PRESENCE_BYTES (presence.ts).
      pending.drags = drags ? toPresenceDrags(drags) : null;
      schedule(drags === null);
    },
    setUser(name, colour) {
      provider.awareness.setLocalStateField('user', { name, colour });
      // A reconnect presents the new name from the start.
      provider.protocols = syncProtocols(options.token, name, options.via);
    },
    setEditing(editing) {
      provider.awareness.setLocalStateField('editing', editing);
      store.setState((s) => void (s.typing = editing));
    },
    destroy() {
      if (timer) clearTimeout(timer);
      stopSelection();
      stopWatching();
      window.removeEventListener('online', setConnection);
      window.removeEventListener('offline', setConnection);
      unsubscribe();
      stopUndoDescriptions();
      stopAnnouncements();
      acks?.destroy();
      patternsRunner.destroy();
      undo.destroy();
      provider.destroy();
      void local.destroy();
      projection.destroy();
      doc.destroy();
    },
  };
}
