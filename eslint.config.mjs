// `npm run lint`: typescript-eslint's recommended type-checked rules on the TypeScript (the program of
// tsconfig.json: client/src, server/src, test), ESLint's recommended rules on the JavaScript (scripts/, the
// test launchers, the webview script). Only rules about correctness: layout is Prettier's (.prettierrc.json).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', '.cache/', '.vscode-test/', 'bench-out/', 'test/fixtures/', 'test/grammar/stubs/'] },
  // An eslint-disable comment that disables nothing is an error: every one of them stays true.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  // An empty catch says "ignore this error" (ending a process that is already gone).
  { rules: { 'no-empty': ['error', { allowEmptyCatch: true }] } },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // tsc's noUnusedLocals/noUnusedParameters already report these, with the same `_` convention.
      '@typescript-eslint/no-unused-vars': 'off',
      // `async` without `await` is how this code says "returns a promise, and what it throws becomes a
      // rejection" (stand-ins of VS Code's promise APIs, a sync reader behind an async interface); a promise
      // left unawaited is no-floating-promises' to find.
      '@typescript-eslint/require-await': 'off',
      // node:test's describe() and test() return promises that the runner awaits itself.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'test', 'it', 'suite'] }] }],
    },
  },
  {
    // The model of Claude Code copies its JavaScript coercions: String() of a YAML value, "[object Object]"
    // included, is what Claude Code reads.
    files: ['server/src/core/claude-code/**/*.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // The webview script runs in the browser.
    files: ['media/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
);
