import { describe, expect, it } from 'vitest';
import { encodeLead, followViewport, parseLead } from './lead.ts';

describe('lead presence', () => {
  it('round-trips a lead through its small wire form', () => {
    const lead = {
      leading: 7,
      viewport: { x: 10.04, y: -3, zoom: 1.23456, width: 1920, height: 1080 },
      spot: { kind: 'loop', id: 'l1|l2' },
    } as const;
    const wire = encodeLead(lead);
    expect(JSON.stringify(wire).length).toBeLessThan(100);
    expect(parseLead(JSON.parse(JSON.stringify(wire)))).toEqual({
      leading: 7,
      viewport: { x: 10, y: -3, zoom: 1.2346, width: 1920, height: 1080 },
      spot: { kind: 'loop', id: 'l1|l2' },
    });
    expect(encodeLead({ leading: null, viewport: null, spot: null })).toBeNull();
  });

  it('ignores what another client cannot mean', () => {
    for (const raw of [
      null,
      5,
      'x',
      [],
      {},
      { n: 0 },
      { n: 1.5 },
      { n: Infinity },
      { s: ['x', 'f1'] },
      { s: ['f', ''] },
      { s: ['f', 'x'.repeat(401)] },
    ]) {
      expect(parseLead(raw)).toBeNull();
    }
    expect(parseLead({ n: 3, v: [0, 0, 100, 10, 10] })).toEqual({ leading: 3, viewport: null, spot: null });
    expect(parseLead({ n: 3, v: [0, 'a', 1, 10, 10] })?.viewport).toBeNull();
    expect(parseLead({ n: 3, v: [0, 0, 1, 0, 10] })?.viewport).toBeNull();
    expect(parseLead({ n: 3, v: [NaN, 0, 1, 10, 10] })?.viewport).toBeNull();
    expect(parseLead({ s: ['f', 'f1'], n: 'no' })).toEqual({ leading: null, viewport: null, spot: { kind: 'factor', id: 'f1' } });
  });

  it('maps the leader view so the same diagram centre is in the middle and the same part fits', () => {
    const lead = { x: -100, y: -50, zoom: 1, width: 1920, height: 1080 };
    const limits = { minZoom: 0.1, maxZoom: 2.5, floorZoom: 0.3 };
    const vp = followViewport(lead, 960, 540, limits);
    expect(vp.zoom).toBeCloseTo(0.5);
    // The leader's centre (1060, 590) lands in the middle of the follower's canvas.
    expect(vp.x + 1060 * vp.zoom).toBeCloseTo(480);
    expect(vp.y + 590 * vp.zoom).toBeCloseTo(270);
    // A phone keeps the centre but does not zoom out below the floor.
    const phone = followViewport(lead, 390, 700, limits);
    expect(phone.zoom).toBeCloseTo(0.3);
    expect(phone.x + 1060 * phone.zoom).toBeCloseTo(195);
  });
});
