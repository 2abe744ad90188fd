import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmStore, openCrmStore, openDatabase } from '../../../src/servers/store/crm-store.js';

const TENANT = 't1';
const CONTACT = { contactId: 'c1' };

let dir: string;
let store: CrmStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-memory-caches-'));
  store = await openCrmStore({ path: join(dir, 'crm.db'), reindexOnOpen: false });
  store.tenants.upsert(TENANT, { name: 'T', locale: 'pt-BR', currency: 'BRL' });
  store.memories.insert(TENANT, {
    id: 'm1',
    contact_id: 'c1',
    memory_type: 'note',
    content: 'Reclamou do preço do Plano Pro',
    created_at: '2026-01-01T00:00:00.000Z',
  });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const keywordHits = (word: string) =>
  store.memories.keywordSearchTerms(TENANT, [{ text: word, prefix: false }], CONTACT, 10).map((h) => h.seq);

describe('a contact search reads its rows again after a memory write', () => {
  it('finds a memory written through the repository after the same search ran', () => {
    expect(store.memories.candidateSeqs(TENANT, CONTACT, 100)).toHaveLength(1);
    expect(keywordHits('boleto')).toEqual([]);
    const seq = store.memories.insert(TENANT, {
      id: 'm2',
      contact_id: 'c1',
      memory_type: 'note',
      content: 'Boleto atrasado de novo',
      created_at: '2026-01-02T00:00:00.000Z',
    });
    expect(store.memories.candidateSeqs(TENANT, CONTACT, 100)).toHaveLength(2);
    expect(keywordHits('boleto')).toEqual([seq]);
  });

  it('finds a memory another connection committed', () => {
    expect(keywordHits('boleto')).toEqual([]);
    const other = openDatabase(join(dir, 'crm.db'));
    try {
      other
        .prepare(
          `INSERT INTO memories (tenant_id, id, contact_id, memory_type, content, created_at)
           VALUES ('t1', 'm3', 'c1', 'note', 'Boleto vencido', '2026-01-03T00:00:00.000Z')`,
        )
        .run();
    } finally {
      other.close();
    }
    expect(store.memories.candidateSeqs(TENANT, CONTACT, 100)).toHaveLength(2);
    expect(keywordHits('boleto')).toHaveLength(1);
  });

  it("links a memory written after the contact's links were read to its entity", () => {
    store.graph.upsertNode(TENANT, { type: 'product', id: 'p1', label: 'Plano Pro' });
    const [match] = store.graph.matchNodes(TENANT, ['plano'], 10);
    if (!match) throw new Error('the product node should match "plano"');
    expect(store.memories.linkedTo(TENANT, [match], CONTACT, 10)).toEqual([]);
    const seq = store.memories.insert(TENANT, {
      id: 'm4',
      contact_id: 'c1',
      memory_type: 'purchase',
      content: 'Comprou o Plano Pro',
      created_at: '2026-01-04T00:00:00.000Z',
      related: [{ entity_type: 'product', entity_id: 'p1', relationship: 'purchased', strength: 0.9 }],
    });
    expect(store.memories.linkedTo(TENANT, [match], CONTACT, 10)).toEqual([{ entity: 0, seq, strength: 0.9 }]);
  });

  it("answers each entity's links from the kept list: asked order, oldest first, limit, lookback, a repeated entity at its last place", () => {
    const link = (id: string, strength: number) => ({
      entity_type: 'product',
      entity_id: id,
      relationship: 'mentions',
      strength,
    });
    const add = (id: string, at: string, related: ReturnType<typeof link>[]) =>
      store.memories.insert(TENANT, {
        id,
        contact_id: 'c1',
        memory_type: 'note',
        content: id,
        created_at: at,
        related,
      });
    const a = add('a', '2026-01-02T00:00:00.000Z', [link('p1', 0.5), link('p2', 0.4)]);
    const b = add('b', '2026-01-03T00:00:00.000Z', [link('p1', 0.7)]);
    const c = add('c', '2026-01-04T00:00:00.000Z', [link('p1', 0.9), link('p2', 0.8)]);
    // Another contact's link to the same entity is not the contact's.
    store.memories.insert(TENANT, {
      id: 'x',
      contact_id: 'c2',
      memory_type: 'note',
      content: 'x',
      created_at: '2026-01-05T00:00:00.000Z',
      related: [link('p1', 1)],
    });
    const p1 = { type: 'product', id: 'p1' };
    const p2 = { type: 'product', id: 'p2' };
    const none = { type: 'product', id: 'p3' };
    const linked = (entities: { type: string; id: string }[], limit: number, since?: string) =>
      store.memories.linkedTo(TENANT, entities, { ...CONTACT, ...(since ? { since } : {}) }, limit);
    expect(linked([p2, none, p1], 10)).toEqual([
      { entity: 0, seq: a, strength: 0.4 },
      { entity: 0, seq: c, strength: 0.8 },
      { entity: 2, seq: a, strength: 0.5 },
      { entity: 2, seq: b, strength: 0.7 },
      { entity: 2, seq: c, strength: 0.9 },
    ]);
    // Asked again (the kept grouping): the same answer.
    expect(linked([p2, none, p1], 10)).toEqual(linked([p2, none, p1], 10));
    expect(linked([p1, p2], 2, '2026-01-03T00:00:00.000Z')).toEqual([
      { entity: 0, seq: b, strength: 0.7 },
      { entity: 0, seq: c, strength: 0.9 },
      { entity: 1, seq: c, strength: 0.8 },
    ]);
    expect(linked([p1, p2, p1], 1)).toEqual([
      { entity: 1, seq: a, strength: 0.4 },
      { entity: 2, seq: a, strength: 0.5 },
    ]);
  });

  it("applies each search's lookback to the kept rows", () => {
    store.memories.insert(TENANT, {
      id: 'm5',
      contact_id: 'c1',
      memory_type: 'note',
      content: 'Pediu desconto',
      created_at: '2026-03-01T00:00:00.000Z',
    });
    const since = (iso: string) => ({ ...CONTACT, since: iso });
    expect(store.memories.candidateSeqs(TENANT, CONTACT, 100)).toHaveLength(2);
    expect(store.memories.candidateSeqs(TENANT, since('2026-02-01T00:00:00.000Z'), 100)).toHaveLength(1);
    expect(store.memories.candidateSeqs(TENANT, since('2026-04-01T00:00:00.000Z'), 100)).toEqual([]);
    expect(store.memories.candidateSeqs(TENANT, since('2025-12-01T00:00:00.000Z'), 100)).toHaveLength(2);
    expect(store.memories.candidateSeqs(TENANT, CONTACT, 1)).toHaveLength(1);
  });

  it('forgets a reset tenant', () => {
    expect(store.memories.candidateSeqs(TENANT, CONTACT, 100)).toHaveLength(1);
    store.resetTenant(TENANT);
    expect(store.memories.candidateSeqs(TENANT, CONTACT, 100)).toEqual([]);
  });
});

