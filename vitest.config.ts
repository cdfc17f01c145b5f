import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds dist/ when the sources are newer: the CLI tests run the compiled command, as users do.
    globalSetup: ['tests/helpers/build-dist.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Renderer child processes and SQLite files make tests heavier than usual; two cores in CI.
    pool: 'forks',
    maxWorkers: 2,
  },
});
