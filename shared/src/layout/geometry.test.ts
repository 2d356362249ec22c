import { describe, expect, it } from 'vitest';
import { isSimplePolygon, segmentHitsRect, segmentsCross } from './geometry.ts';
import { measureLayout } from './quality.ts';

const p = (x: number, y: number) => ({ x, y });

describe('layout geometry', () => {
  it('tells a ring from a figure eight and from a line', () => {
    expect(isSimplePolygon([p(0, 0), p(10, 0), p(10, 10), p(0, 10)])).toBe(true);
    expect(isSimplePolygon([p(0, 0), p(10, 10), p(10, 0), p(0, 10)])).toBe(false);
    expect(isSimplePolygon([p(0, 0), p(10, 0), p(20, 0)])).toBe(false);
    expect(isSimplePolygon([p(0, 0), p(10, 0)])).toBe(true);
    // A corner lying on another side is not a ring either.
    expect(isSimplePolygon([p(0, 0), p(20, 0), p(10, 0), p(10, 10)])).toBe(false);
  });

  it('finds segments through rectangles and crossing segments', () => {
    const box = { x: 10, y: 10, width: 20, height: 10 };
    expect(segmentHitsRect(p(0, 15), p(40, 15), box)).toBe(true);
    expect(segmentHitsRect(p(0, 0), p(40, 0), box)).toBe(false);
    expect(segmentHitsRect(p(0, 0), p(5, 5), box)).toBe(false);
    expect(segmentsCross(p(0, 0), p(10, 10), p(0, 10), p(10, 0))).toBe(true);
    expect(segmentsCross(p(0, 0), p(10, 0), p(0, 10), p(10, 10))).toBe(false);
  });

  it('counts overlaps, crossings, links through factors and rings', () => {
    const box = (x: number, y: number) => ({ x, y, width: 100, height: 50 });
    const boxes = new Map([
      ['a', box(0, 0)],
      ['b', box(400, 400)],
      ['c', box(0, 400)],
      ['d', box(400, 0)],
      ['m', box(150, 175)],
      ['o', box(30, 20)],
    ]);
    const links = [
      { id: 'l1', from: 'a', to: 'b' },
      { id: 'l2', from: 'c', to: 'd' },
    ];
    const q = measureLayout(links, boxes, [
      ['a', 'd', 'b', 'c'],
      ['a', 'b', 'd', 'c'],
    ]);
    expect(q.overlaps).toBe(1);
    expect(q.crossings).toBe(1);
    expect(q.linksThroughFactors).toBeGreaterThanOrEqual(2);
    expect(q.loopsAsRings).toBe(1);
  });
});
