import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { buildServiceWorker } from './web/src/sw/buildServiceWorker.ts';

/** Writes `sw.js` into the build with a cache name of that build (web/src/sw/buildServiceWorker.ts). */
function serviceWorker(): Plugin {
  return {
    name: 'samenzicht-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const template = readFileSync(fileURLToPath(new URL('./web/sw/sw.js', import.meta.url)), 'utf8');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: buildServiceWorker(template, Object.keys(bundle)) });
    },
  };
}

// The browser benchmarks (server/src/bench/browserBench.ts, exportBench.ts) build with SAMENZICHT_BENCH_PAGE=1 to add
// bench.html, a bare React Flow page from the same build, and bench-export.html (with html-to-image); the normal
// build leaves them out, so production chunks stay as they are.
const benchInput = process.env.SAMENZICHT_BENCH_PAGE
  ? {
      rolldownOptions: {
        input: {
          index: fileURLToPath(new URL('./web/index.html', import.meta.url)),
          bench: fileURLToPath(new URL('./web/bench.html', import.meta.url)),
          benchExport: fileURLToPath(new URL('./web/bench-export.html', import.meta.url)),
        },
      },
    }
  : {};

// One config for the web build and for every test project.
export default defineConfig({
  root: 'web',
  plugins: [react(), serviceWorker()],
  resolve: {
    // Exactly one copy of yjs in the bundle: two copies break `instanceof` checks inside Yjs.
    dedupe: ['yjs', 'y-protocols', 'lib0'],
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    ...benchInput,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/sync': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    root: '.',
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          root: '.',
          include: ['shared/src/**/*.test.ts'],
          environment: 'node',
          // A hang guard, not a speed goal: the tests on 5,000–10,000 factors take 1 s alone and over 5 s (Vitest's
          // default) with a second clone's tests beside them on 2 cores. Speed goals are in `npm run bench`.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          root: '.',
          include: ['server/src/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['scripts/testFetch.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          root: '.',
          include: ['web/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: '.',
          include: ['web/e2e/**/*.spec.ts'],
          environment: 'node',
          setupFiles: ['scripts/testFetch.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          // A browser on a busy 2-core machine (CI, or a second clone testing beside it) can take seconds for what
          // takes 100 ms alone: wait for a state for up to 15 s instead of expect.poll's default 1 s.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
