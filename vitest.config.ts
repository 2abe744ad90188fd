import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A fresh RabbitMQ vhost and PostgreSQL database per run (RABBITMQ_URL, TEST_DATABASE_URL).
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Subprocess and broker tests are I/O bound; two workers match the CI machine's two cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
