/** The facilitator's corrections of who a present person is, per session (published in their seat, stances/seat.ts). */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Session } from '../sync/session.ts';
import type { Assignment } from './seat.ts';

const stores = new WeakMap<Session, StoreApi<{ list: readonly Assignment[] }>>();

/** The store of corrections made on this page for `session`. */
export function assignmentsOf(session: Session): StoreApi<{ list: readonly Assignment[] }> {
  let store = stores.get(session);
  if (!store) {
    store = createStore(() => ({ list: [] as readonly Assignment[] }));
    stores.set(session, store);
  }
  return store;
}

/** The facilitator says that the person on awareness client `to` is `actor` (or nobody). */
export function assignSeat(session: Session, to: number, actor: string | null): void {
  const store = assignmentsOf(session);
  const list = store.getState().list;
  const n = Math.max(0, ...list.map((a) => a.n)) + 1;
  // At most one per person, the newest twenty (parseSeat reads no more).
  store.setState({ list: [...list.filter((a) => a.to !== to), { to, actor, n }].slice(-20) });
}
