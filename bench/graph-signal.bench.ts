/**
 * The graph signal of memory search, old vs new, side by side in one run, on the same stores and
 * queries: the old algorithm (one statement per query word, two per walked node plus one per reached
 * node, one per entity's links — test/support/legacy-graph-signal.ts) against the set-based one
 * (src/servers/memory/local/graph-signal.ts: one statement for the words, one per hop, one for the
 * links). Both return identical results (checked here on every query, and in
 * test/servers/memory/graph-signal.test.ts).
 *
 * Stores: the seeded demo tenant (what the offline agents search) and a synthetic tenant of
 * `contacts` contacts with 10 memories each linked to products and topics.
 *
 *   npx tsx bench/graph-signal.bench.ts [rounds=300] [contacts=2000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { graphSignal } from '../src/servers/memory/index.js';
import { seedDemoData } from '../src/servers/seed/index.js';
import { type CrmStore, type MemoryFilter, openCrmStore } from '../src/servers/store/index.js';
import { createLegacyGraphSignal } from '../test/support/legacy-graph-signal.js';
import { percentile, table } from './support/stats.js';

const ROUNDS = Number(process.argv[2] ?? 300);
const CONTACTS = Number(process.argv[3] ?? 2000);
const NOW = new Date('2026-11-21T15:00:00.000Z');
const QUERIES = [
  'Quero cancelar, está muito caro',
  'O sistema está fora do ar',
  'Quantos leads entraram hoje?',
  'Quero saber o preço do plano',
  'Integração WhatsApp e Módulo Fiscal com erro',
];
const PRODUCTS = ['Plano Básico', 'Plano Pro', 'Plano Enterprise', 'Módulo Fiscal', 'Integração WhatsApp'];
const TOPICS = ['preço', 'cancelamento', 'suporte', 'lentidão', 'desconto', 'renovação', 'nota fiscal', 'erro'];

interface Case {
  store: string;
  scope: string;
  tenantId: string;
  filter: (i: number) => MemoryFilter;
}

async function synthetic(store: CrmStore): Promise<void> {
  const tenant = 'tenant-synthetic';
  store.db.transaction(() => {
    store.tenants.upsert(tenant, { name: 'Synthetic', locale: 'pt-BR', currency: 'BRL' });
    PRODUCTS.forEach((label, p) => {
      store.graph.upsertNode(tenant, { type: 'product', id: `product-${p}`, label });
    });
    TOPICS.forEach((label, t) => {
      store.graph.upsertNode(tenant, { type: 'topic', id: `topic-${t}`, label });
    });
    for (let c = 0; c < CONTACTS; c++) {
      const contact = `contact-${c}`;
      store.contacts.upsert(tenant, { id: contact, name: `Contato ${c}` });
      store.graph.upsertNode(tenant, { type: 'contact', id: contact, label: `Contato ${c}` });
      for (const [type, id, relationship, strength] of [
        ['product', `product-${c % PRODUCTS.length}`, 'purchased', 0.9],
        ['topic', `topic-${c % TOPICS.length}`, 'complained_about', 0.7],
        ['topic', `topic-${(c * 3) % TOPICS.length}`, 'asked_about', 0.5],
      ] as const) {
        store.graph.upsertEdge(tenant, {
          from_type: 'contact',
          from_id: contact,
          relationship,
          to_type: type,
          to_id: id,
          strength,
        });
      }
      for (let m = 0; m < 10; m++) {
        store.memories.insert(tenant, {
          id: `mem-${c}-${m}`,
          contact_id: contact,
          memory_type: ['note', 'complaint', 'purchase', 'conversation'][m % 4] as string,
          content: `Contato ${c} registro ${m}`,
          created_at: new Date(Date.UTC(2026, 0, 1) + ((c + m) % 300) * 86_400_000).toISOString(),
          related: [
            {
              entity_type: 'product',
              entity_id: `product-${(c + m) % PRODUCTS.length}`,
              relationship: 'about',
              strength: 0.8,
            },
            {
              entity_type: 'topic',
              entity_id: `topic-${(c + m) % TOPICS.length}`,
              relationship: 'about',
              strength: 0.6,
            },
          ],
        });
      }
    }
  })();
}

function time(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return (performance.now() - started) * 1000;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ventros-graph-bench-'));
  const store = await openCrmStore({ path: join(dir, 'crm.db') });
  try {
    await seedDemoData(store, { now: NOW });
    await synthetic(store);
    store.checkpoint();
    const legacy = createLegacyGraphSignal(store);
    const demoContacts = store.contacts.list('tenant-demo', 100).map((c) => c.id);
    const cases: Case[] = [
      {
        store: 'seeded demo',
        scope: 'contact',
        tenantId: 'tenant-demo',
        filter: (i) => ({ contactId: demoContacts[i % demoContacts.length] as string }),
      },
      { store: 'seeded demo', scope: 'tenant', tenantId: 'tenant-demo', filter: () => ({}) },
      {
        store: `synthetic ${CONTACTS} contacts`,
        scope: 'contact',
        tenantId: 'tenant-synthetic',
        filter: (i) => ({ contactId: `contact-${(i * 37) % CONTACTS}` }),
      },
      { store: `synthetic ${CONTACTS} contacts`, scope: 'tenant', tenantId: 'tenant-synthetic', filter: () => ({}) },
    ];
    const rows: Record<string, string | number>[] = [];
    for (const c of cases) {
      const old: number[] = [];
      const now: number[] = [];
      let statements = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const text = QUERIES[i % QUERIES.length] as string;
        const filter = c.filter(i);
        let expected: unknown;
        let actual: unknown;
        // Alternate which side goes first, so cache warmth favours neither.
        const runOld = () => {
          const before = legacy.statements();
          old.push(time(() => (expected = legacy.graphSignal(c.tenantId, text, filter, 50))));
          statements += legacy.statements() - before;
        };
        const runNew = () => now.push(time(() => (actual = graphSignal(store, c.tenantId, text, filter, 50))));
        if (i % 2 === 0) {
          runOld();
          runNew();
        } else {
          runNew();
          runOld();
        }
        if (!isDeepStrictEqual(actual, expected)) throw new Error(`results differ: ${c.store} ${c.scope} "${text}"`);
      }
      rows.push({
        store: c.store,
        scope: c.scope,
        'old statements': statements / ROUNDS,
        'new statements': c.scope === 'contact' ? '≤ 4' : '≤ 2',
        'old p50 µs': percentile(old, 50),
        'new p50 µs': percentile(now, 50),
        'old p95 µs': percentile(old, 95),
        'new p95 µs': percentile(now, 95),
        speedup: percentile(old, 50) / percentile(now, 50),
      });
    }
    process.stdout.write(
      `graph signal, old (per-entity statements) vs new (set-based), ${ROUNDS} queries per row, identical results\n`,
    );
    process.stdout.write(`${table(rows)}\n`);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
