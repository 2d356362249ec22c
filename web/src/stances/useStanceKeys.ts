import { useEffect } from 'react';
import { STANCES } from '@samenzicht/shared/model/stance';
import type { Session } from '../sync/session.ts';
import { toggleMyStance } from './setMyStance.ts';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Keys 1, 2, 3 mark the one selected factor or link: herken ik, twijfel, herken ik niet (again: cleared). */
export function useStanceKeys(session: Session): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const index = ['1', '2', '3'].indexOf(event.key);
      if (index < 0) return;
      const { selectedNodes, selectedEdges } = session.store.getState();
      const selected = [...selectedNodes, ...selectedEdges];
      if (selected.length !== 1) return;
      if (toggleMyStance(session, selected[0]!, STANCES[index]!)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session]);
}
