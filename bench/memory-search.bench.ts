/**
 * search_memory latency at 10k and 100k synthetic memories, per mode and per vector storage
 * (sqlite-vec vec0 partitioned by tenant vs a plain BLOB table scanned in JS).
 * Run: npx tsx bench/memory-search.bench.ts [sizes...]   (default: 10000 100000)
 * BENCH_STORAGE=vec0|plain measures one storage only (default: both).
 * The first search of a tenant loads its int8 vector codes (coded-knn.ts); it is timed on its own
 * (stderr) and the table shows steady-state searches. Figures, not pass/fail. It also prints (stderr) how
 * much of the HYBRID top-10 a backend ranking every keyword match (no recency window) agrees with.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalMemoryBackend, type SearchMode } from '../src/servers/memory/index.js';
import { SearchMemoriesQuerySchema } from '../src/servers/memory/memory-backend.js';
import { type CrmStore, openCrmStore } from '../src/servers/store/index.js';
import type { VectorIndexKind } from '../src/servers/store/vector-index.js';
import { mulberry32 } from '../src/shared/index.js';

const TENANT = 'tenant-bench';
const CONTACTS = 500;
const QUERIES = 40;
const MODES: SearchMode[] = ['HYBRID', 'VECTOR_ONLY', 'KEYWORD_ONLY', 'GRAPH_ONLY'];
const PRODUCTS = [
  'Plano Básico',
  'Plano Pro',
  'Plano Enterprise',
  'Módulo Fiscal',
  'Integração WhatsApp',
  'Treinamento',
];
const PHRASES = [
  'reclamou do preço alto e quer cancelar a assinatura',
  'comprou o {p} e gostou muito do atendimento',
  'abriu chamado sobre lentidão nos relatórios do {p}',
  'prefere contato por WhatsApp depois das 14h',
  'recebeu oferta de desconto na renovação do {p}',
  'perguntou sobre integração com marketplace e nota fiscal',
  'não consegue emitir nota fiscal, erro de certificado',
  'quer expandir para mais lojas no próximo trimestre',
];
const QUERY_TEXTS = [
  'cliente quer cancelar por causa do preço',
  'erro nota fiscal certificado',
  'Plano Pro lentidão',
  'desconto renovação',
  'WhatsApp integração marketplace',
];

const rng = mulberry32;

async function fill(store: CrmStore, count: number): Promise<number> {
  const started = performance.now();
  const random = rng(42);
  store.tenants.upsert(TENANT, { name: 'Bench', locale: 'pt-BR', currency: 'BRL' });
  store.tenants.upsert('tenant-noise', { name: 'Noise', locale: 'pt-BR', currency: 'BRL' });
  const rows = Array.from({ length: count }, (_, i) => {
    const product = PRODUCTS[i % PRODUCTS.length] as string;
    const phrase = (PHRASES[Math.floor(random() * PHRASES.length)] as string).replace('{p}', product);
    return { i, product, content: `Cliente ${i % CONTACTS} ${phrase} (registro ${i}).` };
  });
  const vectors = await store.embedder.embed(rows.map((r) => r.content));
  store.db.transaction(() => {
    for (let c = 0; c < CONTACTS; c++) store.contacts.upsert(TENANT, { id: `contact-${c}`, name: `Contato ${c}` });
    PRODUCTS.forEach((name, p) => {
      store.graph.upsertNode(TENANT, { type: 'product', id: `product-${p}`, label: name });
    });
    for (let c = 0; c < CONTACTS; c++) {
      store.graph.upsertNode(TENANT, { type: 'contact', id: `contact-${c}`, label: `Contato ${c}` });
      store.graph.upsertEdge(TENANT, {
        from_type: 'contact',
        from_id: `contact-${c}`,
        relationship: 'purchased',
        to_type: 'product',
        to_id: `product-${c % PRODUCTS.length}`,
        strength: 0.9,
      });
    }
    for (const row of rows) {
      // Every 10th row goes to another tenant, so partitions and filters do real work.
      const tenant = row.i % 10 === 9 ? 'tenant-noise' : TENANT;
      store.memories.insert(
        tenant,
        {
          id: `mem-${row.i}`,
          contact_id: `contact-${row.i % CONTACTS}`,
          memory_type: ['purchase', 'complaint', 'support_ticket', 'note'][row.i % 4] as string,
          content: row.content,
          created_at: new Date(Date.UTC(2026, 0, 1) + (row.i % 300) * 86_400_000).toISOString(),
          related: [
            {
              entity_type: 'product',
              entity_id: `product-${PRODUCTS.indexOf(row.product)}`,
              relationship: 'about',
              strength: 0.8,
            },
          ],
        },
        vectors[row.i],
        store.embedder.id,
      );
    }
  })();
  store.checkpoint();
  return performance.now() - started;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;

async function measure(backend: LocalMemoryBackend, mode: SearchMode, contact: boolean) {
  const times: number[] = [];
  for (let q = 0; q < QUERIES; q++) {
    const query = SearchMemoriesQuerySchema.parse({
      query: QUERY_TEXTS[q % QUERY_TEXTS.length],
      mode,
      limit: 10,
      ...(contact ? { contact_id: `contact-${(q * 37) % CONTACTS}` } : {}),
    });
    const started = performance.now();
    const result = await backend.searchMemories(TENANT, query);
    times.push(performance.now() - started);
    if (q === 0 && result.memories.length === 0 && mode !== 'GRAPH_ONLY') throw new Error(`no results for ${mode}`);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 0.5), p95: pct(times, 0.95) };
}

/**
 * Mean share of the HYBRID top-10 that equals the top-10 of a backend ranking every keyword match
 * (no recency window) — the quality the window costs, 1 = identical sets.
 */
