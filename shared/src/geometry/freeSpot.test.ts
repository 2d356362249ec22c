import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { findFreeSpot, type Box } from './freeSpot.ts';

const SIZE = { width: 160, height: 70 };
const MARGIN = 24;

function overlapsWithMargin(a: Box, b: Box, margin: number): boolean {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

describe('findFreeSpot', () => {
  it('uses the centre itself when it is free', () => {
    expect(findFreeSpot({ x: 100, y: 50 }, SIZE, [{ x: 500, y: 500, width: 100, height: 50 }])).toEqual({ x: 20, y: 15 });
  });

  it('moves off a factor that sits at the centre, to the nearest side', () => {
    const box = { x: -80, y: -35, width: 160, height: 70 };
    const spot = findFreeSpot({ x: 0, y: 0 }, SIZE, [box], { margin: MARGIN });
    expect(overlapsWithMargin({ ...spot, ...SIZE }, box, MARGIN)).toBe(false);
    // Above or below is the shortest way out (70 + 24 px), not sideways (160 + 24 px).
    expect(Math.abs(spot.y + 35)).toBeLessThanOrEqual(70 + MARGIN + 20);
    expect(spot.x).toBe(-80);
  });

  it('never overlaps and stays near the centre, for seeded random diagrams', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const boxes: Box[] = [];
      const count = 5 + Math.floor(random() * 60);
      for (let i = 0; i < count; i++) {
        boxes.push({
          x: Math.round(random() * 1200 - 600),
          y: Math.round(random() * 800 - 400),
          width: 140 + Math.round(random() * 80),
          height: 60 + Math.round(random() * 60),
        });
      }
      const centre = { x: Math.round(random() * 200 - 100), y: Math.round(random() * 200 - 100) };
      const spot = findFreeSpot(centre, SIZE, boxes, { margin: MARGIN });
      for (const box of boxes) expect(overlapsWithMargin({ ...spot, ...SIZE }, box, MARGIN), `seed ${seed}`).toBe(false);
      // Never further than just outside everything that was drawn.
      const distance = Math.hypot(spot.x + SIZE.width / 2 - centre.x, spot.y + SIZE.height / 2 - centre.y);
      expect(distance, `seed ${seed}`).toBeLessThan(1600);
      // Deterministic: the same input gives the same spot.
      expect(findFreeSpot(centre, SIZE, boxes, { margin: MARGIN })).toEqual(spot);
    }
  });

  it('finds the nearest free spot: no free grid spot is closer', () => {
    for (let seed = 100; seed < 110; seed++) {
      const random = seededRandom(seed);
      const boxes: Box[] = [];
      for (let i = 0; i < 25; i++)
        boxes.push({ x: Math.round(random() * 600 - 300), y: Math.round(random() * 400 - 200), width: 160, height: 70 });
      const spot = findFreeSpot({ x: 0, y: 0 }, SIZE, boxes, { margin: MARGIN, step: 20 });
      const found = Math.hypot(spot.x + 80, spot.y + 35);
      // Brute force over the same grid.
      let nearest = Infinity;
      for (let gx = -60; gx <= 60; gx++) {
        for (let gy = -60; gy <= 60; gy++) {
          const candidate = { x: -80 + gx * 20, y: -35 + gy * 20, ...SIZE };
          if (boxes.some((b) => overlapsWithMargin(candidate, b, MARGIN))) continue;
          nearest = Math.min(nearest, Math.hypot(gx * 20, gy * 20));
        }
      }
      expect(found, `seed ${seed}`).toBeCloseTo(nearest, 6);
    }
  });

  it('places several factors added in a row side by side, none on another', () => {
    const boxes: Box[] = [];
    for (let i = 0; i < 12; i++) {
      const spot = findFreeSpot({ x: 0, y: 0 }, SIZE, boxes, { margin: MARGIN });
      for (const box of boxes) expect(overlapsWithMargin({ ...spot, ...SIZE }, box, MARGIN)).toBe(false);
      boxes.push({ ...spot, ...SIZE });
    }
    const spread = Math.max(...boxes.map((b) => Math.hypot(b.x + 80, b.y + 35)));
    expect(spread).toBeLessThan(600);
  });

  it('ignores boxes with coordinates that are not numbers', () => {
    expect(findFreeSpot({ x: 0, y: 0 }, SIZE, [{ x: Number.NaN, y: 0, width: 10, height: 10 }])).toEqual({ x: -80, y: -35 });
  });
});
