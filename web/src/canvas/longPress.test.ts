import { describe, expect, it } from 'vitest';
import { createLongPress, type PressEvent } from './longPress.ts';

/** A tracker with a hand-driven clock: `tick()` runs the timer that is due, if any. */
function setUp() {
  const pressed: Array<{ x: number; y: number }> = [];
  let timer: { run: () => void; cancelled: boolean } | null = null;
  const feed = createLongPress({
    delayMs: 500,
    slopPx: 10,
    schedule: (run) => {
      const t = { run, cancelled: false };
      timer = t;
      return () => void (t.cancelled = true);
    },
    onLongPress: (point) => pressed.push(point),
  });
  const tick = () => {
    const t = timer;
    timer = null;
    if (t && !t.cancelled) t.run();
  };
  const ev = (type: PressEvent['type'], id: number, x = 100, y = 100): void => feed({ type, id, x, y });
  return { pressed, tick, ev };
}

describe('long press on the empty canvas', () => {
  it('one finger that rests fires once, where it came down', () => {
    const { pressed, tick, ev } = setUp();
    ev('down', 1, 100, 100);
    ev('move', 1, 104, 103);
    tick();
    ev('up', 1);
    expect(pressed).toEqual([{ x: 100, y: 100 }]);
  });

  it('lifting the finger before the delay, panning or a second finger (pinch) cancels it', () => {
    const lifted = setUp();
    lifted.ev('down', 1);
    lifted.ev('up', 1);
    lifted.tick();
    expect(lifted.pressed).toEqual([]);

    const panned = setUp();
    panned.ev('down', 1, 100, 100);
    panned.ev('move', 1, 100, 130);
    panned.tick();
    expect(panned.pressed).toEqual([]);

    const pinched = setUp();
    pinched.ev('down', 1);
    pinched.ev('down', 2, 200, 200);
    pinched.tick();
    pinched.ev('up', 2);
    pinched.tick();
    expect(pinched.pressed).toEqual([]);
  });

  it('a new press after a pinch ends works again', () => {
    const { pressed, tick, ev } = setUp();
    ev('down', 1);
    ev('down', 2);
    ev('up', 1);
    ev('up', 2);
    ev('down', 3, 40, 50);
    tick();
    expect(pressed).toEqual([{ x: 40, y: 50 }]);
  });
});
