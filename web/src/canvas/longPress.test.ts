import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLongPress } from './longPress.ts';

describe('long-press', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  const make = () => {
    const fired: Array<{ x: number; y: number }> = [];
    const press = createLongPress({ delay: 500, tolerance: 10, onFire: (p) => fired.push(p) });
    return { press, fired };
  };

  it('fires once where the finger is held still for the delay', () => {
    const { press, fired } = make();
    press.down(1, 100, 200, true);
    press.move(1, 104, 203);
    vi.advanceTimersByTime(499);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([{ x: 100, y: 200 }]);
    expect(press.fired()).toBe(true);
    vi.advanceTimersByTime(2000);
    expect(fired).toHaveLength(1);
    press.up(1);
    expect(press.fired()).toBe(true);
  });

  it('does not fire when the finger moves (a pan), lifts early, or a second finger comes (a pinch)', () => {
    const { press, fired } = make();
    press.down(1, 0, 0, true);
    press.move(1, 20, 0);
    vi.advanceTimersByTime(1000);
    press.up(1);

    press.down(2, 0, 0, true);
    vi.advanceTimersByTime(300);
    press.up(2);
    vi.advanceTimersByTime(1000);

    press.down(3, 0, 0, true);
    press.down(4, 50, 50, true);
    vi.advanceTimersByTime(1000);
    press.up(3);
    press.up(4);
    expect(fired).toEqual([]);
    expect(press.fired()).toBe(false);
  });

  it('ignores a press on a place where it means nothing (on a factor)', () => {
    const { press, fired } = make();
    press.down(1, 0, 0, false);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([]);
  });

  it('starts over with the next press after a pinch ended', () => {
    const { press, fired } = make();
    press.down(1, 0, 0, true);
    press.down(2, 9, 9, true);
    press.up(1);
    press.up(2);
    press.down(3, 5, 5, true);
    vi.advanceTimersByTime(500);
    expect(fired).toEqual([{ x: 5, y: 5 }]);
  });
});
