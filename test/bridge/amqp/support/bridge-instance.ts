/**
 * One instance of the chaos test and `bench/chaos.ts`, as its own process so it can be SIGKILLed: the
 * real application (offline model, every tool server in process) on a CRM SQLite file shared with the
 * other instances (WAL), sessions and the inbox/outbox in PostgreSQL (DATABASE_URL), and the RabbitMQ
 * bridge in partitioned mode. Prints `{"event":"ready"}` once consuming; stops on SIGTERM.
 *
 * Environment: RABBITMQ_URL, DATABASE_URL, VENTROS_DATA_DIR (seeded by the parent), INSTANCE_ID,
 * VENTROS_AMQP_PARTITIONS, VENTROS_AMQP_CONCURRENCY.
 */
import { startAmqpBridge } from '../../../../src/bridge/amqp/index.js';
import { PgOutboxStore } from '../../../../src/bridge/outbox/index.js';
import { builtinHostConfig, createApp } from '../../../../src/cli/create-app.js';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const app = await createApp({
  hostConfig: builtinHostConfig(),
  env: { VENTROS_MODEL: 'offline', DATABASE_URL: need('DATABASE_URL'), LOG_LEVEL: 'silent' },
  dataDir: need('VENTROS_DATA_DIR'),
  seedIfEmpty: false,
});
const outbox = new PgOutboxStore({ url: need('DATABASE_URL') });
const bridge = await startAmqpBridge({
  url: need('RABBITMQ_URL'),
  app,
  outbox,
  partitions: Number(need('VENTROS_AMQP_PARTITIONS')),
  concurrency: Number(process.env['VENTROS_AMQP_CONCURRENCY'] ?? '8'),
  instanceId: need('INSTANCE_ID'),
  rebalanceMs: 200,
  retry: { maxAttempts: 3, baseMs: 50, maxMs: 200 },
  publisher: { pollIntervalMs: 50 },
});
process.stdout.write(`${JSON.stringify({ event: 'ready', pid: process.pid })}\n`);

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    await bridge.close();
    await outbox.close();
    await app.close();
    process.exit(0);
  })();
});
