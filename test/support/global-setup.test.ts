import { connect } from 'amqplib';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

describe('per-run test infrastructure', () => {
  it('gives every run its own RabbitMQ vhost and PostgreSQL database', async () => {
    const amqpUrl = process.env['RABBITMQ_URL'] ?? '';
    const dbUrl = process.env['TEST_DATABASE_URL'] ?? '';
    expect(amqpUrl).toMatch(/\/ventros-test-/);
    expect(dbUrl).toMatch(/\/ventros_test_/);
    const connection = await connect(amqpUrl);
    await connection.close();
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    const { rows } = await client.query<{ db: string }>('select current_database() as db');
    await client.end();
    expect(dbUrl.endsWith(`/${rows[0]?.db}`)).toBe(true);
  });
});
