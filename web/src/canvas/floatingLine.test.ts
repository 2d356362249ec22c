import { describe, expect, it } from 'vitest';
import { borderPoint, lineBetween, lineToPoint } from './floatingLine.ts';

const a = { x: 0, y: 0, width: 100, height: 40 };
const b = { x: 300, y: 0, width: 100, height: 40 };
const below = { x: 0, y: 200, width: 100, height: 40 };

describe('floating lines', () => {
  it('leaves a box on the side that faces the target, 4 px outside the border', () => {
    expect(borderPoint(a, { x: 1000, y: 20 })).toEqual({ x: 104, y: 20 });
    expect(borderPoint(a, { x: 50, y: 1000 })).toEqual({ x: 50, y: 44 });
    expect(borderPoint(a, { x: -1000, y: 20 })).toEqual({ x: -4, y: 20 });
  });

  it('runs from border to border, whichever side the other factor is on', () => {
    expect(lineBetween(a, b, false)).toEqual({ s: { x: 104, y: 20 }, e: { x: 296, y: 20 } });
    expect(lineBetween(b, a, false)).toEqual({ s: { x: 296, y: 20 }, e: { x: 104, y: 20 } });
    expect(lineBetween(a, below, false)).toEqual({ s: { x: 50, y: 44 }, e: { x: 50, y: 196 } });
  });

  it('draws two links in opposite directions apart, each on its own side', () => {
    const there = lineBetween(a, b, true);
    const back = lineBetween(b, a, true);
    // a → b runs below the centre line (y = 20), b → a above it; both still leave and reach the borders.
    expect(there.s.y).toBeGreaterThan(25);
    expect(there.e.y).toBeGreaterThan(25);
    expect(back.s.y).toBeLessThan(15);
    expect(back.e.y).toBeLessThan(15);
    expect(there.s.x).toBeCloseTo(104, 0);
    expect(back.e.x).toBeCloseTo(104, 0);
  });

  it('ends at the free point while no factor is under the pointer', () => {
    expect(lineToPoint(a, { x: 250, y: 20 })).toEqual({ s: { x: 104, y: 20 }, e: { x: 250, y: 20 } });
  });
});
