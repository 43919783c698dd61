// ESLint (flat config, typescript-eslint). Besides the usual checks it enforces the layers of
// ../shared/DESIGN.md "Shape of the code": only src/host imports vscode; src/core does no I/O and knows no
// surface; views word numbers without I/O; store, calendar and cli never reach into the host; the webview
// only shares the protocol. docs/architecture.md has the table.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'https', 'net', 'url', 'zlib', 'stream', 'util', 'events', 'readline', 'process'];
const noNode = [...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`)];

/** `no-restricted-imports` patterns forbidding the given folders (relative imports from anywhere below src/). */
const folders = (...names) => names.map((name) => ({ group: [`**/${name}`, `**/${name}/**`], message: `This layer must not import src/${name} (see docs/architecture.md).` }));
const vscodeBan = { name: 'vscode', message: 'Only src/host imports vscode (see docs/architecture.md).' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'test-results/**', 'bench/results/**', 'test/fixtures/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [vscodeBan, ...noNode.map((name) => ({ name, message: 'src/core is pure: no I/O (see docs/architecture.md).' }))], patterns: folders('host', 'store', 'calendar', 'cli', 'webview', 'shared') }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'src/core reads no clock: pass `now` in.' }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core reads no environment.' }, { name: 'setTimeout', message: 'src/core has no timers.' }],
    },
  },
  {
    files: ['src/views/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeBan, ...noNode.map((name) => ({ name, message: 'src/views is pure: no I/O.' }))], patterns: folders('host', 'store', 'calendar', 'cli', 'webview') }] },
  },
  {
    files: ['src/store/**/*.ts', 'src/calendar/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeBan], patterns: folders('host', 'cli', 'webview') }] },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeBan], patterns: folders('host', 'webview') }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeBan, ...noNode], patterns: folders('host', 'store', 'calendar', 'cli', 'webview', 'core') }] },
  },
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeBan, ...noNode], patterns: folders('host', 'store', 'calendar', 'cli', 'core') }] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.{ts,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha, ...globals.browser } },
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
