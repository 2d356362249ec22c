import { describe, expect, it } from 'vitest';
import type { Factor, Link } from '@samenzicht/shared/model/types';
import { checkLink, findTargets, normaliseSearch } from './linkRules.ts';

function factor(id: string, label: string): Factor {
  return { id, label, kind: 'perpetuating', domain: null, evidence: 'observation', note: '', position: { x: 0, y: 0 } };
}
function link(from: string, to: string): Link {
  return { id: `${from}-${to}`, from, to, polarity: '+', note: '' };
}
function diagram(factors: Factor[], links: Link[] = []) {
  return { factors: new Map(factors.map((f) => [f.id, f])), links: new Map(links.map((l) => [l.id, l])) };
}

const d = diagram(
  [factor('a', 'Schulden'), factor('b', 'Slaapt slecht'), factor('c', 'Steun van oma'), factor('d', 'Één ouder werkt'), factor('e', '')],
  [link('a', 'b')],
);

describe('checkLink', () => {
  it('allows a link between two different factors that are not linked that way yet', () => {
    expect(checkLink(d, 'a', 'c')).toBe('ok');
    expect(checkLink(d, 'b', 'a')).toBe('ok');
  });

  it('refuses a self-link, a second link the same way, and missing factors', () => {
    expect(checkLink(d, 'a', 'a')).toBe('self');
    expect(checkLink(d, 'a', 'b')).toBe('exists');
    expect(checkLink(d, 'a', 'zz')).toBe('missing');
    expect(checkLink(d, 'zz', 'a')).toBe('missing');
  });
});

describe('findTargets', () => {
  it('never offers the source itself and marks factors it already leads to', () => {
    const all = findTargets(d, 'a', '', 'Nieuwe factor');
    expect(all.map((o) => o.id)).not.toContain('a');
    expect(all.find((o) => o.id === 'b')?.linked).toBe(true);
    expect(all.find((o) => o.id === 'c')?.linked).toBe(false);
  });

  it('finds a part of a name regardless of case and accents, best matches first', () => {
    expect(findTargets(d, 'a', 'S', 'x').map((o) => o.id)).toEqual(['b', 'c']);
    expect(findTargets(d, 'a', 'oma', 'x').map((o) => o.id)).toEqual(['c']);
    expect(findTargets(d, 'a', 'een', 'x').map((o) => o.id)).toEqual(['d']);
    expect(findTargets(d, 'c', 'sl', 'x').map((o) => o.id)).toEqual(['b']);
    expect(findTargets(d, 'c', 'WERKT', 'x').map((o) => o.id)).toEqual(['d']);
  });

  it('ranks a label that starts with the text before one with a word that does, before one that contains it', () => {
    const ranked = diagram([factor('s', 'bron'), factor('x', 'Oma helpt'), factor('y', 'Steun van oma'), factor('z', 'Comateus')]);
    expect(findTargets(ranked, 's', 'oma', 'x').map((o) => o.id)).toEqual(['x', 'y', 'z']);
  });

  it('finds a factor without text by the placeholder it shows', () => {
    expect(findTargets(d, 'a', 'nieuwe', 'Nieuwe factor').map((o) => o.id)).toEqual(['e']);
  });

  it('normalises spaces, case and accents', () => {
    expect(normaliseSearch('  Één   Ouder ')).toBe('een ouder');
  });
});
