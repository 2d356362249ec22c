/**
 * Local UI state of the history features, one store per editor session: what the canvas area shows instead of the
 * live analysis (a version, read-only, or a comparison of two states), and a counter that makes the versions list
 * load again after a change (made, restored, deleted).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Analysis } from '@samenzicht/shared/model/types';
import { useSession } from '../store/EditorContext.tsx';
import type { Session } from '../sync/session.ts';
import type { VersionInfo } from './versionsApi.ts';

/** One side of a comparison: a version, or the live analysis (`version` null) as it was when compared. */
export interface CompareSide {
  readonly version: VersionInfo | null;
  readonly analysis: Analysis;
}

export type HistoryView =
  | { readonly kind: 'version'; readonly version: VersionInfo; readonly analysis: Analysis }
  | { readonly kind: 'compare'; readonly from: CompareSide; readonly to: CompareSide; readonly mode: 'overlay' | 'side' };

export interface HistoryState {
  readonly view: HistoryView | null;
  /** Bumped after every change to the versions, so the list loads again. */
  readonly listStamp: number;
}

const stores = new WeakMap<Session, StoreApi<HistoryState>>();

export function historyStoreOf(session: Session): StoreApi<HistoryState> {
  let store = stores.get(session);
  if (!store) {
    store = createStore<HistoryState>()(() => ({ view: null, listStamp: 0 }));
    stores.set(session, store);
  }
  return store;
}

export function useHistory<T>(selector: (state: HistoryState) => T): T {
  return useStore(historyStoreOf(useSession()), selector);
}