describe('memories by seq (kept rows, links and vectors)', () => {
  const seqOf = (id: string) => store.memories.getById(TENANT, id)?.seq as number;

  it('answers a row, its links and its vector again after a write changes them', () => {
    const seq = seqOf('m1');
    expect(store.memories.getBySeqs(TENANT, [seq]).get(seq)?.content).toBe('Reclamou do preço do Plano Pro');
    expect(store.memories.linksOfMany(TENANT, [seq]).get(seq)).toEqual([]);
    expect(store.memories.vectorsOf([seq]).size).toBe(0);
    // Raw SQL, no repository: still seen.
    store.db.prepare("UPDATE memories SET content = 'Pediu desconto' WHERE seq = ?").run(seq);
    store.db
      .prepare(
        `INSERT INTO memory_entities (tenant_id, memory_seq, entity_type, entity_id, relationship, strength)
         VALUES (?, ?, 'product', 'p1', 'mentions', 0.5)`,
      )
      .run(TENANT, seq);
    expect(store.memories.getBySeqs(TENANT, [seq]).get(seq)?.content).toBe('Pediu desconto');
    expect(store.memories.linksOfMany(TENANT, [seq]).get(seq)).toEqual([
      { entity_type: 'product', entity_id: 'p1', relationship: 'mentions', strength: 0.5 },
    ]);
    store.memories.setVector(TENANT, seq, new Float32Array(store.vectorDimensions).fill(0.5), 'e1');
    expect(store.memories.vectorsOf([seq]).get(seq)?.[0]).toBe(0.5);
  });

  it("never answers another tenant's memory, kept or not", () => {
    const seq = seqOf('m1');
    store.tenants.upsert('t2', { name: 'T2', locale: 'pt-BR', currency: 'BRL' });
    expect(store.memories.getBySeqs('t2', [seq]).size).toBe(0);
    expect(store.memories.getBySeqs(TENANT, [seq]).size).toBe(1);
    expect(store.memories.getBySeqs('t2', [seq]).size).toBe(0);
    expect(store.memories.linksOfMany('t2', [seq]).get(seq)).toEqual([]);
  });

  it('hands out kept rows frozen', () => {
    const seq = seqOf('m1');
    const record = store.memories.getBySeqs(TENANT, [seq]).get(seq);
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record?.metadata)).toBe(true);
  });
});
