/**
 * What this device remembers about comments (never in the document): the time of the newest comment this person has
 * seen, per analysis (the unread marker), whether the facilitator wants neutral-wording hints, and a key for this
 * device so its person can edit and delete their own comments.
 */
import { useSyncExternalStore } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { newId } from '@samenzicht/shared/model/ids';
import { readLocal as read, writeLocal as write } from '../sync/deviceStorage.ts';

const SEEN_PREFIX = 'samenzicht.commentsSeen.';
const HINTS_KEY = 'samenzicht.neutralHints';
const DEVICE_KEY = 'samenzicht.device';

let deviceKey: string | null = null;

/** This device's key (random, made once): comments written here carry it as `by`. */
export function loadDeviceKey(): string {
  if (deviceKey) return deviceKey;
  const stored = read(DEVICE_KEY);
  deviceKey = stored && /^d[a-z2-7]{12}$/.test(stored) ? stored : newId('d');
  if (stored !== deviceKey) write(DEVICE_KEY, deviceKey);
  return deviceKey;
}

export interface CommentsLocal {
  /** ISO time of the newest comment seen ('' when none yet). */
  readonly lastSeen: string;
  /** Neutral-wording hints on (the facilitator can switch them off). */
  readonly hints: boolean;
  markSeen(at: string): void;
  setHints(on: boolean): void;
}

const stores = new Map<string, StoreApi<CommentsLocal>>();

/** The store of one analysis on this device (one per analysis id, shared by every component). */
export function commentsLocal(analysisId: string): StoreApi<CommentsLocal> {
  let store = stores.get(analysisId);
  if (!store) {
    store = createStore<CommentsLocal>()((set, get) => ({
      lastSeen: read(SEEN_PREFIX + analysisId) ?? '',
      hints: read(HINTS_KEY) !== 'off',
      markSeen(at) {
        if (at <= get().lastSeen) return;
        write(SEEN_PREFIX + analysisId, at);
        set({ lastSeen: at });
      },
      setHints(on) {
        write(HINTS_KEY, on ? 'on' : 'off');
        for (const other of stores.values()) other.setState({ hints: on });
      },
    }));
    stores.set(analysisId, store);
  }
  return store;
}

/** A slice of this analysis' local comment state. */
export function useCommentsLocal<T>(analysisId: string, select: (state: CommentsLocal) => T): T {
  return useStore(commentsLocal(analysisId), select);
}

/** The subset of awareness this reads (y-protocols' Awareness). */
export interface AwarenessLike {
  getLocalState(): Record<string, unknown> | null;
  on(event: 'change', listener: () => void): void;
  off(event: 'change', listener: () => void): void;
}

/**
 * The actor id this person said they are in this analysis, from their own presence: `actor` (an id, or `{ id }`), or
 * `user.actor`, whichever the "who am I" choice publishes; null when none.
 */
export function actorOfPresence(state: Record<string, unknown> | null): string | null {
  if (!state) return null;
  const pick = (value: unknown): string | null => {
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string')
      return (value as { id: string }).id;
    return null;
  };
  const user = state.user;
  return pick(state.actor) ?? (typeof user === 'object' && user !== null ? pick((user as Record<string, unknown>).actor) : null);
}

/** This person's actor as their presence says, live. */
export function useMyActor(awareness: AwarenessLike): string | null {
  return useSyncExternalStore(
    (onChange) => {
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
    () => actorOfPresence(awareness.getLocalState()),
  );
}
