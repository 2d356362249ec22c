/**
 * Long-press as a small state machine over plain pointer data, so it is tested without a browser: one finger held
 * still for `delay` ms fires once; moving more than `tolerance` px, lifting, cancelling or a second finger (a pinch)
 * stops it. useLongPress.ts wires DOM pointer events to it.
 */

export interface LongPressOptions {
  readonly delay: number;
  readonly tolerance: number;
  readonly onFire: (point: { x: number; y: number }) => void;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

export interface LongPress {
  /** A finger touched down; `accepted`: on a place where a long-press means something (empty canvas). */
  down(pointerId: number, x: number, y: number, accepted: boolean): void;
  move(pointerId: number, x: number, y: number): void;
  /** The finger lifted or the browser took it over (pointercancel). */
  up(pointerId: number): void;
  /** Whether the press that just ended fired (its click should not count as a tap). */
  fired(): boolean;
  dispose(): void;
}

/** Creates the state machine of one surface. */
export function createLongPress(options: LongPressOptions): LongPress {
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const down = new Set<number>();
  let press: { id: number; x: number; y: number; timer: unknown } | null = null;
  let lastFired = false;

  const stop = () => {
    if (press) clearTimer(press.timer);
    press = null;
  };

  return {
    down(pointerId, x, y, accepted) {
      down.add(pointerId);
      // A second finger: a pinch, not a long-press.
      if (down.size > 1) return stop();
      lastFired = false;
      if (!accepted) return;
      const timer = setTimer(() => {
        if (!press || press.id !== pointerId) return;
        press = null;
        lastFired = true;
        options.onFire({ x, y });
      }, options.delay);
      press = { id: pointerId, x, y, timer };
    },
    move(pointerId, x, y) {
      if (!press || press.id !== pointerId) return;
      if (Math.hypot(x - press.x, y - press.y) > options.tolerance) stop();
    },
    up(pointerId) {
      down.delete(pointerId);
      if (press?.id === pointerId) stop();
    },
    fired: () => lastFired,
    dispose: stop,
  };
}
