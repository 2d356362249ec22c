/**
 * How many exports are rendered at once, and how many one client may have on its way. A large PNG holds hundreds
 * of MB of pixels while it is drawn and encoded (500 factors at scale 2: 16,382 × 5,632 px, 352 MB of RGBA), so a
 * burst of export requests must queue instead of running side by side, and a burst beyond the queue is told to
 * come back (503) rather than taking the server down.
 *
 * The queue is shared by every client, so one client (one socket address) may hold at most `maxPerKey` places,
 * running or waiting; more is refused (429) before it takes a place. When a place frees up it goes to the waiting
 * export of the client with the fewest exports running (the oldest among equals), so a client that keeps its
 * places full cannot starve another one.
 */

/** Thrown by `run` when the shared queue is full. */
export class ExportsBusyError extends Error {
  constructor() {
    super('too many exports at once');
    this.name = 'ExportsBusyError';
  }
}

/** Thrown by `run` when this client already has `maxPerKey` exports running or waiting. */
export class ExportsPerClientError extends Error {
  constructor() {
    super('too many exports from this client');
    this.name = 'ExportsPerClientError';
  }
}

export interface ExportLimits {
  /** Exports handed to the renderer at once. */
  readonly maxRunning: number;
  /** Exports waiting for a place; beyond that `ExportsBusyError`. */
  readonly maxWaiting: number;
  /** Exports one key (client address) may have running or waiting; beyond that `ExportsPerClientError`. */
  readonly maxPerKey: number;
}

export interface ExportLimiter {
  /**
   * Runs `task` for `key` when a place is free. Rejects with ExportsPerClientError when `key` already has
   * `maxPerKey` exports running or waiting, and with ExportsBusyError when `maxWaiting` exports already wait.
   */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
  /** Exports of `key` running or waiting. */
  countOf(key: string): number;
}

interface Waiter {
  readonly key: string;
  readonly start: () => void;
}

export function createExportLimiter(limits: ExportLimits): ExportLimiter {
  let running = 0;
  const queue: Waiter[] = [];
  /** Per key: exports running and waiting; a key is dropped when it has none, so the map stays small. */
  const inFlight = new Map<string, { running: number; total: number }>();

  const counts = (key: string): { running: number; total: number } => {
    let entry = inFlight.get(key);
    if (!entry) inFlight.set(key, (entry = { running: 0, total: 0 }));
    return entry;
  };

  /** The waiter whose client has the fewest exports running; the oldest among equals. */
  const takeNext = (): Waiter | undefined => {
    let best = -1;
    for (let i = 0; i < queue.length; i++) {
      if (best < 0 || counts(queue[i]!.key).running < counts(queue[best]!.key).running) best = i;
    }
    return best < 0 ? undefined : queue.splice(best, 1)[0];
  };

  const release = (key: string): void => {
    running--;
    const entry = counts(key);
    entry.running--;
    entry.total--;
    if (entry.total === 0) inFlight.delete(key);
    const next = takeNext();
    if (next) {
      running++;
      counts(next.key).running++;
      next.start();
    }
  };

  return {
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
    countOf(key) {
      return inFlight.get(key)?.total ?? 0;
    },
    async run<T>(key: string, task: () => Promise<T>): Promise<T> {
      if ((inFlight.get(key)?.total ?? 0) >= limits.maxPerKey) throw new ExportsPerClientError();
      if (running >= limits.maxRunning && queue.length >= limits.maxWaiting) throw new ExportsBusyError();
      counts(key).total++;
      if (running < limits.maxRunning) {
        running++;
        counts(key).running++;
      } else {
        // `release` counts this export as running before it calls `start`.
        await new Promise<void>((resolve) => queue.push({ key, start: resolve }));
      }
      try {
        return await task();
      } finally {
        release(key);
      }
    },
  };
}

/** The limits of the README: 2 exports drawn at once, 8 waiting, 2 per client address (MAX_EXPORTS_PER_ADDRESS). */
export const DEFAULT_EXPORT_LIMITS: ExportLimits = { maxRunning: 2, maxWaiting: 8, maxPerKey: 2 };
