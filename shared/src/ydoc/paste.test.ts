import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Analysis, Factor } from '../model/types.ts';
import { replaceAnalysis } from './commands.ts';
import { pasteAnalysis } from './paste.ts';
import { readAnalysis } from './read.ts';

function factor(id: string, label: string, x: number, y: number): Factor {
  return { id, label, kind: 'perpetuating', domain: null, evidence: 'observation', note: '', position: { x, y } };
}

const BASE: Analysis = {
  title: 'Testgezin',
  factors: [factor('f1', 'Schulden', 0, 0), factor('f2', 'Stress', 200, 0)],
  links: [{ id: 'l1', from: 'f1', to: 'f2', polarity: '+', note: '' }],
  actors: [{ id: 'a1', name: 'Moeder', role: 'parent', factors: ['f2'] }],
  loops: [],
};

const CLIP: Analysis = {
  title: 'Klembord',
  factors: [factor('f1', 'Schulden', 0, 0), factor('f2', 'Stress', 200, 0)],
  links: [{ id: 'l1', from: 'f1', to: 'f2', polarity: '-', note: 'n' }],
  actors: [
    { id: 'a1', name: ' moeder ', role: 'parent', factors: ['f1', 'f2'] },
    { id: 'a2', name: 'Moeder', role: 'professional', factors: ['f1'] },
  ],
  loops: [],
};

describe('pasteAnalysis', () => {
  it('adds copies with fresh ids, shifted, with their links, in one transaction with the origin', () => {
    const doc = new Y.Doc();
    replaceAnalysis(doc, 'setup', BASE);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const ids = pasteAnalysis(doc, 'me', CLIP, { x: 40, y: 40 });
    expect(origins).toEqual(['me']);
    const after = readAnalysis(doc);
    expect(after.factors).toHaveLength(4);
    const copy = after.factors.find((f) => f.id === ids.get('f2'))!;
    expect(copy.position).toEqual({ x: 240, y: 40 });
    expect(ids.get('f1')).not.toBe('f1');
    expect(after.links.find((l) => l.id === ids.get('l1'))).toMatchObject({ from: ids.get('f1'), to: ids.get('f2'), polarity: '-' });
  });

  it('ties pasted factors to an actor with the same name and role instead of adding a second one', () => {
    const doc = new Y.Doc();
    replaceAnalysis(doc, 'setup', BASE);
    const ids = pasteAnalysis(doc, 'me', CLIP, { x: 40, y: 40 });
    const { actors } = readAnalysis(doc);
    // "Moeder" as parent joins a1; "Moeder" as professional is another person and is added.
    expect(actors).toHaveLength(2);
    const mother = actors.find((a) => a.id === 'a1')!;
    expect(mother.factors).toEqual(['f2', ids.get('f1'), ids.get('f2')].sort());
    expect(ids.get('a1')).toBe('a1');
    const other = actors.find((a) => a.id === ids.get('a2'))!;
    expect(other).toMatchObject({ name: 'Moeder', role: 'professional', factors: [ids.get('f1')] });
  });

  it('adds every actor when none is present yet', () => {
    const doc = new Y.Doc();
    pasteAnalysis(doc, 'me', CLIP, { x: 0, y: 0 });
    expect(
      readAnalysis(doc)
        .actors.map((a) => a.name)
        .sort(),
    ).toEqual([' moeder ', 'Moeder']);
  });
});