async function hybridOverlap(backend: LocalMemoryBackend, reference: LocalMemoryBackend, contact: boolean) {
  let shared = 0;
  let total = 0;
  for (let q = 0; q < QUERY_TEXTS.length * 4; q++) {
    const query = SearchMemoriesQuerySchema.parse({
      query: QUERY_TEXTS[q % QUERY_TEXTS.length],
      limit: 10,
      ...(q >= QUERY_TEXTS.length
        ? { strategy: ['support_technical', 'retention_churn', 'sales_prospecting'][q % 3] }
        : {}),
      ...(contact ? { contact_id: `contact-${(q * 37) % CONTACTS}` } : {}),
    });
    const ids = (await backend.searchMemories(TENANT, query)).memories.map((m) => m.id);
    const expected = new Set((await reference.searchMemories(TENANT, query)).memories.map((m) => m.id));
    shared += ids.filter((id) => expected.has(id)).length;
    total += expected.size;
  }
  return total > 0 ? shared / total : 1;
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const table: string[] = ['| memories | storage | scope | mode | p50 ms | p95 ms |', '|---:|---|---|---|---:|---:|'];
  for (const size of sizes.length ? sizes : [10_000, 100_000]) {
    for (const kind of (process.env.BENCH_STORAGE
      ? [process.env.BENCH_STORAGE]
      : ['vec0', 'plain']) as VectorIndexKind[]) {
      const dir = mkdtempSync(join(tmpdir(), 'ventros-bench-'));
      const store = await openCrmStore({ path: join(dir, 'crm.db'), vectorIndex: kind });
      try {
        const fillMs = await fill(store, size);
        process.stderr.write(`${size} memories (${kind}) written in ${(fillMs / 1000).toFixed(1)} s\n`);
        const backend = new LocalMemoryBackend({ store });
        const cold = performance.now();
        await backend.searchMemories(TENANT, SearchMemoriesQuerySchema.parse({ query: 'primeira busca', limit: 10 }));
        process.stderr.write(`first search (loads the vector codes): ${(performance.now() - cold).toFixed(0)} ms\n`);
        const reference = new LocalMemoryBackend({ store, hybridKeywordWindow: Number.POSITIVE_INFINITY });
        for (const contact of [false, true]) {
          const overlap = await hybridOverlap(backend, reference, contact);
          process.stderr.write(
            `${contact ? 'contact' : 'tenant'} HYBRID top-10 overlap with the uncapped keyword ranking: ${overlap.toFixed(3)}\n`,
          );
          for (const mode of MODES) {
            const { p50, p95 } = await measure(backend, mode, contact);
            table.push(
              `| ${size} | ${kind} | ${contact ? 'contact' : 'tenant'} | ${mode} | ${p50.toFixed(1)} | ${p95.toFixed(1)} |`,
            );
          }
        }
      } finally {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  process.stdout.write(`${table.join('\n')}\n`);
}

await main();
