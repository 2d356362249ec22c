import { describe, expect, it } from 'vitest';
import type { Analysis, Factor } from '@samenzicht/shared/model/types';
import { fromClipboardText, pickFactors, toClipboardText } from './selection.ts';

function factor(id: string, x = 0): Factor {
  return { id, label: `Factor ${id}`, kind: 'perpetuating', domain: null, evidence: 'observation', note: '', position: { x, y: 0 } };
}

const ANALYSIS: Analysis = {
  title: 'Testgezin',
  factors: [factor('f1'), factor('f2', 200), factor('f3', 400), factor('f4', 600)],
  links: [
    { id: 'l1', from: 'f1', to: 'f2', polarity: '+', note: '' },
    { id: 'l2', from: 'f2', to: 'f1', polarity: '-', note: '' },
    { id: 'l3', from: 'f2', to: 'f3', polarity: '+', note: '' },
    { id: 'l4', from: 'f4', to: 'f1', polarity: '+', note: '' },
  ],
  actors: [
    { id: 'a1', name: 'Moeder', role: 'parent', factors: ['f1', 'f3'] },
    { id: 'a2', name: 'Gezinsvoogd', role: 'professional', factors: ['f4'] },
  ],
  loops: [
    { links: ['l1', 'l2'], name: 'Binnen de keuze' },
    { links: ['l1', 'l3'], name: 'Half erbuiten' },
  ],
};

describe('pickFactors', () => {
  const picked = pickFactors(ANALYSIS, new Set(['f1', 'f2']));

  it('keeps only the chosen factors and the links between two of them', () => {
    expect(picked.factors.map((f) => f.id)).toEqual(['f1', 'f2']);
    // l3 (to f3) and l4 (from f4) have one end outside the selection.
    expect(picked.links.map((l) => l.id)).toEqual(['l1', 'l2']);
  });

  it('keeps people tied to a chosen factor, limited to the chosen factors', () => {
    expect(picked.actors).toEqual([{ id: 'a1', name: 'Moeder', role: 'parent', factors: ['f1'] }]);
  });

  it('keeps a loop name only when all its links are kept', () => {
    expect(picked.loops).toEqual([{ links: ['l1', 'l2'], name: 'Binnen de keuze' }]);
  });

  it('ignores ids that are not factors (a link id, a factor just deleted)', () => {
    expect(pickFactors(ANALYSIS, new Set(['l1', 'gone'])).factors).toEqual([]);
  });
});

describe('clipboard text', () => {
  it('is an analysis file that reads back to the same selection', () => {
    const text = toClipboardText(ANALYSIS, new Set(['f1', 'f2']))!;
    expect(JSON.parse(text)).toMatchObject({ format: 'samenzicht/analysis', version: 2 });
    expect(fromClipboardText(text)).toEqual(pickFactors(ANALYSIS, new Set(['f1', 'f2'])));
  });

  it('is null for an empty selection', () => {
    expect(toClipboardText(ANALYSIS, new Set())).toBeNull();
  });

  it('ignores text that is not a Samenzicht analysis, or has no factors', () => {
    expect(fromClipboardText('Schulden na terugvordering')).toBeNull();
    expect(fromClipboardText('{"format":"samenzicht/analysis","version":1,"factors":[{"id":"f1"}],"links":[]}')).toBeNull();
    expect(fromClipboardText('{"format":"samenzicht/analysis","version":1,"factors":[],"links":[]}')).toBeNull();
  });
});
