import { describe, expect, it } from 'vitest';
import { findLoops } from '../graph/loops.ts';
import { seededRandom } from '../random.ts';
import { randomDigraph } from '../testing/graph.ts';
import type { Rect } from './geometry.ts';
import { LocalMeasure, measureLayout } from './quality.ts';

describe('LocalMeasure: the part of the quality one factor takes part in', () => {
  it('changes by exactly as much as the whole measure when single factors move (random diagrams and moves)', () => {
    let changed = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const random = seededRandom(seed);
      const graph = randomDigraph(random, 14, 0.14);
      const ids = graph.factors.map((f) => f.id);
      const loops = findLoops(graph, { maxLoops: 200 }).loops.map((l) => [...l.factors]);
      const boxes = new Map<string, Rect>(
        ids.map((id) => [id, { x: Math.round(random() * 900), y: Math.round(random() * 600), width: 160, height: 60 }]),
      );
      const whole = () => measureLayout(graph.links, boxes, loops);
      const local = new LocalMeasure(graph.links, new Map(boxes), loops);
      for (let step = 0; step < 40; step++) {
        const id = ids[Math.floor(random() * ids.length)]!;
        const before = whole();
        const aroundBefore = local.around(id);
        const box = { ...boxes.get(id)!, x: Math.round(random() * 900), y: Math.round(random() * 600) };
        boxes.set(id, box);
        local.move(id, box);
        const after = whole();
        const aroundAfter = local.around(id);
        expect(aroundAfter.overlaps - aroundBefore.overlaps).toBe(after.overlaps - before.overlaps);
        expect(aroundAfter.crossings - aroundBefore.crossings).toBe(after.crossings - before.crossings);
        expect(aroundAfter.linksThroughFactors - aroundBefore.linksThroughFactors).toBe(
          after.linksThroughFactors - before.linksThroughFactors,
        );
        expect(aroundAfter.markClashes - aroundBefore.markClashes).toBe(after.markClashes - before.markClashes);
        expect(aroundAfter.brokenRings - aroundBefore.brokenRings).toBe(before.loopsAsRings - after.loopsAsRings);
        if (after.crossings !== before.crossings || after.linksThroughFactors !== before.linksThroughFactors) changed++;
      }
    }
    // Not idle: most moves change what is measured.
    expect(changed).toBeGreaterThan(200);
  });
});
