import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules/', '.next/', '.next-*/', 'next-env.d.ts', 'var/', 'screenshots/', 'test-results/', 'bench/out/'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // lib/ is framework-free and never reaches the database; db/ is the only place that imports drivers.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['next', 'next/*', 'react', 'kysely', 'better-sqlite3', 'pg', '../db/*', '../../db/*', '@/db/*', '@/app/*'] }],
    },
  },
  {
    files: ['app/**/*.ts', 'app/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['kysely', 'better-sqlite3', 'pg'] }] },
  },
);
