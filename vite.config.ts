import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One config for the web build and for every test project.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  resolve: {
    // Exactly one copy of yjs in the bundle: two copies break `instanceof` checks inside Yjs.
    dedupe: ['yjs', 'y-protocols', 'lib0'],
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
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
        test: { name: 'shared', root: '.', include: ['shared/src/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'server',
          root: '.',
          include: ['server/src/**/*.test.ts'],
          environment: 'node',
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
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: '.',
          include: ['web/e2e/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
