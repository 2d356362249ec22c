import { describe, expect, it } from 'vitest';
import { ExportsBusyError, ExportsPerClientError, createExportLimiter } from './exportLimiter.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('export limiter', () => {
  it('runs at most maxRunning at once, queues up to maxWaiting, refuses beyond, and runs the queue in order', async () => {
    const limiter = createExportLimiter({ maxRunning: 2, maxWaiting: 2, maxPerKey: 10 });
    const gates = Array.from({ length: 4 }, deferred);
    const started: number[] = [];
    const results = gates.map((gate, i) =>
      limiter.run('a', async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limiter.waiting).toBe(2);
    await expect(limiter.run('b', async () => 99)).rejects.toBeInstanceOf(ExportsBusyError);
    gates[1]!.resolve();
    await results[1];
    await settle();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3]);
    expect(limiter.running).toBe(0);
    expect(limiter.countOf('a')).toBe(0);
  });

  it('a failing task frees its place', async () => {
    const limiter = createExportLimiter({ maxRunning: 1, maxWaiting: 0, maxPerKey: 1 });
    await expect(limiter.run('a', async () => Promise.reject(new Error('kapot')))).rejects.toThrow('kapot');
    expect(await limiter.run('a', async () => 'weer vrij')).toBe('weer vrij');
  });

  it('one client holds at most maxPerKey places, running or waiting; another client still gets in', async () => {
    const limiter = createExportLimiter({ maxRunning: 1, maxWaiting: 8, maxPerKey: 2 });
    const gate = deferred();
    const first = limiter.run('a', () => gate.promise);
    const second = limiter.run('a', () => gate.promise);
    await expect(limiter.run('a', async () => 'te veel')).rejects.toBeInstanceOf(ExportsPerClientError);
    expect(limiter.countOf('a')).toBe(2);
    const other = limiter.run('b', async () => 'b');
    gate.resolve();
    await Promise.all([first, second]);
    expect(await other).toBe('b');
    // Once its exports are done the client may export again.
    expect(await limiter.run('a', async () => 'weer')).toBe('weer');
  });

  it('a freed place goes to the client with the fewest exports running, not to the oldest waiter of a busy one', async () => {
    const limiter = createExportLimiter({ maxRunning: 2, maxWaiting: 8, maxPerKey: 3 });
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const started: string[] = [];
    const start = (key: string, name: string): Promise<void> => {
      const gate = deferred();
      gates.set(name, gate);
      return limiter.run(key, async () => {
        started.push(name);
        await gate.promise;
      });
    };
    // Client a fills both places and queues a third; b arrives later.
    const all = [start('a', 'a1'), start('a', 'a2'), start('a', 'a3'), start('b', 'b1')];
    await settle();
    expect(started).toEqual(['a1', 'a2']);
    gates.get('a1')!.resolve();
    await settle();
    // a still has one running, b none: b goes first although a3 waited longer.
    expect(started).toEqual(['a1', 'a2', 'b1']);
    gates.get('a2')!.resolve();
    await settle();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
    for (const gate of gates.values()) gate.resolve();
    await Promise.all(all);
    expect([limiter.running, limiter.waiting]).toEqual([0, 0]);
  });
});
