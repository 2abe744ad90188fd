/**
 * The graph signal of memory search, old vs new, side by side in one run, on the same stores and
 * queries: the old algorithm (one statement per query word, two per walked node plus one per reached
 * node, one per entity's links — test/support/legacy-graph-signal.ts) against the set-based one
 * (src/servers/memory/local/graph-signal.ts: one statement for the words, one per hop, one for the
 * links), measured with its caches emptied before every query ("new, cold") and as a steady
 * conversation sees it, the word matches, the contact's walk and links kept ("new, cached"). All three return identical
 * results (checked here on every query, and in test/servers/memory/graph-signal.test.ts).
 * Statements are counted per query (mean); times are per query, in µs.
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
import { graphSignal } from '../src/servers/memory/local/graph-signal.js';
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

/** Counts every statement execution on the store's connection (all, get, run, iterate). */
function countStatements(store: CrmStore): () => number {
  let count = 0;
  const proto = Object.getPrototypeOf(store.db.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['all', 'get', 'run', 'iterate']) {
    const original = proto[name] as (...args: unknown[]) => unknown;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      count++;
      return original.apply(this, args);
    };
  }
  return () => count;
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
    const statements = countStatements(store);
    const rows: Record<string, string | number>[] = [];
    for (const c of cases) {
      const old: number[] = [];
      const cold: number[] = [];
      const cached: number[] = [];
      const counts = { old: 0, cold: 0, cached: 0 };
      for (let i = 0; i < ROUNDS; i++) {
        const text = QUERIES[i % QUERIES.length] as string;
        const filter = c.filter(i);
        const results: unknown[] = [];
        const sides = {
          old: () => {
            const before = statements();
            old.push(time(() => results.push(legacy.graphSignal(c.tenantId, text, filter, 50))));
            counts.old += statements() - before;
          },
          cold: () => {
            store.graph.changed();
            store.memories.changed();
            const before = statements();
            cold.push(time(() => results.push(graphSignal(store, c.tenantId, text, filter, 50))));
            counts.cold += statements() - before;
          },
          cached: () => {
            // Warm the walk (a steady conversation searched this contact before), then measure.
            graphSignal(store, c.tenantId, text, filter, 50);
            const before = statements();
            cached.push(time(() => results.push(graphSignal(store, c.tenantId, text, filter, 50))));
            counts.cached += statements() - before;
          },
        };
        // Rotate which side goes first, so cache warmth favours none.
        const order = (['old', 'cold', 'cached'] as const).map((_, k, all) => all[(i + k) % 3] as keyof typeof sides);
        for (const side of order) sides[side]();
        if (!results.every((r) => isDeepStrictEqual(r, results[0]))) {
          throw new Error(`results differ: ${c.store} ${c.scope} "${text}"`);
        }
      }
      rows.push({
        store: c.store,
        scope: c.scope,
        'stmts old': counts.old / ROUNDS,
        'stmts new cold': counts.cold / ROUNDS,
        'stmts new cached': counts.cached / ROUNDS,
        'p50 old': percentile(old, 50),
        'p50 new cold': percentile(cold, 50),
        'p50 new cached': percentile(cached, 50),
        'p95 old': percentile(old, 95),
        'p95 new cold': percentile(cold, 95),
        'p95 new cached': percentile(cached, 95),
        'p50 old/new cold': percentile(old, 50) / percentile(cold, 50),
      });
    }
    process.stdout.write(
      `graph signal, µs per query: old (per-entity statements) vs new (set-based), ${ROUNDS} queries per row, identical results\n`,
    );
    process.stdout.write(`${table(rows)}\n`);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
