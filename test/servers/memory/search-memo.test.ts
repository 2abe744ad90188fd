import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalMemoryBackend } from '../../../src/servers/memory/index.js';
import { hybridSearch } from '../../../src/servers/memory/local/hybrid-search.js';
import {
  NewMemorySchema,
  type SearchMemoriesQueryInput,
  SearchMemoriesQuerySchema,
  type SearchMemoriesResult,
} from '../../../src/servers/memory/memory-backend.js';
import { openDatabase } from '../../../src/servers/store/crm-store.js';
import { NOW, openSeededStore, type SeededStore } from './seeded-store.js';

let seeded: SeededStore;
beforeEach(async () => {
  seeded = await openSeededStore();
});
afterEach(() => seeded.cleanup());

const DEMO = 'tenant-demo';
const CANCEL: SearchMemoriesQueryInput = { query: 'cancelar plano caro', contact_id: 'contact-carlos' };
const DAY_MS = 86_400_000;

function withoutLatency(result: SearchMemoriesResult): Omit<SearchMemoriesResult, 'search_latency_ms'> {
  const { search_latency_ms: _latency, ...rest } = result;
  return rest;
}

/** The search through the backend under test (its memo warm). */
async function cached(tenantId: string, query: SearchMemoriesQueryInput = CANCEL, backend = seeded.backend) {
  return withoutLatency(await backend.searchMemories(tenantId, SearchMemoriesQuerySchema.parse(query)));
}

/** The same search ranked afresh (no memo): what `cached` must equal. */
async function fresh(tenantId: string, query: SearchMemoriesQueryInput = CANCEL, now = NOW) {
  const { store } = seeded;
  return withoutLatency(
    await hybridSearch({ store, embedder: store.embedder, now }, tenantId, SearchMemoriesQuerySchema.parse(query)),
  );
}

const contents = (r: { memories: Array<{ content: string }> }) => r.memories.map((m) => m.content);

