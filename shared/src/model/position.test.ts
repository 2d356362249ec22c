import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { layoutExport } from '../export/layout.ts';
import { parseAnalysisFile } from '../schema/parseAnalysisFile.ts';
import { addFactor, moveFactors } from '../ydoc/commands.ts';
import { readAnalysis } from '../ydoc/read.ts';
import { getMaps } from '../ydoc/shape.ts';
import { POSITION_LIMIT, clampPosition, isCoordinateInRange } from './position.ts';
import type { Analysis, Factor } from './types.ts';

const factor = (id: string, x: number, y: number): Factor => ({
  id,
  label: `Factor ${id}`,
  kind: 'perpetuating',
  domain: null,
  evidence: 'observation',
  note: '',
  position: { x, y },
});

describe('position range', () => {
  it('clamps to ±POSITION_LIMIT and turns non-finite values into 0', () => {
    expect(clampPosition({ x: 5e18, y: -1e308 })).toEqual({ x: POSITION_LIMIT, y: -POSITION_LIMIT });
    expect(clampPosition({ x: Number.NaN, y: 12 })).toEqual({ x: 0, y: 12 });
    expect(isCoordinateInRange(POSITION_LIMIT)).toBe(true);
    expect(isCoordinateInRange(POSITION_LIMIT + 1)).toBe(false);
  });

  it('the file parser refuses a coordinate out of range, naming the place', () => {
    const parsed = parseAnalysisFile({
      format: 'samenzicht/analysis',
      version: 1,
      factors: [
        { id: 'f1', label: 'A', kind: 'problem', position: { x: 0, y: 0 } },
        { id: 'f2', label: 'B', kind: 'problem', position: { x: 12, y: -5e18 } },
      ],
      links: [],
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toEqual([
        expect.objectContaining({
          path: 'factors[1].position.y',
          code: 'outOfRange',
          message: expect.stringContaining('from -1000000 to 1000000'),
        }),
      ]);
    }
  });

  it('the document reader brings stored out-of-range positions into range', () => {
    const doc = new Y.Doc();
    addFactor(doc, null, { position: { x: 0, y: 0 } }, 'f1');
    (getMaps(doc).factors.get('f1') as Y.Map<unknown>).set('position', { x: 5e18, y: -1e308 });
    expect(readAnalysis(doc).factors[0]!.position).toEqual({ x: POSITION_LIMIT, y: -POSITION_LIMIT });
  });

  it('commands never write a position out of range', () => {
    const doc = new Y.Doc();
    addFactor(doc, null, { position: { x: 1e12, y: 0 } }, 'f1');
    expect((getMaps(doc).factors.get('f1') as Y.Map<unknown>).get('position')).toEqual({ x: POSITION_LIMIT, y: 0 });
    moveFactors(doc, null, [{ id: 'f1', position: { x: -3e15, y: 7.4 } }]);
    expect((getMaps(doc).factors.get('f1') as Y.Map<unknown>).get('position')).toEqual({ x: -POSITION_LIMIT, y: 7 });
  });

  it('the export layout finishes for factors 5e18 and 1e308 apart (it looped without end before)', () => {
    const analysis: Analysis = {
      title: 'Ver uit elkaar',
      factors: [factor('f1', 0, 0), factor('f2', 5e18, 0), factor('f3', -1e308, 1e308), factor('f4', 100, 100)],
      links: [
        { id: 'l1', from: 'f1', to: 'f2', polarity: '+', note: '' },
        { id: 'l2', from: 'f3', to: 'f4', polarity: '-', note: '' },
        { id: 'l3', from: 'f4', to: 'f1', polarity: '+', note: '' },
      ],
      actors: [],
      loops: [],
    };
    const started = performance.now();
    const layout = layoutExport(analysis);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(Number.isFinite(layout.width) && Number.isFinite(layout.height)).toBe(true);
    expect(layout.width).toBeLessThanOrEqual(2 * POSITION_LIMIT + 2_000);
    expect(layout.links).toHaveLength(3);
  });
});
