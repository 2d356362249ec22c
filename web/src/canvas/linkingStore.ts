/**
 * Local UI state of linking, one store per editor session (kept beside the editor store, which holds the document's
 * projection): the connect mode's source factor, the sentence for screen readers, and the short notice with an undo.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Session } from '../sync/session.ts';
import { useSession } from '../store/EditorContext.tsx';

export interface Notice {
  /** A new number for every notice, so the same sentence twice is announced (and shown) twice. */
  readonly id: number;
  readonly text: string;
  /** Takes back what the notice is about; null when there is nothing to take back. */
  readonly undo: (() => void) | null;
}

export interface LinkingState {
  /** The factor a link is being made from (connect mode), or null. */
  readonly connectFrom: string | null;
  /** Where focus was when connect mode began, to return it there afterwards. */
  readonly returnFocus: HTMLElement | null;
  /** The last sentence for the polite live region. */
  readonly announcement: Notice | null;
  /** The visible notice (a toast), if any. */
  readonly toast: Notice | null;
}

const stores = new WeakMap<Session, StoreApi<LinkingState>>();

/** The linking store of a session (made on first use). */
export function linkingStoreOf(session: Session): StoreApi<LinkingState> {
  let store = stores.get(session);
  if (!store) {
    store = createStore<LinkingState>()(() => ({ connectFrom: null, returnFocus: null, announcement: null, toast: null }));
    stores.set(session, store);
  }
  return store;
}

/** Selects a slice of this editor's linking state. */
export function useLinking<T>(selector: (state: LinkingState) => T): T {
  return useStore(linkingStoreOf(useSession()), selector);
}

let counter = 0;

/** Says `text` to screen readers; with `toast`, also shows it (with "undo" when `undo` is given). */
export function announce(session: Session, text: string, options: { toast?: boolean; undo?: () => void } = {}): void {
  const notice: Notice = { id: ++counter, text, undo: options.undo ?? null };
  linkingStoreOf(session).setState(options.toast ? { announcement: notice, toast: notice } : { announcement: notice });
}

/** Hides the visible notice `id` (if it is still the one shown). */
export function dismissToast(session: Session, id: number): void {
  const store = linkingStoreOf(session);
  if (store.getState().toast?.id === id) store.setState({ toast: null });
}
