import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * One fresh RabbitMQ vhost and one fresh PostgreSQL database per test run, so concurrent runs (CI, a
 * developer's watch mode, several checkouts on one machine) never see each other's queues or rows.
 * Tests read them from `RABBITMQ_URL` and `TEST_DATABASE_URL`; both are dropped when the run ends.
 * An explicitly set `RABBITMQ_URL` / `TEST_DATABASE_URL` is used as it is (and left alone).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const teardowns: Array<() => Promise<void> | void> = [];

  if (!process.env['RABBITMQ_URL']) {
    const vhost = `ventros-test-${id}`;
    rabbitmqctl(['add_vhost', vhost]);
    rabbitmqctl(['set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*']);
    process.env['RABBITMQ_URL'] = `amqp://guest:guest@127.0.0.1:5672/${encodeURIComponent(vhost)}`;
    teardowns.push(() => rabbitmqctl(['delete_vhost', vhost]));
  }

  if (!process.env['TEST_DATABASE_URL']) {
    const admin = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const database = `ventros_test_${id}`;
    await withClient(admin, (c) => c.query(`CREATE DATABASE ${database}`));
    const url = new URL(admin);
    url.pathname = `/${database}`;
    process.env['TEST_DATABASE_URL'] = url.toString();
    teardowns.push(() =>
      withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).then(() => undefined),
    );
  }

  return async () => {
    for (const teardown of teardowns.reverse()) {
      try {
        await teardown();
      } catch (error) {
        process.stderr.write(`test teardown: ${String(error)}\n`);
      }
    }
  };
}

function rabbitmqctl(args: string[]): void {
  execFileSync('rabbitmqctl', ['-q', ...args], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
