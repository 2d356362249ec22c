/** Editing actions shared by the toolbar and the keyboard. */
import { removeSelection } from '@samenzicht/shared/ydoc/commands';
import type { TrashMeta } from '@samenzicht/shared/ydoc/trash';
import type { Session } from '../sync/session.ts';

/** Who deletes, for the Prullenbak: this person's display name as their presence says. */
export function deleteMeta(session: Session): TrashMeta {
  const user = (session.provider.awareness.getLocalState() as { user?: { name?: unknown } } | null)?.user;
  return { by: typeof user?.name === 'string' ? user.name : '' };
}

/** Deletes the selected factors and links as one undo step; they go into the Prullenbak. */
export function deleteSelection(session: Session): void {
  const { selectedNodes, selectedEdges, readOnly } = session.store.getState();
  if (readOnly || selectedNodes.size + selectedEdges.size === 0) return;
  removeSelection(session.doc, session.origin, { factors: [...selectedNodes], links: [...selectedEdges] }, deleteMeta(session));
  session.store.setState((s) => {
    s.selectedNodes = new Set();
    s.selectedEdges = new Set();
  });
}
