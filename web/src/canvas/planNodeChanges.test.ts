import { describe, expect, it } from 'vitest';
import { planNodeChanges } from './planNodeChanges.ts';

describe('planNodeChanges', () => {
  it('keeps positions during a drag local and writes the final one once', () => {
    const plan = planNodeChanges([
      { type: 'position', id: 'f1', position: { x: 10, y: 20 }, dragging: true },
      { type: 'position', id: 'f2', position: { x: 30, y: 40 }, dragging: false },
    ]);
    expect([...plan.dragging]).toEqual([['f1', { x: 10, y: 20 }]]);
    expect([...plan.moved]).toEqual([['f2', { x: 30, y: 40 }]]);
  });

  it('collects selection and measured sizes and ignores removals', () => {
    const plan = planNodeChanges([
      { type: 'select', id: 'f1', selected: true },
      { type: 'dimensions', id: 'f1', dimensions: { width: 100, height: 40 } },
      { type: 'remove', id: 'f3' },
    ]);
    expect(plan.select.get('f1')).toBe(true);
    expect(plan.sizes.get('f1')).toEqual({ width: 100, height: 40 });
    expect(plan.moved.size + plan.dragging.size).toBe(0);
  });
});
