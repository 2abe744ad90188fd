import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalMemoryBackend } from '../../../src/servers/memory/index.js';
import { SearchMemoriesQuerySchema } from '../../../src/servers/memory/memory-backend.js';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/index.js';

const TENANT = 't1';
const MEMORIES = 3000;
const CONTACTS = 60;
// A varied vocabulary (random bags of words), so that BM25 scores rarely tie and a recency window
// really does leave strong keyword matches out of the FTS ranking.
const VOCAB = (
  'preço alto cancelar assinatura comprou plano atendimento chamado lentidão relatórios whatsapp desconto ' +
  'renovação integração marketplace nota fiscal certificado erro emitir lojas trimestre expandir oferta módulo ' +
  'treinamento pagamento boleto cartão atraso suporte'
).split(' ');
const QUERIES = [
  'cliente quer cancelar por causa do preço',
  'erro nota fiscal certificado',
  'plano lentidão relatórios',
  'desconto renovação',
  'whatsapp integração marketplace',
  'boleto atraso pagamento',
];
const STRATEGIES = [undefined, 'support_technical', 'retention_churn', 'sales_prospecting'] as const;

let dir: string;
let store: CrmStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-hybrid-window-'));
  store = await openCrmStore({ path: join(dir, 'crm.db') });
  store.tenants.upsert(TENANT, { name: 'Loja', locale: 'pt-BR', currency: 'BRL' });
  let seed = 7;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const rows = Array.from({ length: MEMORIES }, (_, i) => {
    const words = Array.from({ length: 3 + Math.floor(random() * 12) }, () => {
      return VOCAB[Math.floor(random() ** 1.5 * VOCAB.length)] as string;
    });
    return `${words.join(' ')} registro ${i}`;
  });
  const vectors = await store.embedder.embed(rows);
  store.db.transaction(() => {
    rows.forEach((content, i) => {
      store.memories.insert(
        TENANT,
        {
          id: `m${i}`,
          contact_id: `c${i % CONTACTS}`,
          memory_type: 'note',
          content,
          created_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
        },
        vectors[i],
        store.embedder.id,
      );
    });
  })();
});
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HYBRID keyword window', () => {
  it('keeps ≥ 90% of the top-10 of a search that ranks every keyword match, tenant-wide and per contact', async () => {
    // A window of 100 newest matches out of ~3000: the vector hits' own keyword scores carry the rest.
    const windowed = new LocalMemoryBackend({ store, hybridKeywordWindow: 100 });
    const reference = new LocalMemoryBackend({ store, hybridKeywordWindow: Number.POSITIVE_INFINITY });
    let shared = 0;
    let total = 0;
    for (const contact of [undefined, 'c7']) {
      for (const strategy of STRATEGIES) {
        for (const text of QUERIES) {
          const query = SearchMemoriesQuerySchema.parse({
            query: text,
            limit: 10,
            ...(strategy ? { strategy } : {}),
            ...(contact ? { contact_id: contact } : {}),
          });
          const ids = (await windowed.searchMemories(TENANT, query)).memories.map((m) => m.id);
          const expected = new Set((await reference.searchMemories(TENANT, query)).memories.map((m) => m.id));
          expect(expected.size).toBe(10);
          shared += ids.filter((id) => expected.has(id)).length;
          total += expected.size;
        }
      }
    }
    expect(shared / total).toBeGreaterThanOrEqual(0.9);
  });

  it('gives a vector hit older than the window its keyword score', async () => {
    const backend = new LocalMemoryBackend({ store, hybridKeywordWindow: 1 });
    const query = SearchMemoriesQuerySchema.parse({ query: 'erro nota fiscal certificado', limit: 10 });
    const result = await backend.searchMemories(TENANT, query);
    // Only 1 row is FTS-ranked; every other keyword match is a vector hit scored on its own.
    expect(result.metadata.keyword_matches).toBeGreaterThan(1);
    expect(result.metadata.keyword_matches).toBeLessThanOrEqual(1 + result.metadata.vector_matches);
  });
});
