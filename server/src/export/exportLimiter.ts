/**
 * How many exports are rendered at once. A large PNG holds hundreds of MB of pixels while it is drawn and encoded
 * (500 factors at scale 2: 16,382 × 5,632 px, 352 MB of RGBA), so a burst of export requests must queue instead of
 * running side by side, and a burst beyond the queue is told to come back (503) rather than taking the server down.
 */

/** Thrown by `run` when the queue is full. */
export class ExportsBusyError extends Error {
  constructor() {
    super('too many exports at once');
    this.name = 'ExportsBusyError';
  }
}

export interface ExportLimiter {
  /** Runs `task` when a place is free; rejects with ExportsBusyError when `maxWaiting` tasks already wait. */
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

export function createExportLimiter(maxRunning: number, maxWaiting: number): ExportLimiter {
  let running = 0;
  const queue: Array<() => void> = [];
  const release = (): void => {
    running--;
    const next = queue.shift();
    if (next) next();
  };
  return {
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= maxRunning) {
        if (queue.length >= maxWaiting) throw new ExportsBusyError();
        await new Promise<void>((resolve) => queue.push(resolve));
      }
      running++;
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/** One per process: the memory it protects is the process's. */
export const EXPORT_LIMITER = createExportLimiter(2, 8);
