import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Subprocess and broker tests are I/O bound; two workers match the CI machine's two cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
