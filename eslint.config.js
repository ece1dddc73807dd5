import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layeringRule } from './scripts/eslint-layering.js';

/**
 * Lint, including the layering of DESIGN.md: which project folder may import which is an allow-list per
 * folder (scripts/eslint-layering.js: one ledger's service cannot reach into another's); packages are
 * checked here: shared/ is pure (no Node, no Electron, no React), the renderer never imports Node or Electron,
 * and only electron/main and electron/preload import `electron`.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'better-sqlite3', 'typeorm'];
const layer = (group, message) => ({ 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.native/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts'],
    plugins: { ledger: { rules: { layering: layeringRule } } },
    rules: { 'ledger/layering': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: layer(['**/electron/**', '**/renderer/**', 'electron', 'react', 'antd', ...nodeBuiltins], 'shared/ is pure TypeScript: no electron/, renderer/, Electron or Node imports'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      ...layer(['**/electron/**', 'electron', ...nodeBuiltins], 'the renderer talks to the main process only through renderer/src/api/client.ts'),
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/db/**/*.ts', 'electron/ipc/**/*.ts', 'electron/harness/**/*.ts', 'electron/cli/**/*.ts', 'electron/sync/**/*.ts'],
    rules: layer(['electron', 'electron/*', '**/renderer/**'], 'only electron/main and electron/preload may import Electron; logic must run under plain Node'),
  },
  {
    // Every connection to a ledger file is opened (and keyed) in electron/db/ledgerConnection.ts.
    files: ['electron/**/*.ts', 'test/**/*.ts', 'scripts/**/*.{js,mjs,ts}'],
    ignores: ['electron/db/ledgerConnection.ts', 'test/platform/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [
          { name: 'better-sqlite3', allowTypeImports: true, message: 'open ledger files through electron/db/ledgerConnection.ts (it keys them)' },
          { name: 'better-sqlite3-multiple-ciphers', message: 'open ledger files through electron/db/ledgerConnection.ts (it keys them)' },
        ],
      }],
    },
  },
);
