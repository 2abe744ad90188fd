import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteOutboxStore } from '../../../src/bridge/outbox/index.js';
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
});
