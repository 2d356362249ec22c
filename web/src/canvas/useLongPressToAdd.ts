import type { RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import type { Session } from '../sync/session.ts';
import { useLongPress } from './useLongPress.ts';

/** On touch screens, a long-press on empty canvas adds a factor there and opens its text (like a double click). */
export function useLongPressToAdd(session: Session, ref: RefObject<HTMLElement | null>): void {
  const flow = useReactFlow();
  useLongPress(
    ref,
    (point) => {
      if (session.store.getState().readOnly) return;
      const position = flow.screenToFlowPosition(point);
      const id = addFactor(session.doc, session.origin, { position: { x: position.x - 80, y: position.y - 24 } });
      session.store.setState((s) => {
        s.editingId = id;
        s.selectedNodes = new Set([id]);
        s.selectedEdges = new Set();
      });
    },
    (target) => target.classList.contains('react-flow__pane'),
  );
}
