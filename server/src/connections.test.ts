import { describe, expect, it } from 'vitest';
import { ConnectionRegistry, type TrackedConnection } from './connections.ts';

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
    expect(registry.admit(first)).toBe(true);
    expect(registry.admit(first)).toBe(true);
    expect(registry.admit(second)).toBe(false);
    registry.remove(first);
    expect(registry.countForAnalysis('x')).toBe(0);
    expect(registry.admit(second)).toBe(true);
    expect(registry.admit(connection('x', 'a', 'h1'))).toBe(false);
  });

  it('closes the connections of given token hashes on one analysis, admitted or not yet', () => {
    const registry = new ConnectionRegistry({ maxPerAnalysis: 10, maxPerAddress: 10 });
    const admitted = connection('x', 'a', 'old');
    const authorizing = connection('x', 'a', 'old');
    const otherRole = connection('x', 'a', 'other');
    const otherAnalysis = connection('y', 'a', 'old');
    const noToken = connection('x', 'a', null);
    for (const c of [admitted, authorizing, otherRole, otherAnalysis, noToken]) registry.add(c);
    registry.admit(admitted);
    expect(registry.closeByToken('x', ['old'], 4401, 'unauthorized')).toBe(2);
    expect([admitted, authorizing, otherRole, otherAnalysis, noToken].map((c) => c.closedWith)).toEqual([[4401], [4401], [], [], []]);
  });
});
