import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Analysis, Factor, FactorKind } from '../model/types.ts';
import { KIND_PARTITION, buildLayoutGraph, readLayoutResult, topLeftOf } from './layoutPlan.ts';

const factor = (id: string, kind: FactorKind, x = 0, y = 0): Factor => ({
  id,
  label: id,
  kind,
  domain: null,
  evidence: 'observation',
  note: '',
  position: { x, y },
});

const ANALYSIS: Pick<Analysis, 'factors' | 'links'> = {
  factors: [
    factor('p', 'problem'),
    factor('pre', 'predisposing'),
    factor('trig', 'precipitating'),
    factor('keep', 'perpetuating'),
    factor('worse', 'aggravating'),
    factor('help', 'protective'),
  ],
  links: [
    { id: 'l1', from: 'pre', to: 'keep', polarity: '+', note: '' },
    { id: 'l2', from: 'trig', to: 'keep', polarity: '+', note: '' },
    { id: 'l3', from: 'keep', to: 'p', polarity: '+', note: '' },
    { id: 'l4', from: 'p', to: 'keep', polarity: '+', note: '' },
    { id: 'l5', from: 'worse', to: 'p', polarity: '+', note: '' },
    { id: 'l6', from: 'help', to: 'keep', polarity: '-', note: '' },
  ],
};

describe('layout plan', () => {
  it('reads left to right as an explanation, with strengths apart at the end', async () => {
    const elk = new ELK();
    const result = await elk.layout(buildLayoutGraph({ analysis: ANALYSIS }));
    const x = new Map(readLayoutResult(result).map((m) => [m.id, m.position.x]));
    expect(x.get('pre')!).toBeLessThan(x.get('trig')!);
    expect(x.get('trig')!).toBeLessThan(x.get('keep')!);
    expect(x.get('keep')!).toBeLessThan(x.get('p')!);
    expect(x.get('p')!).toBeLessThan(x.get('help')!);
    // A loop (keep ⇄ p) does not break the order of the columns.
    expect(KIND_PARTITION.problem).toBeGreaterThan(KIND_PARTITION.perpetuating);
  });

  it('lays out only a selection and puts it back at its top-left corner', async () => {
    const moved = { ...ANALYSIS, factors: ANALYSIS.factors.map((f, i) => ({ ...f, position: { x: 500 + i * 7, y: 300 + i } })) };
    const only = new Set(['keep', 'p', 'worse']);
    const graph = buildLayoutGraph({ analysis: moved, only });
    expect(graph.children.map((c) => c.id).sort()).toEqual(['keep', 'p', 'worse']);
    expect(graph.edges.map((e) => e.id).sort()).toEqual(['l3', 'l4', 'l5']);
    const result = await new ELK().layout(graph);
    const moves = readLayoutResult(result, topLeftOf(moved, only));
    expect(Math.min(...moves.map((m) => m.position.x))).toBe(topLeftOf(moved, only).x);
    expect(Math.min(...moves.map((m) => m.position.y))).toBe(topLeftOf(moved, only).y);
  });

  it('uses measured sizes so boxes do not overlap', async () => {
    const sizes = new Map(ANALYSIS.factors.map((f) => [f.id, { width: 220, height: 90 }]));
    const result = await new ELK().layout(buildLayoutGraph({ analysis: ANALYSIS, sizes }));
    const boxes = readLayoutResult(result).map((m) => ({ ...m.position, w: 220, h: 90 }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${i} and ${j} overlap`).toBe(false);
      }
    }
  });
});
