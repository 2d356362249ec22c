// ESLint (flat config): typescript-eslint's recommended rules, the React hooks rules for the web app, and the
// package boundaries: shared/ is pure domain code that imports neither the server nor the web app nor Node; web/ and
// server/ import shared through its package name; production code never imports a test helper.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const SHARED_BY_PATH = {
  group: ['**/shared/src/*', '**/shared/src/**'],
  message: 'Import shared code through its package name: @samenzicht/shared/<path> (see shared/package.json).',
};
const TEST_HELPERS = {
  group: ['**/testing', '**/testing.ts', '**/testing/**', '**/*.test', '**/*.test.ts', '**/pngPixels', '**/pngPixels.ts', '**/e2e/**'],
  message: 'Test helpers are for tests only.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.tsbuild/**',
      'node_modules/**',
      '**/node_modules/**',
      'data/**',
      'web/sw/sw.js',
      'shared/src/export/fontMetrics.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Matching control characters is the point where we clean text (labels, names, log lines, terminal output).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    ignores: ['shared/src/**/*.test.ts', 'shared/src/testing/**', 'shared/src/export/generateMetrics.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/web/**', '@samenzicht/server', '@samenzicht/server/*', '@samenzicht/web', '@samenzicht/web/*'],
              message: 'shared/ is pure domain code: it imports neither the server nor the web app.',
            },
            { group: ['node:*'], message: 'shared/ runs in browsers and workers too: no Node modules.' },
            TEST_HELPERS,
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', 'server/src/testing.ts', 'server/src/bench/**', 'server/src/faults/**', 'web/src/bench/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SHARED_BY_PATH, TEST_HELPERS] }] },
  },
  {
    files: [
      '**/*.test.ts',
      'server/src/testing.ts',
      'server/src/bench/**',
      'server/src/faults/**',
      'web/src/bench/**',
      'web/e2e/**',
      'shared/src/testing/**',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: [SHARED_BY_PATH] }] },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    // The two rules of hooks. (Version 7's recommended set adds the React Compiler's checks, which this app, not
    // built with the compiler, does not follow: e.g. it syncs a draft from props in an effect on purpose.)
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['server/**/*.{ts,mjs,js}', 'scripts/**/*.{js,mjs}', 'web/e2e/**', '*.{js,mjs,ts}', '.ci/**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
);