describe('searchMemories (kept results)', () => {
  it('answers a repeated search with the same result as a fresh search, fields in the same order', async () => {
    const first = await seeded.backend.searchMemories(DEMO, SearchMemoriesQuerySchema.parse(CANCEL));
    const second = await seeded.backend.searchMemories(DEMO, SearchMemoriesQuerySchema.parse(CANCEL));
    expect(first.memories.length).toBeGreaterThan(0);
    expect(withoutLatency(second)).toEqual(withoutLatency(first));
    expect(Object.keys(second)).toEqual(['memories', 'total_count', 'search_latency_ms', 'metadata']);
    expect(JSON.stringify(withoutLatency(second))).toBe(JSON.stringify(await fresh(DEMO)));
  });

  it('sees a write of each table it ranks from on the next search (repositories and raw SQL)', async () => {
    const { store } = seeded;
    const writes: Array<[string, () => unknown]> = [
      [
        'memory (backend)',
        () =>
          seeded.backend.storeMemory(
            DEMO,
            NewMemorySchema.parse({
              contact_id: 'contact-carlos',
              content: 'Carlos quer cancelar o plano porque está caro',
              memory_type: 'complaint',
              importance: 1,
            }),
          ),
      ],
      [
        'memory (raw SQL)',
        () =>
          store.db
            .prepare('UPDATE memories SET importance = 0.01 WHERE tenant_id = ? AND contact_id = ?')
            .run(DEMO, 'contact-carlos'),
      ],
      [
        'memory_entities (raw SQL)',
        () => store.db.prepare('DELETE FROM memory_entities WHERE tenant_id = ?').run(DEMO),
      ],
      ['graph_edges (raw SQL)', () => store.db.prepare('DELETE FROM graph_edges WHERE tenant_id = ?').run(DEMO)],
      [
        'graph_nodes (raw SQL)',
        () => store.db.prepare("UPDATE graph_nodes SET label = 'x' WHERE tenant_id = ?").run(DEMO),
      ],
      [
        'memory deleted (raw SQL)',
        () =>
          store.db.prepare('DELETE FROM memories WHERE tenant_id = ? AND contact_id = ?').run(DEMO, 'contact-carlos'),
      ],
    ];
    for (const [table, write] of writes) {
      const before = await cached(DEMO);
      await write();
      const after = await cached(DEMO);
      expect(after, table).toEqual(await fresh(DEMO));
      if (table.startsWith('memory (backend)') || table.startsWith('memory deleted')) {
        expect(after, table).not.toEqual(before);
      }
    }
    expect(contents(await cached(DEMO))).toEqual([]);
  });

  it("sees another connection's commit on the next search", async () => {
    const before = await cached(DEMO);
    expect(before.memories.length).toBeGreaterThan(0);
    const other = openDatabase(seeded.path);
    try {
      other.prepare('UPDATE memories SET importance = 0.5, content = content WHERE tenant_id = ?').run(DEMO);
      other.prepare('DELETE FROM memories WHERE tenant_id = ? AND contact_id = ?').run(DEMO, 'contact-carlos');
    } finally {
      other.close();
    }
    const after = await cached(DEMO);
    expect(after.memories).toEqual([]);
    expect(after).toEqual(await fresh(DEMO));
  });

  it('keeps nothing ranked inside a transaction that rolls back', async () => {
    const { store } = seeded;
    const before = await cached(DEMO);
    expect(before.memories.length).toBeGreaterThan(0);
    store.db.exec('BEGIN');
    try {
      store.db.prepare('DELETE FROM memories WHERE tenant_id = ? AND contact_id = ?').run(DEMO, 'contact-carlos');
      // A search inside the transaction sees its own write (SQLite's answer), and must not keep it.
      expect((await cached(DEMO)).memories).toEqual([]);
    } finally {
      store.db.exec('ROLLBACK');
    }
    expect(await cached(DEMO)).toEqual(before);
    expect(before).toEqual(await fresh(DEMO));
  });

  it('keeps tenants, contacts and arguments apart', async () => {
    const demo = await cached(DEMO);
    const isolation = await cached('tenant-isolation');
    expect(isolation).toEqual(await fresh('tenant-isolation'));
    const ana = await cached(DEMO, { ...CANCEL, contact_id: 'contact-ana' });
    expect(ana).toEqual(await fresh(DEMO, { ...CANCEL, contact_id: 'contact-ana' }));
    expect(contents(ana)).not.toEqual(contents(demo));
    const tenantWide = await cached(DEMO, { query: CANCEL.query });
    expect(tenantWide).toEqual(await fresh(DEMO, { query: CANCEL.query }));
    const typed = await cached(DEMO, { ...CANCEL, memory_types: ['complaint'], limit: 2 });
    expect(typed).toEqual(await fresh(DEMO, { ...CANCEL, memory_types: ['complaint'], limit: 2 }));
    const keyword = await cached(DEMO, { ...CANCEL, strategy: 'support_technical' });
    expect(keyword).toEqual(await fresh(DEMO, { ...CANCEL, strategy: 'support_technical' }));
    expect(await cached(DEMO)).toEqual(demo);
  });

  it('re-ranks when the moving lookback (forward or back) lets another memory in or out, else keeps the result', async () => {
    const { store } = seeded;
    let clock = NOW.getTime();
    const backend = new LocalMemoryBackend({ store, now: () => new Date(clock) });
    for (const contactId of ['contact-carlos', undefined]) {
      const query: SearchMemoriesQueryInput = {
        query: CANCEL.query,
        ...(contactId ? { contact_id: contactId } : {}),
        scope: { lookback_days: 30 },
      };
      // Every created_at of the searched memories: the lookback bound crosses them one by one.
      const times = (
        store.db
          .prepare('SELECT created_at FROM memories WHERE tenant_id = ? AND (? IS NULL OR contact_id = ?)')
          .pluck()
          .all(DEMO, contactId ?? null, contactId ?? null) as string[]
      ).map((t) => Date.parse(t) + 30 * DAY_MS);
      const instants = [...new Set(times.flatMap((t) => [t - 1, t, t + 1]))].sort((a, b) => a - b);
      let changed = 0;
      let previous: unknown;
      // Forward (the clock), then back (a clock set back): every crossing in both directions.
      const sweep = [NOW.getTime() - 40 * DAY_MS, ...instants, NOW.getTime() + 400 * DAY_MS];
      for (const at of [...sweep, ...[...sweep].reverse()]) {
        clock = at;
        const result = await cached(DEMO, query, backend);
        expect(result, new Date(at).toISOString()).toEqual(await fresh(DEMO, query, new Date(at)));
        if (previous !== undefined && JSON.stringify(result) !== JSON.stringify(previous)) changed++;
        previous = result;
      }
      expect(changed, String(contactId)).toBeGreaterThan(0);
    }
  });

  it('hands out kept results frozen, so no caller can change what the next one reads', async () => {
    await cached(DEMO);
    const result = await seeded.backend.searchMemories(DEMO, SearchMemoriesQuerySchema.parse(CANCEL));
    expect(Object.isFrozen(result.memories)).toBe(true);
    expect(Object.isFrozen(result.memories[0])).toBe(true);
    expect(() => result.memories.pop()).toThrow(TypeError);
  });
});
