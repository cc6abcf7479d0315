import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import gridgov from './scripts/eslint/module-boundaries.mjs';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'web/dist/**', 'data/**', 'server/drizzle/**', 'e2e/artifacts/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['server/src/**/*.ts'],
    plugins: { gridgov },
    rules: { 'gridgov/module-boundaries': 'error' },
  },
  {
    // The web console's shared pieces serve every feature and import none.
    files: ['web/src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/features/**', '**/portal/**'], message: 'web/src/shared never imports a feature: move what both need into shared.' }] }],
    },
  },
);
