import { describe, expect, it } from 'vitest';
import { ExportsBusyError, createExportLimiter } from './exportLimiter.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('export limiter', () => {
  it('runs at most maxRunning at once, queues up to maxWaiting, refuses beyond, and runs the queue in order', async () => {
    const limiter = createExportLimiter(2, 2);
    const gates = Array.from({ length: 4 }, deferred);
    const started: number[] = [];
    const results = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limiter.waiting).toBe(2);
    await expect(limiter.run(async () => 99)).rejects.toBeInstanceOf(ExportsBusyError);
    gates[1]!.resolve();
    await results[1];
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3]);
    expect(limiter.running).toBe(0);
  });

  it('a failing task frees its place', async () => {
    const limiter = createExportLimiter(1, 0);
    await expect(limiter.run(async () => Promise.reject(new Error('kapot')))).rejects.toThrow('kapot');
    expect(await limiter.run(async () => 'weer vrij')).toBe('weer vrij');
  });
});
