import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A fresh RabbitMQ vhost and PostgreSQL database per run (RABBITMQ_URL, TEST_DATABASE_URL).
    globalSetup: ['test/support/global-setup.ts'],
    // Generous: a timeout only decides how long a hung test takes to fail, and on a busy 2-core machine
    // building a seeded app (store, servers, router) can take half a minute.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Subprocess and broker tests are I/O bound; two workers match the CI machine's two cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
