import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalMemoryBackend } from '../../../src/servers/memory/index.js';
import {
  type ContactContext,
  type ContactContextQueryInput,
  ContactContextQuerySchema,
  NewMemorySchema,
} from '../../../src/servers/memory/memory-backend.js';
import { openDatabase } from '../../../src/servers/store/crm-store.js';
import { NOW, openSeededStore, type SeededStore } from './seeded-store.js';

let seeded: SeededStore;
beforeEach(async () => {
  seeded = await openSeededStore();
});
afterEach(() => seeded.cleanup());

const DEMO = 'tenant-demo';
const FULL: ContactContextQueryInput = { contact_id: 'contact-carlos', include_graph: true };

function withoutLatency(context: ContactContext): Omit<ContactContext, 'latency_ms'> {
  const { latency_ms: _latency, ...rest } = context;
  return rest;
}

/** The context through the backend under test (its caches warm). */
async function cached(tenantId: string, query: ContactContextQueryInput = FULL) {
  return withoutLatency(await seeded.backend.getContactContext(tenantId, ContactContextQuerySchema.parse(query)));
}

/** The same context read from SQLite by a backend with empty caches: what `cached` must equal. */
async function fresh(tenantId: string, query: ContactContextQueryInput = FULL) {
  const backend = new LocalMemoryBackend({ store: seeded.store, now: () => NOW });
  return withoutLatency(await backend.getContactContext(tenantId, ContactContextQuerySchema.parse(query)));
}

describe('getContactContext (cached reads)', () => {
  it('answers a repeated read with the same context as a fresh read', async () => {
    const first = await cached(DEMO);
    expect(await cached(DEMO)).toEqual(first);
    expect(first).toEqual(await fresh(DEMO));
  });

  it('sees a write of each table it reads on the next read', async () => {
    const { store } = seeded;
    const writes: Array<[string, () => unknown, (c: Awaited<ReturnType<typeof cached>>) => unknown]> = [
      [
        'contact',
        () => store.contacts.upsert(DEMO, { ...store.contacts.get(DEMO, 'contact-carlos')!, name: 'Carlos Renamed' }),
        (c) => c.profile.name,
      ],
      [
        'memory',
        () =>
          seeded.backend.storeMemory(
            DEMO,
            NewMemorySchema.parse({
              contact_id: 'contact-carlos',
              content: 'Carlos pediu boleto',
              memory_type: 'note',
            }),
          ),
        (c) => c.recent_memories.map((m) => m.content),
      ],
      [
        'message',
        () => {
          const conversation = store.db.prepare('SELECT id FROM conversations WHERE contact_id = ?').pluck();
          store.messages.insert(DEMO, {
            id: 'msg-cache-test',
            conversation_id: conversation.get('contact-carlos') as string,
            contact_id: 'contact-carlos',
            from_me: false,
            text: 'Mensagem nova',
            created_at: NOW.toISOString(),
          });
        },
        (c) => c.recent_messages.map((m) => m.content),
      ],
      [
        'ticket',
        () =>
          store.crm.tickets.create(DEMO, {
            contact_id: 'contact-carlos',
            subject: 'Nova reclamação',
            description: 'x',
            category: 'complaint',
          }),
        (c) => [c.stats.open_tickets, c.stats.complaints],
      ],
      [
        'purchase',
        () =>
          store.crm.purchases.create(DEMO, {
            contact_id: 'contact-carlos',
            product: 'Plano Pro',
            amount: 99_999,
            purchased_at: NOW.toISOString(),
          }),
        (c) => [c.stats.total_purchases, c.stats.lifetime_value],
      ],
      [
        'offer',
        () =>
          store.crm.offers.create(DEMO, {
            contact_id: 'contact-carlos',
            discount_pct: 10,
            reason: 'Retenção',
            created_by: 'agent-test',
          }),
        (c) => c.stats.offers_received,
      ],
      [
        'lead',
        () =>
          store.db.prepare("UPDATE leads SET stage_id = 'stage-cache-test' WHERE contact_id = ?").run('contact-carlos'),
        (c) => c.profile.custom_fields['lead_stage'],
      ],
      [
        'graph',
        () => {
          store.graph.upsertNode(DEMO, { type: 'topic', id: 'topic-cache-test', label: 'Cache' });
          store.graph.upsertEdge(DEMO, {
            from_type: 'contact',
            from_id: 'contact-carlos',
            relationship: 'mentioned',
            to_type: 'topic',
            to_id: 'topic-cache-test',
            strength: 1,
          });
        },
        (c) => c.graph?.nodes.map((n) => n.id),
      ],
    ];
    for (const [table, write, view] of writes) {
      const before = await cached(DEMO);
      await write();
      const after = await cached(DEMO);
      expect(view(after), table).not.toEqual(view(before));
      expect(after, table).toEqual(await fresh(DEMO));
    }
  });

  it("sees another connection's commit on the next read", async () => {
    const before = await cached(DEMO);
    const other = openDatabase(seeded.path);
    try {
      other
        .prepare("UPDATE contacts SET tier = 'enterprise' WHERE tenant_id = ? AND id = ?")
        .run(DEMO, 'contact-carlos');
    } finally {
      other.close();
    }
    const after = await cached(DEMO);
    expect(before.profile.tier).toBe('premium');
    expect(after.profile.tier).toBe('enterprise');
  });

  it('keeps nothing read inside a transaction that rolls back', async () => {
    await cached(DEMO);
    const { store } = seeded;
    const rollback = new Error('rollback');
    await expect(async () => {
      store.db.transaction(() => {
        store.contacts.upsert(DEMO, { ...store.contacts.get(DEMO, 'contact-carlos')!, name: 'Phantom' });
        // A read inside the transaction sees its own write (SQLite's answer), and must not keep it.
        void seeded.backend.getContactContext(DEMO, ContactContextQuerySchema.parse(FULL));
        throw rollback;
      })();
    }).rejects.toBe(rollback);
    expect((await cached(DEMO)).profile.name).toBe('Carlos Mendes');
  });

  it('keeps tenants apart: the same contact id in two tenants reads two contexts', async () => {
    const demo = await cached(DEMO);
    const isolation = await cached('tenant-isolation');
    expect(isolation.profile.contact_id).toBe('contact-carlos');
    expect(isolation).not.toEqual(demo);
    expect(isolation).toEqual(await fresh('tenant-isolation'));
    expect(await cached(DEMO)).toEqual(demo);
  });

  it('keeps contacts and arguments apart', async () => {
    const carlos = await cached(DEMO);
    const ana = await cached(DEMO, { ...FULL, contact_id: 'contact-ana' });
    expect(ana.profile.contact_id).toBe('contact-ana');
    expect(ana).toEqual(await fresh(DEMO, { ...FULL, contact_id: 'contact-ana' }));
    const short = await cached(DEMO, { contact_id: 'contact-carlos', history_limit: 1, entity_types: ['complaint'] });
    expect(short.recent_memories.length).toBeLessThanOrEqual(1);
    expect(short.recent_memories.every((m) => m.memory_type === 'complaint')).toBe(true);
    expect(short.graph).toBeUndefined();
    expect(await cached(DEMO)).toEqual(carlos);
  });

  it('hands out shared parts frozen, so no caller can change what the next one reads', async () => {
    const context = await seeded.backend.getContactContext(DEMO, ContactContextQuerySchema.parse(FULL));
    expect(Object.isFrozen(context.recent_memories)).toBe(true);
    expect(Object.isFrozen(context.recent_memories[0]?.metadata)).toBe(true);
    expect(() => context.recent_messages.push(context.recent_messages[0]!)).toThrow(TypeError);
  });
});
