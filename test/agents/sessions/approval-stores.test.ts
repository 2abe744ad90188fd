import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApprovalRecord,
  type ApprovalStore,
  PgApprovalStore,
  SqliteApprovalStore,
} from '../../../src/agents/sessions/index.js';
import { freshSchema, type TestSchema } from '../../support/postgres.js';

const record = (id: string, tenantId: string, requestedAt: number, expiresAt: number): ApprovalRecord => ({
  id,
  tenantId,
  contactId: 'contact-1',
  sessionId: 'session-1',
  agent: 'retention_churn',
  entryAgent: 'auto',
  tool: 'retention__create_retention_offer',
  arguments: { discount_percent: 40 },
  reason: 'discount of 40% is above 30%',
  status: 'pending',
  requestedAt,
  expiresAt,
  origin: { surface: 'amqp', in_reply_to: 'm-1' },
  run: { point: { agent: 'retention_churn' }, userMessage: 'oi', audience: 'customer', state: { a: 1 } },
});

/** The same contract for both backends: tenant scoping, one winner per decision, expiry, resume marks. */
function contract(name: string, open: () => Promise<{ store: ApprovalStore; close(): Promise<void> }>) {
  describe(`${name} approval store`, () => {
    let store: ApprovalStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(async () => close?.());

    it('keeps approvals per tenant, decides each once, and finds the expired and unresumed ones', async () => {
      await store.create(record('a1', 't1', 1_000, 5_000));
      await store.create(record('a2', 't1', 2_000, 9_000));
      await store.create(record('b1', 't2', 3_000, 4_000));
      expect((await store.list('t1')).map((r) => r.id)).toEqual(['a2', 'a1']);
      expect(await store.get('t2', 'a1')).toBeUndefined();
      expect(await store.get('t1', 'a1')).toMatchObject({
        arguments: { discount_percent: 40 },
        origin: { surface: 'amqp' },
        run: { state: { a: 1 } },
      });
      expect(Object.fromEntries(await store.pendingCounts())).toEqual({ t1: 2, t2: 1 });

      const decisions = await Promise.all(
        [1, 2, 3].map(() => store.decide('t1', 'a1', { status: 'approved', decidedAt: 6_000, note: 'ok' })),
      );
      expect(decisions.filter((d) => d !== undefined)).toHaveLength(1);
      expect(await store.decide('t2', 'a2', { status: 'rejected', decidedAt: 6_000 })).toBeUndefined();
      expect((await store.list('t1', { status: 'approved' })).map((r) => r.id)).toEqual(['a1']);
      expect((await store.expired(4_500, 10)).map((r) => r.id)).toEqual(['b1']);
      expect((await store.unresumed(10)).map((r) => r.id)).toEqual(['a1']);
      await store.markResumed('t1', 'a1', 7_000);
      expect(await store.unresumed(10)).toEqual([]);
      expect((await store.get('t1', 'a1'))?.resumedAt).toBe(7_000);
    });
  });
}

contract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ventros-approval-store-'));
  const store = new SqliteApprovalStore({ path: join(dir, 'approvals.db') });
  return {
    store,
    async close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

contract('PostgreSQL', async () => {
  const schema: TestSchema = await freshSchema('approvals');
  const store = new PgApprovalStore({ url: schema.url });
  return {
    store,
    async close() {
      await store.close();
      await schema.drop();
    },
  };
});
