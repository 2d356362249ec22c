// Entry of the storage thread when run from source (the built server starts dist/server/sqliteWorker.js instead,
// see workerEntry.ts). Loader hooks given to the main thread (`--import tsx`) do not reach a worker's entry
// module on Node 20, so the worker registers tsx itself before it loads the TypeScript module.
import { tsImport } from 'tsx/esm/api';

await tsImport('./sqliteWorker.ts', import.meta.url);
