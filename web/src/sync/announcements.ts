/**
 * Factors added by someone else become a notice in the store (the toast shows it when the factor is out of view).
 * Who added it: the document keeps no authors, but a new entity's Yjs item carries the client id of the peer that
 * made it, and in y-websocket that id is the peer's awareness client id, whose presence holds their name.
 */
import type * as Y from 'yjs';
import { castDraft } from 'immer';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import type { EditorStoreApi } from '../store/editorStore.ts';
import { foldAdded, nameInPresence, type AddedNotice } from './notices.ts';

interface Sources {
  readonly doc: Y.Doc;
  /** The origin of transactions that came from the server (the provider). */
  readonly remoteOrigin: unknown;
  readonly awareness: { getStates(): Map<number, unknown> };
  readonly store: EditorStoreApi;
  /** False while the document is still loading (the first sync): nothing then is news. */
  readonly isLoaded: () => boolean;
  readonly now?: () => number;
}

/** Starts turning others' adds into notices; returns the function that stops it. */
export function trackRemoteAdds({ doc, remoteOrigin, awareness, store, isLoaded, now = Date.now }: Sources): () => void {
  const { factors } = getMaps(doc);
  let nextId = 1;
  const onFactors = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.local || transaction.origin !== remoteOrigin || !isLoaded()) return;
    const byAuthor = new Map<string | null, string[]>();
    for (const [key, change] of event.changes.keys) {
      if (change.action !== 'add') continue;
      const client = factors._map.get(key)?.id.client;
      const who = client === undefined ? null : nameInPresence(awareness.getStates().get(client));
      const ids = byAuthor.get(who) ?? [];
      ids.push(key);
      byAuthor.set(who, ids);
    }
    if (byAuthor.size === 0) return;
    store.setState((s) => {
      let notices: readonly AddedNotice[] = s.notices;
      for (const [who, factorIds] of byAuthor) notices = foldAdded(notices, { who, factorIds }, now(), nextId++);
      s.notices = castDraft(notices);
    });
  };
  factors.observe(onFactors);
  return () => factors.unobserve(onFactors);
}
