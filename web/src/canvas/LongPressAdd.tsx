import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { useSession } from '../store/EditorContext.tsx';
import { createLongPress, type PressEvent } from './longPress.ts';

const DELAY_MS = 550;
const SLOP_PX = 10;

/**
 * Touch: a finger resting on an empty spot of the canvas adds a factor there (the double click of a phone). One
 * finger that moves still pans, two still pinch; listened to on the document, so Canvas.tsx stays as it is.
 */
export function LongPressAdd(): null {
  const session = useSession();
  const flow = useReactFlow();
  useEffect(() => {
    let swallowClickUntil = 0;
    const feed = createLongPress({
      delayMs: DELAY_MS,
      slopPx: SLOP_PX,
      schedule: (run, ms) => {
        const timer = window.setTimeout(run, ms);
        return () => window.clearTimeout(timer);
      },
      onLongPress: (point) => {
        if (session.store.getState().readOnly) return;
        const position = flow.screenToFlowPosition(point);
        const id = addFactor(session.doc, session.origin, { position: { x: position.x - 80, y: position.y - 24 } });
        session.store.setState((s) => {
          s.editingId = id;
          s.selectedNodes = new Set([id]);
          s.selectedEdges = new Set();
        });
        // The finger's lift would end in mouse events and a click on the new factor under it, which take the
        // focus away from its text field: the touchend below is cancelled, and a click that comes anyway is dropped.
        swallowClickUntil = Date.now() + 1000;
      },
    });
    const toPress =
      (type: PressEvent['type']) =>
      (event: PointerEvent): void => {
        if (event.pointerType !== 'touch') return;
        if (type === 'down' && !(event.target as Element | null)?.classList?.contains('react-flow__pane')) return;
        feed({ type, id: event.pointerId, x: event.clientX, y: event.clientY });
      };
    const onDown = toPress('down');
    const onMove = toPress('move');
    const onUp = toPress('up');
    const onCancel = toPress('cancel');
    const onClick = (event: MouseEvent) => {
      if (Date.now() > swallowClickUntil) return;
      swallowClickUntil = 0;
      event.stopPropagation();
      event.preventDefault();
    };
    const onTouchEnd = (event: TouchEvent) => {
      if (Date.now() <= swallowClickUntil && event.cancelable) event.preventDefault();
    };
    const onContextMenu = (event: Event) => {
      if ((event.target as Element | null)?.classList?.contains('react-flow__pane')) event.preventDefault();
    };
    document.addEventListener('pointerdown', onDown, true);
    document.addEventListener('pointermove', onMove, true);
    document.addEventListener('pointerup', onUp, true);
    document.addEventListener('pointercancel', onCancel, true);
    window.addEventListener('click', onClick, true);
    document.addEventListener('touchend', onTouchEnd, { capture: true, passive: false });
    document.addEventListener('contextmenu', onContextMenu);
    return () => {
      document.removeEventListener('pointerdown', onDown, true);
      document.removeEventListener('pointermove', onMove, true);
      document.removeEventListener('pointerup', onUp, true);
      document.removeEventListener('pointercancel', onCancel, true);
      window.removeEventListener('click', onClick, true);
      document.removeEventListener('touchend', onTouchEnd, true);
      document.removeEventListener('contextmenu', onContextMenu);
    };
  }, [session, flow]);
  return null;
}
