import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEAD_LETTER_STATUSES, SqliteOutboxStore } from '../../../src/bridge/outbox/index.js';
import { SQLITE_OUTBOX_MIGRATIONS } from '../../../src/bridge/outbox/sqlite-outbox-store.js';
import { openSqliteStore } from '../../../src/shared/index.js';
import { outboxStoreContract } from './outbox-store.contract.js';

outboxStoreContract('SqliteOutboxStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ventros-outbox-'));
  const stores: SqliteOutboxStore[] = [];
  return {
    // Each store opens its own connection to the file, as a second process would.
    open: (options = {}) => {
      const store = new SqliteOutboxStore({ path: join(dir, 'outbox.db'), ...options });
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteOutboxStore', () => {
  it('adds the claim column to an outbox written by the previous version, keeping its rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ventros-outbox-'));
    try {
      const path = join(dir, 'outbox.db');
      const first = new SqliteOutboxStore({ path, now: () => 1_000 });
      await first.commitHandled(
        { eventId: 'e', tenantId: 't', messageId: 'm' },
        { id: 'o', tenantId: 't', eventType: 'message.outbound', exchange: 'x', routingKey: 'k', body: '{}' },
      );
      await first.close();
      // Back to version 1: no claimed_until (nor, from version 3, traceparent; from 4, order_key) column.
      const db = new Database(path);
      db.exec(
        'DROP INDEX outbox_messages_order; ALTER TABLE outbox_messages DROP COLUMN order_key; ALTER TABLE outbox_messages DROP COLUMN claimed_until; ALTER TABLE outbox_messages DROP COLUMN traceparent; PRAGMA user_version = 1;',
      );
      db.close();

      const store = new SqliteOutboxStore({ path });
      const claimed = await store.claim(1_000, 10, 5_000);
      expect(claimed.map((r) => [r.id, r.claimedUntil])).toEqual([['o', 6_000]]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('upgrades an outbox written before the failed status: its rows, dlq ones included, stay readable with max_retries 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ventros-outbox-'));
    try {
      const path = join(dir, 'outbox.db');
      // The schema as version 4 left it (status pending, published or dlq; no max_retries).
      const old = openSqliteStore(path, SQLITE_OUTBOX_MIGRATIONS.slice(0, 4));
      const insert = old.prepare(
        `INSERT INTO outbox_messages (id, tenant_id, event_type, exchange, routing_key, body, status, retry_count, created_at, next_attempt_at, error_type, error_message)
         VALUES (?, 't', 'message.outbound', 'x', 'k', '{}', ?, ?, ?, ?, ?, ?)`,
      );
      insert.run('old-dlq', 'dlq', 8, 1_000, 1_000, 'connection_error', 'closed');
      insert.run('old-pending', 'pending', 2, 2_000, 2_000, null, null);
      expect(() => insert.run('not-yet', 'failed', 0, 3_000, 3_000, null, null)).toThrow(/CHECK/);
      old.close();

      const store = new SqliteOutboxStore({ path });
      expect(await store.get('old-dlq')).toMatchObject({ status: 'dlq', retryCount: 8, maxRetries: 3 });
      expect(await store.get('old-pending')).toMatchObject({ status: 'pending', retryCount: 2, maxRetries: 3 });
      // The old dead letter is a dead letter still; a pending row can now be marked failed.
      await store.claim(10_000, 10, 5_000);
      await store.markFailed('old-pending', { errorType: 'nacked', errorMessage: 'refused' });
      const dead = await store.list(DEAD_LETTER_STATUSES, 10);
      expect(dead.map((r) => [r.id, r.status])).toEqual([
        ['old-dlq', 'dlq'],
        ['old-pending', 'failed'],
      ]);
      expect(await store.stats()).toMatchObject({ pending: 0, dlq: 2 });
      expect(await store.requeue('old-dlq', 20_000)).toBe(true);
      // Write order survives the table rebuild: a new row comes after the old ones.
      await store.commitHandled(
        { eventId: 'e-new', tenantId: 't', messageId: 'm-new' },
        { id: 'new', tenantId: 't', eventType: 'message.outbound', exchange: 'x', routingKey: 'k', body: '{}' },
      );
      expect((await store.list('pending', 10)).map((r) => r.id)).toEqual(['old-dlq', 'new']);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
