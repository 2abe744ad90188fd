import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DEAD_LETTER_STATUSES, OutboxPublisher, PgOutboxStore } from '../../../src/bridge/outbox/index.js';
import { MIGRATIONS } from '../../../src/bridge/outbox/pg-outbox-sql.js';
import { migratePostgres } from '../../../src/shared/postgres/index.js';
import { freshSchema } from '../../support/postgres.js';
import { outboxStoreContract } from './outbox-store.contract.js';

outboxStoreContract('PgOutboxStore', async () => {
  const schema = await freshSchema('outbox');
  const stores: PgOutboxStore[] = [];
  return {
    // Each store opens its own small pool: two stores are two instances.
    open: (options = {}) => {
      const store = new PgOutboxStore({ url: schema.url, poolOptions: { max: 3 }, ...options });
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      await Promise.all(stores.map((s) => s.close()));
      await schema.drop();
    },
  };
});

describe('PgOutboxStore', () => {
  it("keeps the seed's outbox_messages columns, and migrates once for instances starting together", async () => {
    const schema = await freshSchema('outbox_mig');
    const stores = Array.from({ length: 3 }, () => new PgOutboxStore({ url: schema.url, poolOptions: { max: 2 } }));
    try {
      await Promise.all(stores.map((s) => s.isHandled({ eventId: 'e', tenantId: 't', messageId: 'm' })));
      const { rows: versions } = await schema.query('SELECT component, version FROM ventros_migrations');
      expect(versions).toEqual([
        { component: 'outbox', version: 1 },
        { component: 'outbox', version: 2 },
        { component: 'outbox', version: 3 },
        { component: 'outbox', version: 4 },
      ]);
      const { rows } = await schema.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns
         WHERE table_schema = $1 AND table_name = 'outbox_messages'`,
        [schema.name],
      );
      const columns = rows.map((r) => r.column_name);
      for (const seed of ['id', 'event_type', 'payload', 'status', 'retry_count', 'created_at', 'published_at']) {
        expect(columns).toContain(seed);
      }
      expect(columns).toContain('error_message');
      expect(columns).toContain('claimed_until');
      expect(columns).toContain('traceparent');
      expect(columns).toContain('max_retries');
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await schema.drop();
    }
  });

  it("lets two instances' publishers share the rows: each row published once", async () => {
    const schema = await freshSchema('outbox_pub');
    const stores = [0, 1].map(() => new PgOutboxStore({ url: schema.url, poolOptions: { max: 3 } }));
    try {
      const published: string[] = [];
      const publishers = stores.map(
        (store) =>
          new OutboxPublisher({
            store,
            batchSize: 7,
            publish: async (row) => {
              await new Promise((resolve) => setImmediate(resolve));
              published.push(row.id);
            },
          }),
      );
      const writer = stores[0] as PgOutboxStore;
      for (let n = 0; n < 60; n++) {
        await writer.commitHandled(
          { eventId: `e-${n}`, tenantId: 't', messageId: `m-${n}` },
          { id: `o-${n}`, tenantId: 't', eventType: 'message.outbound', exchange: 'x', routingKey: 'k', body: '{}' },
        );
      }
      for (let pass = 0; pass < 20 && published.length < 60; pass++) {
        await Promise.all(publishers.map((p) => p.publishDue()));
      }
      expect(published).toHaveLength(60);
      expect(new Set(published).size).toBe(60);
      expect(await writer.list('pending', 100)).toEqual([]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await schema.drop();
    }
  });

  it('upgrades an outbox written before the failed status: its rows, dlq ones included, stay readable with max_retries 3', async () => {
    const schema = await freshSchema('outbox_up');
    const pool = new pg.Pool({ connectionString: schema.url, max: 1 });
    try {
      await migratePostgres(pool, 'outbox', MIGRATIONS.slice(0, 3));
      const insert = (id: string, status: string, retries: number) =>
        schema.query(
          `INSERT INTO outbox_messages (id, tenant_id, event_type, payload, exchange, routing_key, status, retry_count, created_at, next_attempt_at)
           VALUES ($1, 't', 'message.outbound', '{}', 'x', 'k', $2, $3, now(), now())`,
          [id, status, retries],
        );
      await insert('old-dlq', 'dlq', 8);
      await insert('old-pending', 'pending', 2);
      await expect(insert('not-yet', 'failed', 0)).rejects.toThrow(/check constraint/);

      const store = new PgOutboxStore({ url: schema.url, poolOptions: { max: 2 } });
      try {
        expect(await store.get('old-dlq')).toMatchObject({ status: 'dlq', retryCount: 8, maxRetries: 3 });
        await store.claim(Date.now() + 1_000, 10, 5_000);
        await store.markFailed('old-pending', { errorType: 'nacked', errorMessage: 'refused' });
        const dead = await store.list(DEAD_LETTER_STATUSES, 10);
        expect(dead.map((r) => [r.id, r.status, r.maxRetries])).toEqual([
          ['old-dlq', 'dlq', 3],
          ['old-pending', 'failed', 3],
        ]);
        expect(await store.stats()).toMatchObject({ pending: 0, dlq: 2 });
      } finally {
        await store.close();
      }
    } finally {
      await pool.end();
      await schema.drop();
    }
  });
});
