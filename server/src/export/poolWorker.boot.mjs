// Entry of an export pool thread (workPool.ts) when run from source (the built server starts
// dist/server/poolWorker.js instead, see workerEntry.ts). Loader hooks given to the main thread (`--import tsx`) do
// not reach a worker's entry module on Node 20, so the worker registers tsx itself before it loads the TypeScript
// module (as storage/sqliteWorker.boot.mjs does). Piscina calls the default export with each task.
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./poolWorker.ts', import.meta.url);

export default worker.default;
