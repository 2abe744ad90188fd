import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxKey, NewOutboxMessage, OutboxStore } from '../../../src/bridge/outbox/index.js';

/** One test's database, and the stores opened over it. */
export interface OutboxStoreHarness {
  /** Another store instance over this test's database (its own connection or pool: another "instance"). */
  open(options?: { now?: () => number; maxRetries?: number }): OutboxStore;
  /** Closes every store `open` returned and removes the database. */
  cleanup(): Promise<void>;
}

const LEASE = 30_000;

const inbox = (n: number | string, tenantId = 't'): InboxKey => ({
  eventId: `event-${n}`,
  tenantId,
  messageId: `message-${n}`,
});

const outbound = (n: number | string, tenantId = 't'): NewOutboxMessage => ({
  id: `out-${n}`,
  tenantId,
  eventType: 'message.outbound',
  exchange: 'ventros.events',
  routingKey: 'message.outbound',
  body: JSON.stringify({ event_id: `out-${n}`, event_type: 'message.outbound', payload: { text: `Olá ${n} ✓` } }),
});

const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id);

/**
 * The behaviour every `OutboxStore` must have, run against SQLite and PostgreSQL by their own test files
 * with a factory for fresh databases.
 */
export function outboxStoreContract(name: string, setup: () => Promise<OutboxStoreHarness>): void {
  describe(`${name} (OutboxStore contract)`, () => {
    let db: OutboxStoreHarness;
    let now = 1_700_000_000_000;
    const clock = () => now;
    beforeEach(async () => {
      now = 1_700_000_000_000;
      db = await setup();
    });
    afterEach(async () => {
      await db.cleanup();
    });

    /** Commits `count` handled messages with an answer each, a millisecond apart. */
    async function write(store: OutboxStore, count: number, from = 0): Promise<void> {
      for (let n = from; n < from + count; n++) {
        expect(await store.commitHandled(inbox(n), outbound(n))).toBe(true);
        now += 1;
      }
    }

    it('marks an inbound message handled and writes its answer in one commit, byte for byte', async () => {
      const store = db.open({ now: clock });
      expect(await store.isHandled(inbox(1))).toBe(false);
      expect(await store.commitHandled(inbox(1), outbound(1))).toBe(true);
      expect(await store.isHandled(inbox(1))).toBe(true);
      expect(await store.get('out-1')).toEqual({
        ...outbound(1),
        status: 'pending',
        retryCount: 0,
        maxRetries: 3,
        createdAt: now,
        nextAttemptAt: now,
      });
      // Handled without an answer (e.g. a from_me message): inbox only.
      expect(await store.commitHandled(inbox(2))).toBe(true);
      expect(await store.isHandled(inbox(2))).toBe(true);
      expect(await store.get('nothing')).toBeUndefined();
    });

    it("writes each row's max_retries: the message's own, else the store's (VENTROS_OUTBOX_MAX_RETRIES), else 3", async () => {
      const configured = db.open({ now: clock, maxRetries: 5 });
      await configured.commitHandled(inbox(0), outbound(0));
      await configured.commitHandled(inbox(1), { ...outbound(1), maxRetries: 1 });
      await db.open({ now: clock }).commitHandled(inbox(2), outbound(2));
      expect((await configured.get('out-0'))?.maxRetries).toBe(5);
      expect((await configured.get('out-1'))?.maxRetries).toBe(1);
      expect((await configured.get('out-2'))?.maxRetries).toBe(3);
    });

    it('reports pending depth, the oldest pending row and the dlq size (for /metrics)', async () => {
      const store = db.open({ now: clock });
      expect(await store.stats()).toEqual({ pending: 0, dlq: 0 });
      const first = now;
      await write(store, 3);
      await store.markFailed('out-0', { errorType: 'publish_failed', errorMessage: 'x' });
      await store.markPublished('out-1', now);
      const stats = await store.stats();
      expect(stats).toMatchObject({ pending: 1, dlq: 1 });
      expect(stats.oldestPendingAt).toBeCloseTo(first + 2, -1);
    });

    it("dedupes by event id and by the tenant's message id, writing nothing for a duplicate", async () => {
      const store = db.open({ now: clock });
      await store.commitHandled(inbox(1), outbound(1));
      expect(await store.commitHandled(inbox(1), outbound('again'))).toBe(false);
      expect(await store.commitHandled({ ...inbox(1), eventId: 'redelivered-with-new-id' }, outbound('x'))).toBe(false);
      expect(await store.isHandled({ ...inbox(1), eventId: 'other' })).toBe(true);
      expect(await store.get('out-again')).toBeUndefined();
      expect(await store.get('out-x')).toBeUndefined();
      // The same CRM message id in another tenant is another message.
      const otherTenant = { ...inbox(1, 'other-tenant'), eventId: 'event-other-tenant' };
      expect(await store.isHandled(otherTenant)).toBe(false);
      expect(await store.commitHandled(otherTenant, outbound('other', 'other-tenant'))).toBe(true);
      expect((await store.get('out-other'))?.tenantId).toBe('other-tenant');
    });

    it('answers each of several commits made at once on its own: a duplicate is false, a failed write fails alone', async () => {
      const store = db.open({ now: clock });
      const results = await Promise.allSettled([
        store.commitHandled(inbox(1), outbound(1)),
        store.commitHandled(inbox(1), outbound('again')),
        store.commitHandled(inbox(2), outbound(1)), // the outbound id is taken: this write fails
        store.commitHandled(inbox(3), outbound(3)),
      ]);
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual([
        true,
        false,
        'rejected',
        true,
      ]);
      expect(await store.isHandled(inbox(2))).toBe(false);
      expect(await store.isHandled(inbox(3))).toBe(true);
      expect(ids(await store.claim(now, 10, LEASE))).toEqual(['out-1', 'out-3']);
    });

    it('lets exactly one of two instances racing on one event commit it', async () => {
      const stores = [db.open({ now: clock }), db.open({ now: clock })];
      const attempts = Array.from({ length: 12 }, (_, i) =>
        (stores[i % 2] as OutboxStore).commitHandled(inbox('raced'), outbound(`raced-${i}`)),
      );
      const results = await Promise.all(attempts);
      expect(results.filter(Boolean)).toHaveLength(1);
      const pending = await (stores[0] as OutboxStore).list('pending', 100);
      expect(ids(pending)).toEqual([`out-raced-${results.indexOf(true)}`]);
    });

    it('claims due rows oldest first for a lease; nobody else gets them until it expires', async () => {
      const store = db.open({ now: clock });
      const other = db.open({ now: clock });
      await write(store, 5);
      const claimed = await store.claim(now, 3, LEASE);
      expect(ids(claimed)).toEqual(['out-0', 'out-1', 'out-2']);
      expect(claimed.every((r) => r.claimedUntil === now + LEASE)).toBe(true);
      expect(ids(await other.claim(now, 10, LEASE))).toEqual(['out-3', 'out-4']);
      expect(await store.claim(now + LEASE - 1, 10, LEASE)).toEqual([]);
      // A publisher that crashed never marks its rows: once the lease expires, another claims them.
      expect(ids(await other.claim(now + LEASE, 2, LEASE))).toEqual(['out-0', 'out-1']);
    });

    it("publishes a contact's rows one at a time in write order, whichever instance claims them", async () => {
      const one = db.open({ now: clock });
      const two = db.open({ now: clock });
      const keyed = (n: number, key: string) => ({ ...outbound(n), orderKey: key });
      // Ana: 0, 2, 4; Bruno: 1, 3; 5 has no key.
      for (const [n, key] of [
        [0, 'ana'],
        [1, 'bruno'],
        [2, 'ana'],
        [3, 'bruno'],
        [4, 'ana'],
      ] as const) {
        expect(await one.commitHandled(inbox(n), keyed(n, `t/${key}`))).toBe(true);
        now += 1;
      }
      await write(one, 1, 5);
      // Each contact's first row, and the row without a key; another instance gets nothing of theirs.
      expect(ids(await one.claim(now, 10, LEASE))).toEqual(['out-0', 'out-1', 'out-5']);
      expect(ids(await two.claim(now, 10, LEASE))).toEqual([]);
      expect((await one.get('out-2'))?.orderKey).toBe('t/ana');
      // Ana's first is published: her second becomes due, for any instance.
      await one.markPublished('out-0', now);
      expect(ids(await two.claim(now, 10, LEASE))).toEqual(['out-2']);
      // A failed attempt keeps the contact's later rows waiting until it is published or given up on.
      await two.markRetry('out-2', { errorType: 'publish_failed', errorMessage: 'x' }, now + 60_000);
      expect(ids(await two.claim(now, 10, LEASE))).toEqual([]);
      await two.markFailed('out-2', { errorType: 'publish_failed', errorMessage: 'x' });
      expect(ids(await one.claim(now, 10, LEASE))).toEqual(['out-4']);
    });

    it('never gives one row to two publishers claiming at the same time', async () => {
      const stores = [db.open({ now: clock }), db.open({ now: clock })];
      await write(stores[0] as OutboxStore, 40);
      const claims = await Promise.all(
        Array.from({ length: 16 }, (_, i) => (stores[i % 2] as OutboxStore).claim(now, 3, LEASE)),
      );
      const all = claims.flatMap(ids);
      expect(new Set(all).size).toBe(all.length);
      expect(all).toHaveLength(40);
    });

    it('publishes: marked published with its time, no longer claimed or due', async () => {
      const store = db.open({ now: clock });
      await write(store, 1);
      await store.claim(now, 10, LEASE);
      await store.markPublished('out-0', now + 5);
      const row = await store.get('out-0');
      expect(row).toMatchObject({ status: 'published', publishedAt: now + 5 });
      expect(row?.claimedUntil).toBeUndefined();
      expect(await store.claim(now + 10 * LEASE, 10, LEASE)).toEqual([]);
      expect(ids(await store.list('published', 10))).toEqual(['out-0']);
    });

    it('marks a batch published in one call; rows no longer pending and unknown ids are skipped', async () => {
      const store = db.open({ now: clock });
      await write(store, 3);
      await store.claim(now, 10, LEASE);
      await store.markFailed('out-2', { errorType: 'publish_failed', errorMessage: 'x' });
      await store.markPublishedBatch([], now + 1);
      await store.markPublishedBatch(['out-0', 'out-1', 'out-2', 'missing'], now + 5);
      expect(await store.get('out-0')).toMatchObject({ status: 'published', publishedAt: now + 5 });
      expect((await store.get('out-1'))?.claimedUntil).toBeUndefined();
      expect(await store.get('out-2')).toMatchObject({ status: 'failed' });
      expect(ids(await store.list('published', 10))).toEqual(['out-0', 'out-1']);
      expect(await store.claim(now + 10 * LEASE, 10, LEASE)).toEqual([]);
    });

    it('retries: counts the attempt, records the error, releases the claim, and is due again at the given time', async () => {
      const store = db.open({ now: clock });
      await write(store, 1);
      await store.claim(now, 10, LEASE);
      await store.markRetry('out-0', { errorType: 'timeout', errorMessage: 'x'.repeat(5_000) }, now + 1_000);
      const row = await store.get('out-0');
      expect(row).toMatchObject({ status: 'pending', retryCount: 1, errorType: 'timeout', nextAttemptAt: now + 1_000 });
      expect(row?.errorMessage?.length).toBeLessThan(2_100);
      expect(row?.claimedUntil).toBeUndefined();
      expect(await store.claim(now + 999, 10, LEASE)).toEqual([]);
      expect(ids(await store.claim(now + 1_000, 10, LEASE))).toEqual(['out-0']);
      await store.markPublished('out-0', now + 1_001);
      expect(await store.get('out-0')).toMatchObject({ status: 'published', retryCount: 1 });
      expect((await store.get('out-0'))?.errorType).toBeUndefined();
    });

    it('gives up on a row as failed (a dead letter), lists dead letters oldest first, and requeues one with a fresh retry budget', async () => {
      const store = db.open({ now: clock });
      await write(store, 3);
      await store.claim(now, 10, LEASE);
      await store.markFailed('out-2', { errorType: 'nacked', errorMessage: 'refused' });
      await store.markFailed('out-0', { errorType: 'connection_error', errorMessage: 'closed' });
      expect(ids(await store.list('failed', 10))).toEqual(['out-0', 'out-2']);
      expect(ids(await store.list(['failed', 'dlq'], 10))).toEqual(['out-0', 'out-2']);
      // retry_count stays the retries spent; the row keeps its max_retries (the store's default: 3).
      expect(await store.get('out-0')).toMatchObject({
        status: 'failed',
        retryCount: 0,
        maxRetries: 3,
        errorType: 'connection_error',
      });
      expect(await store.requeue('out-0', now + 50)).toBe(true);
      expect(await store.requeue('out-0', now + 50)).toBe(false); // no longer a dead letter
      expect(await store.requeue('out-1', now + 50)).toBe(false); // pending, not a dead letter
      expect(await store.requeue('missing', now + 50)).toBe(false);
      const requeued = await store.get('out-0');
      expect(requeued).toMatchObject({ status: 'pending', retryCount: 0, nextAttemptAt: now + 50 });
      expect(requeued?.claimedUntil).toBeUndefined();
      expect(ids(await store.claim(now + 50, 10, LEASE))).toEqual(['out-0']);
    });

    it('prunes published rows and inbox entries older than the cutoff; pending and failed rows stay', async () => {
      const store = db.open({ now: clock });
      await write(store, 4);
      await store.claim(now, 10, LEASE);
      await store.markPublished('out-0', now);
      await store.markPublished('out-1', now + 10_000);
      await store.markFailed('out-2', { errorType: 'nacked', errorMessage: 'refused' });
      const cutoff = now + 1;
      // out-0 (published before the cutoff) and the 4 inbox entries (handled before it).
      expect(await store.prune(cutoff)).toBe(5);
      expect(await store.get('out-0')).toBeUndefined();
      expect(ids(await store.list('published', 10))).toEqual(['out-1']);
      expect(ids(await store.list('failed', 10))).toEqual(['out-2']);
      expect(ids(await store.list('pending', 10))).toEqual(['out-3']);
      expect(await store.isHandled(inbox(0))).toBe(false);
      expect(await store.prune(cutoff)).toBe(0);
    });
  });
}
