import { describe, expect, it } from 'vitest';
import { OutboxPublisher, PgOutboxStore } from '../../../src/bridge/outbox/index.js';
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
});
