import type { Session } from '../sync/session.ts';
import { startConnect } from './linking.ts';

/** The factor L links from: the factor that has keyboard focus (Tab), else the one selected factor. */
export function connectSource(session: Session): string | null {
  const focused = document.activeElement?.closest?.('.react-flow__node')?.getAttribute('data-id');
  if (focused) return focused;
  const { selectedNodes } = session.store.getState();
  return selectedNodes.size === 1 ? ([...selectedNodes][0] ?? null) : null;
}

/** L (no modifier) starts connect mode from the selected or focused factor; true when it did. */
export function connectKey(session: Session, event: KeyboardEvent): boolean {
  if (event.key.toLowerCase() !== 'l' || event.ctrlKey || event.metaKey || event.altKey) return false;
  const from = connectSource(session);
  if (from === null) return false;
  startConnect(session, from);
  return true;
}
