/** Editing actions shared by the toolbar and the keyboard. */
import { removeFactors, removeLinks } from '@samenzicht/shared/ydoc/commands';
import type { Session } from '../sync/session.ts';

/** Deletes the selected factors and links as one undo step. */
export function deleteSelection(session: Session): void {
  const { selectedNodes, selectedEdges, readOnly } = session.store.getState();
  if (readOnly || selectedNodes.size + selectedEdges.size === 0) return;
  session.doc.transact(() => {
    removeLinks(session.doc, session.origin, [...selectedEdges]);
    removeFactors(session.doc, session.origin, [...selectedNodes]);
  }, session.origin);
  session.store.setState((s) => {
    s.selectedNodes = new Set();
    s.selectedEdges = new Set();
  });
}
