/**
 * Worker threads for the work of a request that can take seconds: exports (layout, SVG, PDF, PNG, the loop search
 * for highlighting, rebuilding an analysis nobody has open) and parsing a large imported file. On the event loop,
 * three looping PDF exports of a 5,000-factor analysis held every family's sync for seconds; here the main thread
 * only posts the job and relays edits meanwhile.
 *
 * A piscina pool of `threads` threads, started on the first job, so a server that never exports never loads the
 * export code twice. Each job has a time budget that counts from the moment a thread starts it (a job waiting for a
 * thread is not charged): a job over it has its thread terminated (piscina starts another for the next job) and
 * fails with `JobTimeoutError`, and nothing else is touched.
 *
 * The budget is running time on a dedicated thread, measured by the main thread's clock, not CPU time: Node 20 has
 * no per-thread CPU clock. On a machine busy with other work a job gets less CPU within the same budget. A PNG's
 * rasterising and compressing run on libuv's thread pool; terminating the thread drops their result, but the native
 * work already started there runs to its end.
 */
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Logger } from '../log.ts';
import { workerEntry } from '../workerEntry.ts';
import type { Job, JobOutcomes, PoolTask } from './jobs.ts';

/** A job ran longer than the budget and was stopped. */
export class JobTimeoutError extends Error {
  constructor(readonly budgetMs: number) {
    super(`the job ran longer than its budget of ${budgetMs} ms`);
    this.name = 'JobTimeoutError';
  }
}

/** The pool was closed (the server is stopping). */
export class PoolClosedError extends Error {
  constructor() {
    super('the worker pool is closed');
    this.name = 'PoolClosedError';
  }
}

export interface WorkPoolOptions {
  /** Threads (EXPORT_WORKERS). */
  readonly threads: number;
  /** Running time a job may take (EXPORT_TIME_BUDGET_MS). */
  readonly timeBudgetMs: number;
  readonly log: Logger;
}

export interface WorkPool {
  /** Runs `job` on a pool thread; rejects with JobTimeoutError when it runs over the budget. */
  run<J extends Job>(job: J): Promise<JobOutcomes[J['kind']]>;
  /** Threads started now (0 before the first job). */
  readonly threads: number;
  /** Stops every thread; jobs still running or queued fail. */
  close(): Promise<void>;
}

/** poolWorker.ts: through a boot file that registers tsx when run from source, compiled in dist/server. */
const WORKER_FILE = fileURLToPath(workerEntry(import.meta.url, 'poolWorker'));

/**
 * An idle thread is stopped after this long: it holds the export code and fonts (~120 MB of the process's RSS after
 * a small PDF), and starting one again (the export modules, and tsx when run from source) takes a second or two, which the next export then
 * waits for (outside its time budget).
 */
const IDLE_TIMEOUT_MS = 5 * 60_000;

/**
 * Pool threads run at a lower priority (nice +10 on Linux, per thread), so when exports and the event loop want the
 * same core, the event loop gets it and edits keep flowing; an export then takes longer, which is the right trade.
 */
const NICE_INCREMENT = 10;

export function createWorkPool(options: WorkPoolOptions): WorkPool {
  let piscina: Piscina<PoolTask, unknown> | null = null;
  let closed = false;

  const start = (): Piscina<PoolTask, unknown> => {
    const started = new Piscina<PoolTask, unknown>({
      filename: WORKER_FILE,
      minThreads: 0,
      maxThreads: options.threads,
      idleTimeout: IDLE_TIMEOUT_MS,
      concurrentTasksPerWorker: 1,
      // Threads wait for work on their own event loop instead of blocking in Atomics.wait.
      atomics: 'disabled',
      niceIncrement: NICE_INCREMENT,
    });
    // A thread that fails outside a job (it could not load, say) fails the job it had; without a listener the
    // pool's 'error' event would end the process.
    started.on('error', (error: unknown) => options.log.error('export pool: a worker thread failed', error));
    return started;
  };
  const pool = (): Piscina<PoolTask, unknown> => (piscina ??= start());

  return {
    get threads() {
      return piscina?.threads.length ?? 0;
    },
    async run<J extends Job>(job: J): Promise<JobOutcomes[J['kind']]> {
      if (closed) throw new PoolClosedError();
      const abort = new AbortController();
      const started = new MessageChannel();
      let timer: ReturnType<typeof setTimeout> | undefined;
      started.port1.once('message', () => {
        timer = setTimeout(() => abort.abort(), options.timeBudgetMs);
      });
      try {
        const task: PoolTask = { started: started.port2, job };
        return (await pool().run(task, { transferList: [started.port2], signal: abort.signal })) as JobOutcomes[J['kind']];
      } catch (error) {
        if (abort.signal.aborted) throw new JobTimeoutError(options.timeBudgetMs);
        if (closed) throw new PoolClosedError();
        throw error;
      } finally {
        clearTimeout(timer);
        started.port1.close();
      }
    },
    async close() {
      closed = true;
      const running = piscina;
      piscina = null;
      await running?.destroy();
    },
  };
}
