import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from './keyedQueue.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keyed queue', () => {
  it('runs tasks of one key one after another, in order', async () => {
    const queue = createKeyedQueue();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`${name} start`);
      await tick(ms);
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      queue.run('a', task('load', 20)),
      queue.run('a', task('flush', 1)),
      queue.run('a', task('delete', 5)),
    ]);
    expect(results).toEqual(['load', 'flush', 'delete']);
    expect(events).toEqual(['load start', 'load end', 'flush start', 'flush end', 'delete start', 'delete end']);
  });

  it('runs tasks of different keys independently', async () => {
    const queue = createKeyedQueue();
    const events: string[] = [];
    const slow = queue.run('a', async () => {
      await tick(30);
      events.push('a');
    });
    const fast = queue.run('b', async () => {
      events.push('b');
    });
    await Promise.all([slow, fast]);
    expect(events).toEqual(['b', 'a']);
  });

  it('a failing task fails for its caller only; the next one still runs', async () => {
    const queue = createKeyedQueue();
    const failed = queue.run('a', () => Promise.reject(new Error('schijf vol')));
    const next = queue.run('a', () => 'verder');
    await expect(failed).rejects.toThrow('schijf vol');
    await expect(next).resolves.toBe('verder');
  });

  it('drain waits for everything queued', async () => {
    const queue = createKeyedQueue();
    let done = false;
    void queue.run('a', async () => {
      await tick(20);
      done = true;
    });
    await queue.drain();
    expect(done).toBe(true);
  });
});
