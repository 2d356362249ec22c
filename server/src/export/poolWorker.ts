/**
 * The worker side of the pool (workPool.ts): runs one job and hands its bytes back without copying them. Loaded by
 * poolWorker.boot.mjs, which registers tsx first, or compiled as dist/server/poolWorker.js (workerEntry.ts).
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { prepareCreate } from '../analysesApi.ts';
import type { Job, JobOutcomes, PoolTask } from './jobs.ts';
import { runExport } from './runExport.ts';

async function runJob(job: Job): Promise<JobOutcomes[Job['kind']]> {
  switch (job.kind) {
    case 'export':
      return runExport(job);
    case 'create':
      return prepareCreate(job.text);
  }
}

/**
 * A buffer to hand over to the main thread. Transferring detaches it here, so a view on a larger or shared buffer
 * (Node's pool of small Buffers, a cached font) is copied first.
 */
function ownBuffer(bytes: Uint8Array): { bytes: Uint8Array; buffer: ArrayBuffer } {
  const own =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
  return { bytes: own, buffer: own.buffer as ArrayBuffer };
}

function transferable(outcome: JobOutcomes[Job['kind']]): unknown {
  if (!outcome.ok) return outcome;
  const field = 'body' in outcome ? 'body' : 'update';
  const source = 'body' in outcome ? outcome.body : outcome.update;
  const { bytes, buffer } = ownBuffer(source);
  const value = { ...outcome, [field]: bytes };
  return move({ [transferableSymbol]: [buffer], [valueSymbol]: value } as never);
}

export default async function handle(task: PoolTask): Promise<unknown> {
  task.started.postMessage(null);
  task.started.close();
  return transferable(await runJob(task.job));
}
