/**
 * The per-editor UI store (a factory, passed down by context). It holds the read-only projection of the Yjs
 * document and local UI state; it never holds analysis data of its own. Writes go through shared/ydoc commands.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { immer } from 'zustand/middleware/immer';
import { enableMapSet, setAutoFreeze } from 'immer';
import type { Position } from '@samenzicht/shared/model/types';
import type { ProjectionState } from '@samenzicht/shared/ydoc/projection';
import type { AccessRole } from '../sync/links.ts';
import type { ChangeDescription } from '../sync/describeChange.ts';
import type { AddedNotice } from '../sync/notices.ts';
import type { Patterns } from '@samenzicht/shared/graph/patterns';
import type { Editing } from '../sync/editingPresence.ts';
import type { DeletedWhileEditing } from '../text/deletedWhileEditing.ts';
import type { Lead, Spot } from '../sync/lead.ts';
import type { Seat, StanceFilter } from '../stances/seat.ts';

enableMapSet();
// The projection is immutable by construction; deep-freezing thousands of factors on every change only costs time.
setAutoFreeze(false);

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

/** Why the server ended the connection for good (the client does not retry these). */
export type CloseReason = 'refused' | 'deleted' | 'tooMany' | 'broken';

export interface Peer {
  readonly clientId: number;
  readonly name: string;
  readonly colour: string;
  readonly cursor: Position | null;
  /** Positions of factors this person is dragging right now (not yet written to the document). */
  readonly drags: Readonly<Record<string, Position>>;
  /** Factors this person has selected (at most 30 are published). */
  readonly selection: readonly string[];
  /** The text field this person is typing in, if any. */
  readonly editing: Editing | null;
  /** Their lead (follow me, what they point at), parsed defensively (sync/lead.ts). */
  readonly lead?: Lead | null;
  /** Who they are in the analysis (an actor id) and their link's role, parsed defensively (stances/seat.ts). */
  readonly seat?: Seat | null;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface EditorState {
  readonly doc: ProjectionState;
  readonly connection: ConnectionStatus;
  /** Local changes made while not connected, not yet sent to the server. */
  readonly unsent: boolean;
  /** Whether the server has stored every local change ('unknown' when it does not say; sync/ack.ts). */
  readonly saveState: 'stored' | 'storing' | 'unknown';
  readonly selectedNodes: ReadonlySet<string>;
  readonly selectedEdges: ReadonlySet<string>;
  /** Positions of factors this person is dragging right now. */
  readonly localDrag: ReadonlyMap<string, Position>;
  /** Measured sizes of factor nodes, which React Flow needs back on every node. */
  readonly sizes: ReadonlyMap<string, Size>;
  readonly peers: readonly Peer[];
  readonly editingId: string | null;
  /** The text field this person is typing in (published to others as `editing`). */
  readonly typing: Editing | null;
  /** A factor someone else deleted while this person typed in it, offered back (DeletedNotice). */
  readonly deletedWhileEditing: DeletedWhileEditing | null;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** What the next undo and redo would undo or redo (sync/undoDescriptions.ts). */
  readonly undoDescription: ChangeDescription | null;
  readonly redoDescription: ChangeDescription | null;
  /** What the last undo or redo did; `at` counts them, so the same sentence twice is announced twice. */
  /** Factors others added, for the toasts (sync/announcements.ts); a toast dismissed leaves this list. */
  readonly notices: readonly AddedNotice[];
  readonly undoStatus: { readonly action: 'undo' | 'redo'; readonly description: ChangeDescription; readonly at: number } | null;
  readonly shareOpen: boolean;
  /** The person whose factors are highlighted (others dimmed), if any. */
  readonly highlightActor: string | null;
  /** Loops and break points of the current analysis (computed in a worker), null until the first answer. */
  readonly patterns: Patterns | null;
  /** The revision of the document state in `doc` (counted by the patterns runner, patternsRunner.ts). */
  readonly docRevision: number;
  /** The revision of the newest document state `patterns` hold for; equal to `docRevision` when they are up to date. */
  readonly patternsRevision: number;
  /** The loop shown on the canvas (hovered or chosen in the patterns panel); the rest is dimmed. */
  readonly highlightLoop: string | null;
  /** The loop chosen in the patterns panel; shown whenever no other loop is hovered. */
  readonly pinnedLoop: string | null;
  /** Whether break points are marked on the canvas. */
  readonly showBreakPoints: boolean;
  /** This person's role, as the server says (null until known). */
  readonly role: AccessRole | null;
  readonly closeReason: CloseReason | null;
  /** The document was written by a newer Samenzicht than this page: only a reload may change it. */
  readonly newerVersion: boolean;
  /**
   * True when this person may only look: a viewer link, a role not known yet, a closed connection, or a document of
   * a newer Samenzicht.
   */
  readonly readOnly: boolean;
  /** Presentation mode: the canvas alone, for the shared screen. */
  readonly presenting: boolean;
  /** Whether each loop carries its R1/B1 label on the canvas (remembered on this device). */
  readonly showLoopLabels: boolean;
  /** This person asks everyone to follow their view: the round number they publish (sync/lead.ts), or null. */
  readonly leading: number | null;
  /** What this person points at for everyone, or null. */
  readonly spot: Spot | null;
  /** The round of someone's lead this person stopped following. */
  readonly unfollowed: number | null;
  /** Who this person is in the analysis (an actor id; remembered per analysis on this device), or null. */
  readonly myActor: string | null;
  /** "Wie ben jij in deze analyse?": not asked yet, open (asked for), or answered / put off (stances/SeatGate.tsx). */
  readonly seatQuestion: 'pending' | 'open' | 'done';
  /** The canvas shows only what differs, or only what nobody marked (stances/StanceFilterBar.tsx). */
  readonly stanceFilter: StanceFilter | null;
}

export const LOOP_LABELS_KEY = 'samenzicht.loopLabels';

function loadShowLoopLabels(): boolean {
  try {
    return localStorage.getItem(LOOP_LABELS_KEY) !== 'hidden';
  } catch {
    return true;
  }
}

/** The loop to show on the canvas: the hovered one, else the chosen one. */
export function shownLoopId(state: EditorState): string | null {
  return state.highlightLoop ?? state.pinnedLoop;
}

export type EditorStore = StoreApi<EditorState> & {
  setState: (fn: (draft: EditorState) => void) => void;
};

/** Creates the store of one editor, starting from the document's current projection. */
export function createEditorStore(doc: ProjectionState) {
  return createStore<EditorState>()(
    immer(() => ({
      doc,
      connection: 'connecting' as ConnectionStatus,
      unsent: false,
      saveState: 'unknown' as EditorState['saveState'],
      selectedNodes: new Set<string>(),
      selectedEdges: new Set<string>(),
      localDrag: new Map<string, Position>(),
      sizes: new Map<string, Size>(),
      peers: [] as Peer[],
      editingId: null as string | null,
      typing: null as Editing | null,
      deletedWhileEditing: null as DeletedWhileEditing | null,
      canUndo: false,
      canRedo: false,
      undoDescription: null as ChangeDescription | null,
      redoDescription: null as ChangeDescription | null,
      undoStatus: null as EditorState['undoStatus'],
      notices: [] as AddedNotice[],
      shareOpen: false,
      highlightActor: null as string | null,
      patterns: null as Patterns | null,
      docRevision: 0,
      patternsRevision: 0,
      highlightLoop: null as string | null,
      pinnedLoop: null as string | null,
      showBreakPoints: false,
      role: null as AccessRole | null,
      closeReason: null as CloseReason | null,
      newerVersion: false,
      readOnly: true,
      presenting: false,
      showLoopLabels: loadShowLoopLabels(),
      leading: null as number | null,
      spot: null as Spot | null,
      unfollowed: null as number | null,
      myActor: null as string | null,
      seatQuestion: 'pending' as EditorState['seatQuestion'],
      stanceFilter: null as StanceFilter | null,
    })),
  );
}

export type EditorStoreApi = ReturnType<typeof createEditorStore>;
