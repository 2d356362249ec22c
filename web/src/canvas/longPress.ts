/** What a finger does on the empty canvas, as the long-press tracker sees it. */
export interface PressEvent {
  readonly type: 'down' | 'move' | 'up' | 'cancel';
  readonly id: number;
  readonly x: number;
  readonly y: number;
}

export interface LongPressOptions {
  /** How long a finger rests before it counts as a long press. */
  readonly delayMs: number;
  /** How far (css px) it may drift meanwhile; further is a pan. */
  readonly slopPx: number;
  /** Starts a timer and returns its cancel. */
  readonly schedule: (run: () => void, ms: number) => () => void;
  readonly onLongPress: (point: { x: number; y: number }) => void;
}

/**
 * A long press of one finger that stays put: a second finger (a pinch), a move beyond the slop (a pan) or lifting
 * the finger before the delay cancels it. Pure apart from the timer it is handed, so it is tested without a browser.
 */
export function createLongPress(options: LongPressOptions): (event: PressEvent) => void {
  const down = new Set<number>();
  let waiting: { id: number; x: number; y: number; cancel: () => void } | null = null;
  const stop = () => {
    waiting?.cancel();
    waiting = null;
  };
  return (event) => {
    switch (event.type) {
      case 'down': {
        down.add(event.id);
        stop();
        if (down.size !== 1) return;
        const at = { x: event.x, y: event.y };
        const cancel = options.schedule(() => {
          waiting = null;
          options.onLongPress(at);
        }, options.delayMs);
        waiting = { id: event.id, ...at, cancel };
        return;
      }
      case 'move':
        if (waiting?.id === event.id && Math.hypot(event.x - waiting.x, event.y - waiting.y) > options.slopPx) stop();
        return;
      case 'up':
      case 'cancel':
        down.delete(event.id);
        if (waiting?.id === event.id) stop();
        return;
    }
  };
}
