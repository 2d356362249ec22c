import { useEffect, useRef, type RefObject } from 'react';
import { createLongPress } from './longPress.ts';

const DELAY_MS = 500;
/** A finger wobbles; more than this is a pan. */
const TOLERANCE_PX = 10;

/**
 * Calls `onLongPress` with the screen point where one finger (touch or pen, not a mouse) was held still for half a
 * second on an element `accepts` allows (Canvas: the empty pane). The mouse events and click a browser makes from
 * the lift are swallowed, so they do not also count as a tap on what is now there; the browser's own long-press
 * menu is kept away.
 */
export function useLongPress(
  ref: RefObject<HTMLElement | null>,
  onLongPress: (point: { x: number; y: number }) => void,
  accepts: (target: Element) => boolean,
): void {
  const latest = useRef({ onLongPress, accepts });
  useEffect(() => {
    latest.current = { onLongPress, accepts };
  });

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const press = createLongPress({ delay: DELAY_MS, tolerance: TOLERANCE_PX, onFire: (point) => latest.current.onLongPress(point) });
    const isFinger = (event: PointerEvent) => event.pointerType === 'touch' || event.pointerType === 'pen';
    // Whether the last finger went down where a long-press counts, and whether the click after it was swallowed.
    let onPlace = false;
    let clickSwallowed = false;
    const onDown = (event: PointerEvent) => {
      if (!isFinger(event)) return;
      const target = event.target instanceof Element ? event.target : null;
      onPlace = !!target && latest.current.accepts(target);
      clickSwallowed = false;
      press.down(event.pointerId, event.clientX, event.clientY, onPlace);
    };
    const onMove = (event: PointerEvent) => isFinger(event) && press.move(event.pointerId, event.clientX, event.clientY);
    const onUp = (event: PointerEvent) => {
      if (!isFinger(event)) return;
      press.up(event.pointerId);
      onPlace = false;
    };
    const swallowClick = (event: Event) => {
      if (!press.fired() || clickSwallowed) return;
      clickSwallowed = true;
      event.preventDefault();
      event.stopPropagation();
    };
    // Ending the touch without the mouse events a browser makes from it: a mousedown would take focus from the
    // text field the long-press just opened. In the capture phase: React Flow's pane stops the touch's propagation.
    const swallowTouchEnd = (event: TouchEvent) => {
      if (press.fired() && !clickSwallowed && event.touches.length === 0) {
        clickSwallowed = true;
        event.preventDefault();
      }
    };
    const swallowMenu = (event: Event) => {
      if (onPlace) event.preventDefault();
    };
    element.addEventListener('pointerdown', onDown);
    element.addEventListener('pointermove', onMove);
    element.addEventListener('pointerup', onUp);
    element.addEventListener('pointercancel', onUp);
    element.addEventListener('touchend', swallowTouchEnd, { capture: true, passive: false });
    element.addEventListener('click', swallowClick, true);
    element.addEventListener('contextmenu', swallowMenu);
    return () => {
      press.dispose();
      element.removeEventListener('pointerdown', onDown);
      element.removeEventListener('pointermove', onMove);
      element.removeEventListener('pointerup', onUp);
      element.removeEventListener('pointercancel', onUp);
      element.removeEventListener('touchend', swallowTouchEnd, true);
      element.removeEventListener('click', swallowClick, true);
      element.removeEventListener('contextmenu', swallowMenu);
    };
  }, [ref]);
}
