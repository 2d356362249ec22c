import { describe, expect, it } from 'vitest';
import type { Factor } from '@samenzicht/shared/model/types';
import { createNodeBuilder, type NodeInputs } from './toFlow.ts';

function factor(i: number): Factor {
  return {
    id: `f${i}`,
    label: `Factor ${i}`,
    kind: 'perpetuating',
    domain: null,
    evidence: 'observation',
    note: '',
    position: { x: i * 10, y: 0 },
  };
}

function inputs(n: number): NodeInputs {
  return {
    factors: new Map(Array.from({ length: n }, (_, i) => [`f${i}`, factor(i)])),
    selected: new Set(),
    localDrag: new Map(),
    sizes: new Map(),
    peers: [],
    editingId: null,
    readOnly: false,
    actors: new Map(),
    highlightActor: null,
    loopFactors: null,
  };
}

describe('createNodeBuilder', () => {
  it('rebuilds only the dragged factor in a drag frame and reuses every other node object', () => {
    const build = createNodeBuilder();
    const start = inputs(50);
    const before = build(start);
    const frame = build({ ...start, localDrag: new Map([['f7', { x: 1, y: 2 }]]) });
    expect(frame).not.toBe(before);
    expect(frame[7]!.position).toEqual({ x: 1, y: 2 });
    expect(frame.filter((node, i) => node !== before[i]).map((n) => n.id)).toEqual(['f7']);
    // The drag ends: the factor goes back to its document position (until the document has the new one).
    const after = build({ ...start, localDrag: new Map() });
    expect(after[7]!.position).toEqual({ x: 70, y: 0 });
    expect(after.filter((node, i) => node !== frame[i]).map((n) => n.id)).toEqual(['f7']);
  });

  it('gives unmeasured factors an estimated size and handles, measured ones their size and no handles', () => {
    const build = createNodeBuilder();
    const start = inputs(2);
    const [fresh] = build(start);
    expect(fresh!.initialWidth).toBeGreaterThan(0);
    expect(fresh!.initialHeight).toBeGreaterThan(0);
    expect(fresh!.handles).toHaveLength(2);
    expect(fresh!.data.box).toEqual({ width: fresh!.initialWidth, height: fresh!.initialHeight });
    const size = { width: 180, height: 70 };
    const [measured] = build({ ...start, sizes: new Map([['f0', size]]) });
    expect(measured!.measured).toBe(size);
    expect(measured!.handles).toBeUndefined();
    expect(measured!.data.box).toBe(size);
  });
});
