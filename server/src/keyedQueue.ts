/**
 * Runs async tasks one after another per key (here: per analysis id), so a load never interleaves with a flush,
 * a compaction or a delete of the same document. Tasks of different keys run independently.
 */

export interface KeyedQueue {
  /** Runs `task` after every task queued earlier under `key` has settled; resolves with its result. */
  run<T>(key: string, task: () => Promise<T> | T): Promise<T>;
  /** Resolves when every task queued so far (under any key) has settled. */
  drain(): Promise<void>;
}

/** Returns an empty queue. */
export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, task: () => Promise<T> | T): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(() => task());
      // A failed task must not block the ones after it; its caller sees the failure through `result`.
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    async drain(): Promise<void> {
      while (tails.size > 0) await Promise.all([...tails.values()]);
    },
  };
}
