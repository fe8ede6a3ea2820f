import { configDefaults, defineConfig } from 'vitest/config';

// Test layers told apart by place (docs/ARCHITECTURE.md): domain (pure), web components (happy-dom), server (real
// PostgreSQL), e2e (browser).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          sequence: { groupOrder: 0 },
          include: [
            'src/domain/**/*.test.ts',
            'src/contracts/**/*.test.ts',
            'src/web/**/*.test.ts',
            // checks of the repository's own text (rule citations): they read files but need no database
            'test/repo/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        // Component tests (happy-dom; antd for the console, antd-mobile for the H5): CPU-heavy, so they run after the pure tests rather than beside them,
        // where they would starve the domain's quick tests of their 5 s.
        test: {
          name: 'web',
          sequence: { groupOrder: 1 },
          include: ['src/web/**/*.test.tsx', 'src/h5/**/*.test.tsx'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'server',
          sequence: { groupOrder: 2 },
          include: ['src/server/**/*.test.ts', 'src/cli/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/repo/**'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // Each test file gets its own database cloned from a migrated template; two workers keep 2 cores busy.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 3 },
          include: ['e2e/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
