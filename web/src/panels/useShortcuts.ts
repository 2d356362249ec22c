import { useEffect } from 'react';
import type { Session } from '../sync/session.ts';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

/** Undo, redo and "edit the selected factor" from the keyboard (delete is React Flow's own key handling). */
export function useShortcuts(session: Session): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const { readOnly, selectedNodes } = session.store.getState();
      if (readOnly) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'z' && !event.shiftKey) {
        event.preventDefault();
        session.undo.undo();
      } else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) {
        event.preventDefault();
        session.undo.redo();
      } else if (event.key === 'Enter' && selectedNodes.size === 1) {
        event.preventDefault();
        const [id] = selectedNodes;
        session.store.setState((s) => void (s.editingId = id ?? null));
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session]);
}
