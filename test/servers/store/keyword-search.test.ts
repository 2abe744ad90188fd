import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toFtsQuery, toFtsTerms } from '../../../src/servers/memory/local/fts-query.js';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/index.js';
import { ftsTokens, KEYWORD_WINDOW } from '../../../src/servers/store/repositories/keyword-search.js';

let dir: string;
let store: CrmStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-keyword-'));
  store = await openCrmStore({ path: join(dir, 'crm.db') });
  store.tenants.upsert('t1', { name: 'Loja', locale: 'pt-BR', currency: 'BRL' });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const PHRASES = [
  'reclamou do preço alto e quer cancelar a assinatura',
  'abriu chamado sobre lentidão nos relatórios',
  'não consegue emitir nota fiscal, erro de certificado',
  'recebeu oferta de desconto na renovação do plano',
  'pediu o cancelamento do plano por causa do preço, preço e mais preço',
];

/** `count` memories without vectors, "cliente" in every one (a word in all rows). */
function fill(count: number): void {
  store.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      store.memories.insert('t1', {
        id: `mem-${i}`,
        contact_id: `contact-${i % 20}`,
        memory_type: 'note',
        content: `Cliente ${i % 20} ${PHRASES[(i + Math.floor(i / 20)) % PHRASES.length]} (registro ${i}).`,
        created_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      });
    }
  })();
}

const rounded = (hits: { score: number }[]) => hits.map((h) => Math.round(h.score * 1e4) / 1e4);

describe('keyword search with bounded work', () => {
  it('tokenizes like FTS5 unicode61 with diacritics removed', () => {
    expect(ftsTokens('Não emite NF-e: preço R$ 10,50!')).toEqual(['nao', 'emite', 'nf', 'e', 'preco', 'r', '10', '50']);
  });

  it('drops a word found in most memories without changing the BM25 ranking', () => {
    fill(400);
    const text = 'cliente quer cancelar por causa do preço';
    const exact = store.memories.keywordSearch('t1', toFtsQuery(text) as string, {}, 50);
    const bounded = store.memories.keywordSearchTerms('t1', toFtsTerms(text), {}, 50);
    expect(bounded.length).toBe(exact.length);
    expect(rounded(bounded)).toEqual(rounded(exact));
  });

  it('scores one contact with the same matches and order as FTS5 filtered to that contact', () => {
    fill(400);
    for (const text of ['preço cancelar', 'erro nota fiscal', 'desconto renovação plano']) {
      const filter = { contactId: 'contact-3' };
      const exact = store.memories.keywordSearch('t1', toFtsQuery(text) as string, filter, 500);
      const bounded = store.memories.keywordSearchTerms('t1', toFtsTerms(text), filter, 500);
      expect(exact.length).toBeGreaterThan(0);
      expect(new Set(bounded.map((h) => h.seq))).toEqual(new Set(exact.map((h) => h.seq)));
      // Same best score class: the top hit of one is among the top-scored hits of the other.
      const bestExact = exact[0]?.score as number;
      const topExact = exact.filter((h) => h.score >= bestExact - 1e-9).map((h) => h.seq);
      expect(topExact).toContain(bounded[0]?.seq);
    }
  });

  it('ranks only the most recent matches when a query matches more than the window', () => {
    const total = KEYWORD_WINDOW + 1500;
    fill(total);
    // Every memory matches one of these words; none is in more than half of them.
    const text = 'preço relatórios nota desconto';
    const exact = store.memories.keywordSearch('t1', toFtsQuery(text) as string, {}, 10);
    const bounded = store.memories.keywordSearchTerms('t1', toFtsTerms(text), {}, 10);
    expect(bounded).toHaveLength(10);
    // Only the KEYWORD_WINDOW newest rows (seq = i + 1) were ranked…
    expect(bounded.every((h) => h.seq > total - KEYWORD_WINDOW)).toBe(true);
    // …and, the content repeating, their best ties with the exhaustive ranking's best.
    expect(bounded[0]?.score).toBeCloseTo(exact[0]?.score as number, 6);
  });

  it('ranks every match like FTS5 when the window is unbounded', () => {
    fill(400);
    const text = 'erro nota desconto relatórios';
    const exact = store.memories.keywordSearch('t1', toFtsQuery(text) as string, {}, 50);
    const all = store.memories.keywordSearchTerms('t1', toFtsTerms(text), {}, 50, { window: Number.POSITIVE_INFINITY });
    expect(rounded(all)).toEqual(rounded(exact));
  });

  it('scores asked-for rows older than the window with the same BM25 as FTS5', () => {
    fill(400);
    const text = 'preço cancelar nota fiscal';
    const exact = new Map(
      store.memories.keywordSearch('t1', toFtsQuery(text) as string, {}, 500).map((h) => [h.seq, h.score]),
    );
    // Seqs 1..8 are the oldest rows: far outside a window of the 20 newest matches.
    const asked = [1, 2, 3, 4, 5, 6, 7, 8];
    const hits = store.memories.keywordSearchTerms('t1', toFtsTerms(text), {}, 10, { window: 20, alsoScore: asked });
    const top = hits.slice(0, 10);
    const extra = hits.slice(10);
    expect(top.every((h) => h.seq > 300)).toBe(true);
    expect(extra.length).toBeGreaterThan(0);
    expect(extra.map((h) => h.seq).sort((a, b) => a - b)).toEqual(asked.filter((seq) => exact.has(seq)));
    for (const hit of extra) expect(hit.score).toBeCloseTo(exact.get(hit.seq) as number, 9);
    // Rows of another tenant are never scored, even when asked for.
    expect(store.memories.keywordSearchTerms('t2', toFtsTerms(text), {}, 10, { alsoScore: asked })).toEqual([]);
  });

  it('matches nothing for words no memory has, and ignores FTS syntax in terms', () => {
    fill(50);
    expect(store.memories.keywordSearchTerms('t1', [{ text: 'zzzz', prefix: false }], {}, 10)).toEqual([]);
    expect(store.memories.keywordSearchTerms('t1', [{ text: 'nota" OR x*', prefix: false }], {}, 10)).toEqual([]);
    expect(store.memories.keywordSearchTerms('t1', [{ text: 'NOTA"', prefix: false }], {}, 10).length).toBe(10);
    expect(store.memories.keywordSearchTerms('t2', toFtsTerms('nota fiscal'), {}, 10)).toEqual([]);
  });
});
