/**
 * When someone else deletes the factor this person is typing in, the text is not lost: the factor's last known fields
 * (with what was typed here, which was written at every keystroke), its links and ties are kept, and DeletedNotice
 * offers them back. Who deleted it is not in the document; it is the person who last had the factor selected, as
 * presence said just before (a delete is sent before the emptied selection on the same connection).
 */
import type * as Y from 'yjs';
import { castDraft } from 'immer';
import type { Projection, ProjectionState } from '@samenzicht/shared/ydoc/projection';
import type { FactorSnapshot } from '@samenzicht/shared/ydoc/restoreFactor';
import type { EditorStoreApi } from '../store/editorStore.ts';

export interface DeletedWhileEditing {
  readonly snapshot: FactorSnapshot;
  /** The name of who deleted it, as far as presence tells; null when nobody else had it selected. */
  readonly by: string | null;
}

/** The factor `id` with its links and ties, as `state` has it, or null when it is not there. */
export function snapshotFactor(state: ProjectionState, id: string): FactorSnapshot | null {
  const factor = state.factors.get(id);
  if (!factor) return null;
  const links = [...state.links.values()].filter((l) => l.from === id || l.to === id);
  const actorIds = [...state.actors.values()].filter((a) => a.factors.includes(id)).map((a) => a.id);
  return { factor, links, actorIds };
}

/** Watches the document for a delete of the factor being typed in; returns the function that stops watching. */
export function watchDeletedWhileEditing({
  projection,
  store,
  origin,
  undo,
}: {
  projection: Projection;
  store: EditorStoreApi;
  origin: unknown;
  undo: Y.UndoManager;
}): () => void {
  let previous = projection.get();
  // Factor id → the name of the other person who selected it most recently.
  const selectedBy = new Map<string, string>();
  const stopPeers = store.subscribe((state, before) => {
    if (state.peers === before.peers) return;
    for (const peer of state.peers) {
      const wasSelected = new Set(before.peers.find((p) => p.clientId === peer.clientId)?.selection ?? []);
      for (const id of peer.selection) if (!wasSelected.has(id) || !selectedBy.has(id)) selectedBy.set(id, peer.name);
    }
  });
  const stopDoc = projection.subscribe((state, txOrigin) => {
    const { typing, editingId } = store.getState();
    const id = typing?.id ?? editingId;
    const before = previous;
    previous = state;
    // This person's own delete or undo is no surprise.
    if (!id || txOrigin === origin || txOrigin === undo || state.factors.has(id)) return;
    const snapshot = snapshotFactor(before, id);
    if (!snapshot) return;
    store.setState((s) => {
      s.deletedWhileEditing = castDraft({ snapshot, by: selectedBy.get(id) ?? null });
      if (s.editingId === id) s.editingId = null;
    });
  });
  return () => {
    stopPeers();
    stopDoc();
  };
}
