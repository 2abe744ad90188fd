import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContactContextQuerySchema,
  FinishedSessionSchema,
  NewMemorySchema,
  RelatedEntitiesQuerySchema,
  type SearchMemoriesQueryInput,
  SearchMemoriesQuerySchema,
} from '../../../src/servers/memory/memory-backend.js';
import { NotFoundError } from '../../../src/shared/index.js';
import { openSeededStore, type SeededStore } from './seeded-store.js';

let seeded: SeededStore;
beforeAll(async () => {
  seeded = await openSeededStore();
});
afterAll(() => seeded.cleanup());

const search = (tenant: string, query: SearchMemoriesQueryInput) =>
  seeded.backend.searchMemories(tenant, SearchMemoriesQuerySchema.parse(query));

describe('LocalMemoryBackend.searchMemories', () => {
  it("finds Carlos's price complaint and cancellation threat first for a retention question", async () => {
    const result = await search('tenant-demo', {
      query: 'cliente quer cancelar porque achou caro',
      strategy: 'retention_churn',
    });
    expect(result.memories[0]?.contact_id).toBe('contact-carlos');
    expect(result.memories.every((m) => m.relevance_score >= 0 && m.relevance_score <= 1)).toBe(true);
    expect(result.metadata).toMatchObject({ mode: 'HYBRID', strategy: 'retention_churn' });
    expect(result.metadata.vector_weight).toBeCloseTo(0.5 / 0.9);
    expect(result.metadata.vector_matches).toBeGreaterThan(0);
    expect(result.metadata.keyword_matches).toBeGreaterThan(0);
  });

  it('uses only the signal a single mode names', async () => {
    const keyword = await search('tenant-demo', { query: 'reajuste abusivo', mode: 'KEYWORD_ONLY' });
    expect(keyword.metadata).toMatchObject({ vector_matches: 0, graph_matches: 0, keyword_weight: 1 });
    expect(keyword.memories[0]?.content).toMatch(/reajuste/);
    const vector = await search('tenant-demo', { query: 'reajuste abusivo', mode: 'VECTOR_ONLY' });
    expect(vector.metadata).toMatchObject({ keyword_matches: 0, graph_matches: 0, vector_weight: 1 });
    const graph = await search('tenant-demo', { query: 'Integração WhatsApp', mode: 'GRAPH_ONLY' });
    expect(graph.metadata).toMatchObject({ vector_matches: 0, keyword_matches: 0, graph_weight: 1 });
    expect(graph.memories.length).toBeGreaterThan(0);
  });

  it('follows the graph from a contact to the memories of linked entities', async () => {
    const result = await search('tenant-demo', { query: 'fiscal', contact_id: 'contact-carlos', mode: 'GRAPH_ONLY' });
    expect(result.memories.map((m) => m.content).join(' ')).toMatch(/Módulo Fiscal/);
    expect(result.memories.every((m) => m.contact_id === 'contact-carlos')).toBe(true);
  });

  it('accepts explicit weights and normalises them', async () => {
    const result = await search('tenant-demo', { query: 'preço', weights: { vector: 0.2, keyword: 0.6, graph: 0.2 } });
    expect(result.metadata).toMatchObject({ strategy: 'custom', keyword_weight: 0.6 });
  });

  it('restricts to a contact, memory types and a lookback window', async () => {
    const byContact = await search('tenant-demo', { query: 'preço cancelar', contact_id: 'contact-carlos', limit: 20 });
    expect(byContact.memories.length).toBeGreaterThan(1);
    expect(new Set(byContact.memories.map((m) => m.contact_id))).toEqual(new Set(['contact-carlos']));

    const typed = await search('tenant-demo', { query: 'preço cancelar', memory_types: ['complaint'] });
    expect(typed.memories.length).toBeGreaterThan(0);
    expect(typed.memories.every((m) => m.memory_type === 'complaint')).toBe(true);

    const recent = await search('tenant-demo', { query: 'preço cancelar sistema', scope: { lookback_days: 7 } });
    const cutoff = Date.parse('2026-11-14T15:00:00.000Z');
    expect(recent.memories.length).toBeGreaterThan(0);
    expect(recent.memories.every((m) => Date.parse(m.created_at) >= cutoff)).toBe(true);

    const noTickets = await search('tenant-demo', { query: 'preço cancelar', scope: { include_tickets: false } });
    expect(noTickets.memories.length).toBeGreaterThan(0);
    expect(noTickets.memories.some((m) => m.memory_type === 'complaint' || m.memory_type === 'support_ticket')).toBe(
      false,
    );

    const limited = await search('tenant-demo', { query: 'plano', limit: 3 });
    expect(limited.memories).toHaveLength(3);
    expect(limited.total_count).toBeGreaterThan(3);
  });

  it('never returns another tenant’s memories, even for the same contact id and similar text', async () => {
    const demo = await search('tenant-demo', {
      query: 'ISOLATION preço caro cancelar',
      contact_id: 'contact-carlos',
      limit: 50,
    });
    expect(demo.memories.length).toBeGreaterThan(0);
    expect(demo.memories.some((m) => m.content.includes('ISOLATION') || m.id.startsWith('mem-isolation'))).toBe(false);
    const iso = await search('tenant-isolation', { query: 'preço caro cancelar', limit: 50 });
    expect(iso.memories.length).toBeGreaterThan(0);
    expect(iso.memories.every((m) => m.id.startsWith('mem-isolation'))).toBe(true);
    const nobody = await search('tenant-unknown', { query: 'preço caro cancelar' });
    expect(nobody.memories).toEqual([]);
  });
});

