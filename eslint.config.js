// Lint with the layer rule of docs/ARCHITECTURE.md: web → contracts; server → domain + contracts; domain → nothing.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'coverage', 'src/server/db/migrations'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**'],
    rules: forbid(
      [
        '**/server/**',
        '**/web/**',
        '**/contracts/**',
        '**/cli/**',
        'fastify*',
        '@fastify/*',
        'drizzle-orm*',
        'pg',
        'react*',
        'antd*',
        'node:fs*',
        'fs',
        'node:net',
        'node:child_process',
      ],
      'src/domain is pure: no I/O, no framework imports (docs/ARCHITECTURE.md).',
    ),
  },
  {
    files: ['src/contracts/**'],
    rules: forbid(
      ['**/server/**', '**/web/**', '**/cli/**', 'fastify*', 'drizzle-orm*', 'pg', 'react*'],
      'contracts depend on zod and domain only.',
    ),
  },
  {
    files: ['src/server/**'],
    rules: forbid(['**/web/**', 'react*', 'antd*'], 'server may import domain and contracts, never web.'),
  },
  {
    // SQL lives in repositories, db/ and the case store; services and use cases call them (docs/ARCHITECTURE.md).
    // The seed's factories write rows for tests, the demo and e2e, as they did under db/ before they moved beside it.
    files: ['src/server/**'],
    ignores: [
      'src/server/**/*.repository.ts',
      'src/server/db/**',
      'src/server/seed/**',
      'src/server/cases/store/**',
      'src/server/**/*.test.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/web/**', 'react*', 'antd*'],
              message: 'server may import domain and contracts, never web.',
            },
          ],
          paths: [
            {
              name: 'drizzle-orm',
              importNames: ['sql'],
              message:
                'SQL lives in a repository (*.repository.ts), db/ or the case store: call one from here.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**'],
    rules: forbid(
      ['**/server/**', '**/domain/**', '**/cli/**', 'fastify*', 'drizzle-orm*', 'pg'],
      'web talks to the server through contracts only.',
    ),
  },
  {
    // The console's first load stays free of zod and of the data the contracts import (the working-day calendar):
    // the web reads the schemas as types only and calls through the table's zod-free half.
    files: ['src/web/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/contracts/endpoints', 'zod', 'zod/*'],
              allowTypeImports: true,
              message: 'import the table from src/web/api/endpoints.ts and schemas with `import type` only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The residents' H5 (src/h5) stays small: antd-mobile only, nothing of the staff console, no antd or ECharts,
    // and the contracts' schemas as types only (its client calls through the table's zod-free half).
    files: ['src/h5/**'],
    rules: {
      ...forbid(
        [
          '**/web/**',
          '**/server/**',
          '**/domain/**',
          '**/cli/**',
          'antd',
          'antd/*',
          '@ant-design/*',
          'echarts*',
        ],
        'the H5 loads antd-mobile and its own code only; it talks to the server through contracts.',
      ),
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/contracts/endpoints', '**/contracts/residents', 'zod', 'zod/*'],
              allowTypeImports: true,
              message: 'schemas as types only: `import type`; at run time only contracts/endpoint-routes.ts.',
            },
          ],
        },
      ],
    },
  },
);
