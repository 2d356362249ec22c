import { describe, expect, it } from 'vitest';
import { presentationViewport, readableZoom } from './presentFit.ts';
import { chooseCorner, cornerBox, intersects } from './legendPlacement.ts';
import { LOOP_LABEL_SIZE, placeLoopLabels } from './loopLabelPlacement.ts';

describe('presentation fit', () => {
  const options = { minZoom: readableZoom(15.2), maxZoom: 1.5, padding: 40, reserveLeft: 0 };

  it('a 15.2 px label needs zoom 16 / 15.2 to be drawn at 16 px', () => {
    expect(readableZoom(15.2) * 15.2).toBeCloseTo(16);
  });

  it('fits and centres a small diagram', () => {
    const vp = presentationViewport({ x: 0, y: 0, width: 400, height: 200 }, 1920, 1080, options);
    expect(vp.zoom).toBe(1.5);
    expect(vp.x + 200 * vp.zoom).toBeCloseTo(960);
    expect(vp.y + 100 * vp.zoom).toBeCloseTo(540);
  });

  it('never zooms below the readable zoom; a large diagram starts at its top-left', () => {
    const vp = presentationViewport({ x: -100, y: 50, width: 4000, height: 3000 }, 1920, 1080, options);
    expect(vp.zoom).toBeCloseTo(16 / 15.2);
    expect(vp.x + -100 * vp.zoom).toBeCloseTo(40);
    expect(vp.y + 50 * vp.zoom).toBeCloseTo(40);
  });

  it('centres along the axis where the diagram fits and keeps the reserved strip free', () => {
    const vp = presentationViewport({ x: 0, y: 0, width: 4000, height: 300 }, 1920, 1080, { ...options, reserveLeft: 250 });
    expect(vp.x).toBeCloseTo(290);
    expect(vp.y + 150 * vp.zoom).toBeCloseTo(540);
  });
});

describe('legend corner', () => {
  const legend = { width: 200, height: 240 };
  const opts = { margin: 15 };

  it('takes the first corner that covers nothing', () => {
    expect(chooseCorner(1000, 800, legend, [], opts)).toBe('top-left');
    const topLeft = { x: 20, y: 20, width: 100, height: 60 };
    expect(chooseCorner(1000, 800, legend, [topLeft], opts)).toBe('top-right');
    const topRight = { x: 900, y: 100, width: 100, height: 60 };
    expect(chooseCorner(1000, 800, legend, [topLeft, topRight], opts)).toBe('bottom-left');
  });

  it('keeps clear of controls at the bottom and says when no corner is free', () => {
    const box = cornerBox('bottom-right', 1000, 800, legend, { margin: 15, bottomInset: { 'bottom-right': 170 } });
    expect(box.y + box.height).toBe(800 - 15 - 170);
    const everywhere = { x: 0, y: 0, width: 1000, height: 800 };
    expect(chooseCorner(1000, 800, legend, [everywhere], opts)).toBeNull();
    expect(chooseCorner(100, 100, legend, [], opts)).toBeNull();
  });
});

describe('loop labels', () => {
  it('places a label near the middle of its loop, on no factor and on no other label', () => {
    const boxes = new Map([
      ['a', { x: 0, y: 0, width: 160, height: 60 }],
      ['b', { x: 300, y: 0, width: 160, height: 60 }],
      ['c', { x: 150, y: 200, width: 160, height: 60 }],
      ['d', { x: 150, y: 100, width: 160, height: 60 }],
    ]);
    const points = placeLoopLabels(
      [
        { id: 'R1', factors: ['a', 'b', 'c'] },
        { id: 'B1', factors: ['a', 'b', 'c'] },
        { id: 'R2', factors: ['missing'] },
      ],
      boxes,
    );
    expect([...points.keys()]).toEqual(['R1', 'B1']);
    const labelBox = (p: { x: number; y: number }) => ({ x: p.x - 28, y: p.y - 17, ...LOOP_LABEL_SIZE });
    for (const point of points.values()) {
      for (const box of boxes.values()) expect(intersects(labelBox(point), box)).toBe(false);
      expect(Math.hypot(point.x - 230, point.y - 110)).toBeLessThan(250);
    }
    expect(intersects(labelBox(points.get('R1')!), labelBox(points.get('B1')!))).toBe(false);
  });

  it('leaves out a label that finds no free place near its loop, instead of drawing it over others', () => {
    // One factor, and many loops through it: the rings around it fill up, the rest get no label.
    const boxes = new Map([['a', { x: 0, y: 0, width: 160, height: 60 }]]);
    const loops = Array.from({ length: 400 }, (_, i) => ({ id: `R${i + 1}`, factors: ['a'] }));
    const points = [...placeLoopLabels(loops, boxes).values()];
    expect(points.length).toBeGreaterThan(10);
    expect(points.length).toBeLessThan(400);
    const labelBox = (p: { x: number; y: number }) => ({ x: p.x - 28, y: p.y - 17, ...LOOP_LABEL_SIZE });
    for (const [i, p] of points.entries()) {
      expect(intersects(labelBox(p), boxes.get('a')!)).toBe(false);
      for (const q of points.slice(i + 1)) expect(intersects(labelBox(p), labelBox(q))).toBe(false);
    }
  });
});
