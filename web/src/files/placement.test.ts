import { describe, expect, it } from 'vitest';
import { boundsOf, offsetBesides, pasteOffset } from './placement.ts';

const at = (id: string, x: number, y: number) => ({ id, position: { x, y } });
const size = () => ({ width: 100, height: 50 });

describe('boundsOf', () => {
  it('is the rectangle around the factors, with their sizes', () => {
    expect(boundsOf([at('a', 10, 20), at('b', 300, -40)], size)).toEqual({ x: 10, y: -40, width: 390, height: 110 });
  });

  it('is null for no factors', () => {
    expect(boundsOf([])).toBeNull();
  });
});

describe('offsetBesides', () => {
  it('puts the incoming factors right of the existing ones, tops aligned', () => {
    const existing = boundsOf([at('a', 0, 100), at('b', 500, 300)], size)!;
    const incoming = boundsOf([at('x', 0, 0), at('y', 200, 80)], size)!;
    const offset = offsetBesides(existing, incoming, 160);
    // Existing right edge is 600; the incoming left edge (0) moves to 600 + 160.
    expect(offset).toEqual({ x: 760, y: 100 });
  });

  it('does not move anything into an empty analysis', () => {
    expect(offsetBesides(null, boundsOf([at('x', 5, 5)]))).toEqual({ x: 0, y: 0 });
  });
});

describe('pasteOffset', () => {
  const copied = { x: 0, y: 0, width: 300, height: 100 };
  const visible = { x: -100, y: -100, width: 1000, height: 800 };

  it('moves each paste in a row one step further (40, 80, …), and a paste after cut lands in place', () => {
    expect(pasteOffset(copied, 1, visible)).toEqual({ x: 40, y: 40 });
    expect(pasteOffset(copied, 2, visible)).toEqual({ x: 80, y: 80 });
    expect(pasteOffset(copied, 0, visible)).toEqual({ x: 0, y: 0 });
  });

  it('centres the pasted factors in view when their place cannot be seen', () => {
    const far = { x: 5000, y: 5000, width: 300, height: 100 };
    // Centre of the view is (400, 300); centre of the factors is (5150, 5050).
    expect(pasteOffset(far, 1, visible)).toEqual({ x: -4750, y: -4750 });
  });

  it('keeps the step when nothing is known about the view', () => {
    expect(pasteOffset({ x: 5000, y: 5000, width: 1, height: 1 }, 3, null)).toEqual({ x: 120, y: 120 });
  });
});
