import { describe, expect, it } from 'vitest';
import { ConnectionRegistry, FACILITATOR_EXTRA, slotsFor, type TrackedConnection } from './connections.ts';

function connection(analysisId: string, address: string, tokenHash: string | null): TrackedConnection & { closedWith: number[] } {
  const closedWith: number[] = [];
  return { analysisId, address, tokenHash, closedWith, close: (code) => void closedWith.push(code) };
}

describe('ConnectionRegistry', () => {
  it('limits connections per address, and frees a place when one is removed (twice is harmless)', () => {
    const registry = new ConnectionRegistry({ maxPerAnalysis: 10, maxPerAddress: 2 });
    const a = connection('x', '10.0.0.1', null);
    const b = connection('y', '10.0.0.1', null);
    expect(registry.add(a)).toBe(true);
    expect(registry.add(b)).toBe(true);
    expect(registry.add(connection('x', '10.0.0.1', null))).toBe(false);
    expect(registry.add(connection('x', '10.0.0.2', null))).toBe(true);
    registry.remove(a);
    registry.remove(a);
    expect(registry.countForAddress('10.0.0.1')).toBe(1);
    expect(registry.add(connection('x', '10.0.0.1', null))).toBe(true);
  });

  it('counts only admitted connections per analysis', () => {
    const registry = new ConnectionRegistry({ maxPerAnalysis: 1, maxPerAddress: 10 });
    const first = connection('x', 'a', 'h1');
    const second = connection('x', 'a', 'h1');
    registry.add(first);
    registry.add(second);
    expect(registry.countForAnalysis('x')).toBe(0);
    expect(registry.admit(first, 'editor')).toBe(true);
    expect(registry.admit(first, 'editor')).toBe(true);
    expect(registry.admit(second, 'editor')).toBe(false);
    registry.remove(first);
    expect(registry.countForAnalysis('x')).toBe(0);
    expect(registry.admit(second, 'editor')).toBe(true);
    expect(registry.admit(connection('x', 'a', 'h1'), 'editor')).toBe(false);
  });

  it('closes the connections of given token hashes on one analysis, admitted or not yet', () => {
    const registry = new ConnectionRegistry({ maxPerAnalysis: 10, maxPerAddress: 10 });
    const admitted = connection('x', 'a', 'old');
    const authorizing = connection('x', 'a', 'old');
    const otherRole = connection('x', 'a', 'other');
    const otherAnalysis = connection('y', 'a', 'old');
    const noToken = connection('x', 'a', null);
    for (const c of [admitted, authorizing, otherRole, otherAnalysis, noToken]) registry.add(c);
    registry.admit(admitted, 'editor');
    expect(registry.closeByToken('x', ['old'], 4401, 'unauthorized')).toBe(2);
    expect([admitted, authorizing, otherRole, otherAnalysis, noToken].map((c) => c.closedWith)).toEqual([[4401], [4401], [], [], []]);
  });

  it('reserves places by role: viewers fill at most max − reserve, editors the rest, the facilitator a few more', () => {
    const max = 250;
    const registry = new ConnectionRegistry({ maxPerAnalysis: max, maxPerAddress: 1_000 });
    const admitMany = (role: 'facilitator' | 'editor' | 'viewer', count: number): number => {
      let admitted = 0;
      for (let i = 0; i < count; i++) {
        const c = connection('x', `10.0.0.${i % 3}`, role);
        registry.add(c);
        if (registry.admit(c, role)) admitted++;
      }
      return admitted;
    };
    // A viewer link used 260 times takes 200 places and no more.
    expect(admitMany('viewer', 260)).toBe(200);
    expect(admitMany('editor', 60)).toBe(50);
    expect(registry.countForAnalysis('x')).toBe(max);
    expect(admitMany('facilitator', 20)).toBe(FACILITATOR_EXTRA);
    expect(admitMany('viewer', 1) + admitMany('editor', 1) + admitMany('facilitator', 1)).toBe(0);
    // Another analysis is not affected.
    const elsewhere = connection('y', 'a', 'v');
    registry.add(elsewhere);
    expect(registry.admit(elsewhere, 'viewer')).toBe(true);
  });

  it('keeps a sensible reserve for small maxima', () => {
    expect([1, 2, 5, 20, 50, 100, 250, 1000].map((max) => slotsFor('viewer', max))).toEqual([1, 1, 3, 10, 40, 80, 200, 800]);
    expect(slotsFor('editor', 20)).toBe(20);
    expect(slotsFor('facilitator', 20)).toBe(20 + FACILITATOR_EXTRA);
  });
});
