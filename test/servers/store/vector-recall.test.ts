import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/index.js';
import type { VectorIndexKind } from '../../../src/servers/store/vector-index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-recall-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const PRODUCTS = ['Plano Básico', 'Plano Pro', 'Módulo Fiscal', 'Integração WhatsApp'];
const PHRASES = [
  'reclamou do preço alto e quer cancelar a assinatura',
  'comprou o {p} e gostou muito do atendimento',
  'abriu chamado sobre lentidão nos relatórios do {p}',
  'prefere contato por WhatsApp depois das 14h',
  'recebeu oferta de desconto na renovação do {p}',
  'não consegue emitir nota fiscal, erro de certificado',
  'quer expandir para mais lojas no próximo trimestre',
];
const QUERIES = [
  'cliente quer cancelar por causa do preço',
  'erro nota fiscal certificado',
  'Plano Pro lentidão',
  'desconto renovação',
  'WhatsApp integração',
  'atendimento bom',
  'expandir lojas',
  'assinatura cara',
];

/** `count` memories over 50 contacts; every 7th goes to another tenant. */
async function fill(store: CrmStore, count: number, offset = 0): Promise<void> {
  const rows = Array.from({ length: count }, (_, n) => {
    const i = n + offset;
    const phrase = (PHRASES[(i * 5) % PHRASES.length] as string).replace(
      '{p}',
      PRODUCTS[i % PRODUCTS.length] as string,
    );
    return { i, content: `Cliente ${i % 50} ${phrase} (registro ${i}).` };
  });
  const vectors = await store.embedder.embed(rows.map((r) => r.content));
  store.db.transaction(() => {
    for (const t of ['t1', 't2']) store.tenants.upsert(t, { name: t, locale: 'pt-BR', currency: 'BRL' });
    for (const [n, row] of rows.entries()) {
      store.memories.insert(
        row.i % 7 === 6 ? 't2' : 't1',
        {
          id: `mem-${row.i}`,
          contact_id: `contact-${row.i % 50}`,
          memory_type: 'note',
          content: row.content,
          created_at: new Date(Date.UTC(2026, 0, 1) + row.i * 60_000).toISOString(),
        },
        vectors[n],
        store.embedder.id,
      );
    }
  })();
}

/** Share of the coded top-k whose exact similarity reaches the exact k-th best (ties count as hits). */
async function recallAt(store: CrmStore, k: number): Promise<number> {
  const vectors = await store.embedder.embed(QUERIES);
  let sum = 0;
  for (const vector of vectors) {
    const coded = store.memories.nearest('t1', vector, k);
    const exact = store.memories.exactNearest('t1', vector, k);
    const floor = (exact[exact.length - 1]?.score ?? 0) - 1e-5;
    expect(coded).toHaveLength(exact.length);
    sum += coded.filter((hit) => hit.score >= floor).length / exact.length;
  }
  return sum / vectors.length;
}

describe('coded k-NN (int8 postings + exact rescoring)', () => {
  for (const kind of ['vec0', 'plain'] as VectorIndexKind[]) {
    it(`keeps recall@10 and @50 at least 0.95 against the exact search (${kind})`, async () => {
      const store = await openCrmStore({ path: join(dir, `${kind}.db`), vectorIndex: kind });
      try {
        await fill(store, 3000);
        expect(await recallAt(store, 10)).toBeGreaterThanOrEqual(0.95);
        expect(await recallAt(store, 50)).toBeGreaterThanOrEqual(0.95);
        // Similarities are the exact cosines, not the coarse codes.
        const [vector] = await store.embedder.embed([QUERIES[0] as string]);
        const best = store.memories.nearest('t1', vector as Float32Array, 1)[0];
        const exact = store.memories.exactNearest('t1', vector as Float32Array, 1)[0];
        expect(best?.score).toBeCloseTo(exact?.score as number, 5);
      } finally {
        store.close();
      }
    });
  }

  it('follows writes of its own connection and of another one on the same file', async () => {
    const path = join(dir, 'shared.db');
    const store = await openCrmStore({ path });
    const other = await openCrmStore({ path });
    try {
      await fill(store, 300);
      const [query] = await store.embedder.embed(['cancelamento urgente do contrato corporativo']);
      const vector = query as Float32Array;
      store.memories.nearest('t1', vector, 5); // loads the codes
      // Written through another connection: picked up on the next search (data_version changed).
      const [fresh] = await other.embedder.embed(['Cliente 3 pediu cancelamento urgente do contrato corporativo']);
      const seq = other.memories.insert(
        't1',
        { id: 'mem-fresh', memory_type: 'note', content: 'x', created_at: '2026-05-01T00:00:00Z' },
        fresh,
        other.embedder.id,
      );
      expect(store.memories.nearest('t1', vector, 1)[0]?.seq).toBe(seq);
      // Deleted through this connection: gone at once.
      store.memories.deleteTenant('t1');
      expect(store.memories.nearest('t1', vector, 5)).toEqual([]);
      await fill(store, 50, 1000);
      expect(store.memories.nearest('t1', vector, 5)).toHaveLength(5);
    } finally {
      other.close();
      store.close();
    }
  });
});