describe('LocalMemoryBackend contact context, writes and graph', () => {
  it('summarises Carlos as a high-value customer at high churn risk', async () => {
    const context = await seeded.backend.getContactContext(
      'tenant-demo',
      ContactContextQuerySchema.parse({ contact_id: 'contact-carlos', include_graph: true }),
    );
    expect(context.profile).toMatchObject({ name: 'Carlos Mendes', tier: 'premium' });
    expect(context.stats.lifetime_value).toBeGreaterThan(30000);
    expect(context.stats.churn_risk).toBeGreaterThan(0.5);
    expect(context.stats.complaints).toBeGreaterThan(0);
    expect(context.recent_messages.some((m) => m.is_inbound && /cancelar/.test(m.content))).toBe(true);
    expect(context.graph?.edges.some((e) => e.relationship === 'purchased')).toBe(true);
    const happy = await seeded.backend.getContactContext(
      'tenant-demo',
      ContactContextQuerySchema.parse({ contact_id: 'contact-ana' }),
    );
    expect(happy.stats.churn_risk).toBeLessThan(context.stats.churn_risk);
    expect(happy.graph).toBeUndefined();
  });

  it('answers NotFoundError for a contact of another tenant', async () => {
    await expect(
      seeded.backend.getContactContext(
        'tenant-acme',
        ContactContextQuerySchema.parse({ contact_id: 'contact-carlos' }),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('stores a memory embedded on write and finds it by meaning', async () => {
    const stored = await seeded.backend.storeMemory(
      'tenant-demo',
      NewMemorySchema.parse({
        contact_id: 'contact-ana',
        content: 'Ana prefere pagamento via boleto bancário',
        memory_type: 'preference',
        importance: 0.9,
      }),
    );
    expect(stored).toMatchObject({ success: true, memory_id: expect.stringMatching(/^mem-/) });
    const found = await search('tenant-demo', {
      query: 'boleto bancário',
      contact_id: 'contact-ana',
      mode: 'VECTOR_ONLY',
    });
    expect(found.memories[0]?.id).toBe(stored.memory_id);
    const elsewhere = await search('tenant-isolation', { query: 'boleto bancário', contact_id: 'contact-ana' });
    expect(elsewhere.memories.some((m) => m.id === stored.memory_id)).toBe(false);
  });

  it('walks related entities breadth-first with relationship and depth limits', async () => {
    const one = await seeded.backend.getRelatedEntities(
      'tenant-demo',
      RelatedEntitiesQuerySchema.parse({ entity_id: 'contact-carlos', max_depth: 1 }),
    );
    expect(one.entities.every((e) => e.path.length === 1)).toBe(true);
    const products = await seeded.backend.getRelatedEntities(
      'tenant-demo',
      RelatedEntitiesQuerySchema.parse({
        entity_id: 'contact-carlos',
        relationships: ['purchased'],
        target_types: ['product'],
      }),
    );
    expect(products.entities.map((e) => e.entity.id)).toContain('product-plano-enterprise');
    const two = await seeded.backend.getRelatedEntities(
      'tenant-demo',
      RelatedEntitiesQuerySchema.parse({ entity_id: 'contact-carlos', max_depth: 2, limit: 100 }),
    );
    expect(two.entities.some((e) => e.path.length === 2 && e.entity.type === 'contact')).toBe(true);
    await expect(
      seeded.backend.getRelatedEntities(
        'tenant-acme',
        RelatedEntitiesQuerySchema.parse({ entity_id: 'contact-carlos' }),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('turns a finished session into one summary memory plus graph edges, once', async () => {
    const session = FinishedSessionSchema.parse({
      session_id: 'sess-42',
      contact_id: 'contact-daniel',
      messages: [
        { role: 'user', content: 'Quero saber da integração com marketplace' },
        { role: 'assistant', content: 'Temos integração com os principais marketplaces.' },
      ],
      metadata: { agent_id: 'ai-sales', topics: ['marketplace'], products: ['Plano Pro'] },
    });
    expect(await seeded.backend.addSession('tenant-demo', session)).toEqual({ memoriesCreated: 1 });
    expect(await seeded.backend.addSession('tenant-demo', session)).toEqual({ memoriesCreated: 0 });
    const found = await search('tenant-demo', { query: 'marketplace', contact_id: 'contact-daniel' });
    expect(found.memories[0]).toMatchObject({ memory_type: 'session_summary' });
    const related = await seeded.backend.getRelatedEntities(
      'tenant-demo',
      RelatedEntitiesQuerySchema.parse({ entity_id: 'contact-daniel' }),
    );
    expect(related.entities.map((e) => e.entity.id)).toEqual(
      expect.arrayContaining(['sess-42', 'topic-marketplace', 'ai-sales']),
    );
  });
});
