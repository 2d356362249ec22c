import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Session } from '../sync/session.ts';
import type { EditorState } from './editorStore.ts';

export const SessionContext = createContext<Session | null>(null);

/** The open analysis session of this editor. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside of an editor');
  return session;
}

/** Selects a slice of this editor's store; pass a `useShallow` selector for objects. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useSession().store, selector);
}
