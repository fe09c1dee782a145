// ESLint (flat config): the layering rules the code relies on, and no import cycles. `npm run lint`.
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const shell = ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts', 'electron/app-origin.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'runs/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] })] },
    rules: {
      'import-x/no-cycle': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: "only the shell (main, preload, ipc, app-origin) imports 'electron'" }] }],
    },
  },
  { files: shell, rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer and shared/ run in the page too' }],
          patterns: [
            { regex: '^node:', message: 'the renderer and shared/ run in the page: no Node modules' },
            { regex: '(^|/)electron/', message: 'the renderer and shared/ do not reach into the main process' },
          ],
        },
      ],
    },
  },
);
