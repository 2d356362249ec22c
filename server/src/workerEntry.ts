/**
 * The entry file of a worker thread. From source (tsx, vitest) it is the `<name>.boot.mjs` beside the caller, which
 * registers tsx and then loads `<name>.ts` (a worker does not inherit the main thread's loader hooks). In the built
 * server (scripts/build.mjs) every module is bundled into dist/server/main.js, so `callerUrl` is main.js's, and the
 * worker is the compiled `<name>.js` beside it: plain JavaScript, no tsx.
 */
export function workerEntry(callerUrl: string, name: 'sqliteWorker' | 'poolWorker'): URL {
  return new URL(callerUrl.endsWith('.ts') ? `./${name}.boot.mjs` : `./${name}.js`, callerUrl);
}
