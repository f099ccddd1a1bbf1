import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Numbers shown to people go through the one formatter (src/core/reasoned.ts; src/ui/result/format.ts wraps
// it), so a reason and the table beside it print a figure the same way.
const oneFormatter = {
  selector: 'CallExpression[callee.property.name=/^(toLocaleString|toFixed)$/]',
  message: 'Format numbers with fmt or usd (src/core/reasoned.ts) or src/ui/result/format.ts.',
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is a pure library: no React, no DOM, no clock, no randomness (README, How it is built).
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['react', 'react-*', 'recharts', '@tanstack/*', '../ui/*', '../../ui/*'] },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'fetch', 'navigator'],
      // No hidden state: a memo or cache lives in a closure created per call (TanStack's per-instance memo),
      // never at module level, so the same inputs always give the same outputs.
      'no-restricted-syntax': [
        'error',
        {
          selector: ':matches(Program, ExportNamedDeclaration) > VariableDeclaration[kind=/^(let|var)$/]',
          message: 'No module-level mutable state in src/core: pass values down or memo per call.',
        },
        {
          selector:
            ':matches(Program, ExportNamedDeclaration) > VariableDeclaration > VariableDeclarator > NewExpression[callee.name=/^(Map|Set|WeakMap|WeakSet)$/]',
          message: 'No module-level caches in src/core: pass values down or memo per call.',
        },
        oneFormatter,
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'The core is deterministic.' },
        { object: 'Date', property: 'now', message: 'The core has no clock.' },
      ],
    },
  },
  {
    files: ['src/*.tsx', 'src/ui/**/*.{ts,tsx}'],
    ignores: ['src/ui/**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', oneFormatter] },
  },
  {
    files: ['scripts/**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
);
