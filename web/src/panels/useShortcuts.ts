import { useEffect } from 'react';
import type { Session } from '../sync/session.ts';
import { connectKey } from '../canvas/connectKey.ts';
import { historyStoreOf } from '../history/historyStore.ts';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

/** Enter on a button or inside a dialog belongs to that button or dialog, not to the selected factor. */
function isOnControl(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.closest?.('button, a[href], dialog, [role="dialog"], [role="alertdialog"]');
}

/**
 * Undo, redo, "edit the selected factor", L to link it and "?" for the overview of keys (delete is React Flow's own key
 * handling; clipboard keys are in useClipboard.ts).
 */
export function useShortcuts(session: Session, onHelp?: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      if (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        onHelp?.();
        return;
      }
      const { readOnly, selectedNodes } = session.store.getState();
      // A version or a comparison covers the canvas: undo, linking and editing would change what is not in view.
      if (readOnly || historyStoreOf(session).getState().view) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'z' && !event.shiftKey) {
        event.preventDefault();
        session.undo.undo();
      } else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) {
        event.preventDefault();
        session.undo.redo();
      } else if (connectKey(session, event)) {
        event.preventDefault();
      } else if (event.key === 'Enter' && selectedNodes.size === 1 && !isOnControl(event.target)) {
        event.preventDefault();
        const [id] = selectedNodes;
        session.store.setState((s) => void (s.editingId = id ?? null));
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session, onHelp]);
}
