import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphSignal } from '../../../src/servers/memory/local/graph-signal.js';
import { neighbourhood } from '../../../src/servers/memory/local/related-entities.js';
import {
  type CrmStore,
  GRAPH_NODE_TYPES,
  type GraphNodeType,
  type MemoryFilter,
  openCrmStore,
} from '../../../src/servers/store/index.js';
import { createLegacyGraphSignal } from '../../support/legacy-graph-signal.js';
import { NOW, openSeededStore, type SeededStore } from './seeded-store.js';

const QUERIES = [
  'Quero cancelar, está muito caro',
  'O sistema está fora do ar',
  'Quantos leads entraram hoje?',
  'Quero saber o preço do plano',
  'Integração WhatsApp parou de funcionar',
  'Módulo Fiscal com erro de certificado na nota fiscal',
  'Plano Pro ou Plano Enterprise, qual o desconto na renovação?',
  'fiscal',
  'pro',
  'oi',
  '',
];

const DAY_MS = 86_400_000;

/** Filters a search can carry: none, memory types, types left out, a lookback window. */
function filtersFor(contactId: string | undefined): MemoryFilter[] {
  const base: MemoryFilter = contactId ? { contactId } : {};
  return [
    base,
    { ...base, types: ['complaint', 'conversation'] },
    { ...base, excludedTypes: ['conversation'] },
    { ...base, since: new Date(NOW.getTime() - 90 * DAY_MS).toISOString() },
  ];
}

describe('graph signal: set-based statements vs the per-entity oracle', () => {
  let seeded: SeededStore;
  beforeAll(async () => {
    seeded = await openSeededStore();
  });
  afterAll(() => seeded.cleanup());

  it('scores the same memories in the same order as the old algorithm for every seeded contact, query and filter kind', () => {
    const legacy = createLegacyGraphSignal(seeded.store);
    let nonEmpty = 0;
    for (const tenantId of ['tenant-demo', 'tenant-acme', 'tenant-isolation']) {
      const contacts = seeded.store.contacts.list(tenantId, 100).map((c) => c.id);
      expect(contacts.length).toBeGreaterThan(1);
      for (const [c, contactId] of [undefined, ...contacts].entries()) {
        for (const [f, filter] of filtersFor(contactId).entries()) {
          // Every query unfiltered; each narrower filter with a query picked per contact (bounded work).
          const texts = f === 0 ? QUERIES : [QUERIES[(c + f) % QUERIES.length] as string];
          for (const [q, text] of texts.entries()) {
            // A pool of 3 makes the per-entity link limit bind.
            for (const pool of f === 0 && q < 4 ? [50, 3] : [50]) {
              const expected = legacy.graphSignal(tenantId, text, filter, pool);
              const actual = graphSignal(seeded.store, tenantId, text, filter, pool);
              expect(actual, `${tenantId} ${contactId} ${JSON.stringify(filter)} "${text}" pool ${pool}`).toEqual(
                expected,
              );
              if (expected.length > 0) nonEmpty++;
            }
          }
        }
      }
    }
    // The comparison is not vacuous: most combinations find linked memories.
    expect(nonEmpty).toBeGreaterThan(300);
  });

  it('walks the same neighbourhood (nodes, paths, relevance, order) as the per-node walk', () => {
    const legacy = createLegacyGraphSignal(seeded.store);
    const starts = seeded.store.db
      .prepare("SELECT type, id FROM graph_nodes WHERE tenant_id = 'tenant-demo'")
      .all() as { type: string; id: string }[];
    for (const start of starts) {
      for (const depth of [1, 2, 3]) {
        for (const options of [{}, { minStrength: 0.75 }, { relationships: ['purchased', 'about', 'interested_in'] }]) {
          const expected = legacy.neighbourhood('tenant-demo', start.type, start.id, depth, 60, options);
          const actual = neighbourhood(seeded.store.graph, 'tenant-demo', start.type, start.id, depth, 60, options);
          expect(
            actual.map((h) => ({
              type: h.node.type,
              id: h.node.id,
              label: h.node.label,
              path: h.path,
              r: h.relevance,
            })),
            `${start.type}:${start.id} depth ${depth} ${JSON.stringify(options)}`,
          ).toEqual(
            expected.map((h) => ({
              type: h.node.type,
              id: h.node.id,
              label: h.node.label,
              path: h.path,
              r: h.relevance,
            })),
          );
        }
      }
    }
  });
});

describe('graph signal on a dense graph (ties, per-word, per-node and per-entity limits)', () => {
  const TENANT = 'tenant-dense';
  let dir: string;
  let store: CrmStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ventros-graph-'));
    store = await openCrmStore({ path: join(dir, 'crm.db'), reindexOnOpen: false });
    let state = 7;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
    const types = GRAPH_NODE_TYPES.filter((t) => t !== 'contact');
    const words = ['plano', 'fiscal', 'whatsapp', 'desconto', 'suporte', 'preco', 'integracao', 'pro'];
    store.db.transaction(() => {
      store.tenants.upsert(TENANT, { name: 'Dense', locale: 'pt-BR', currency: 'BRL' });
      const nodes: { type: GraphNodeType; id: string }[] = [];
      for (let c = 0; c < 40; c++) {
        store.graph.upsertNode(TENANT, { type: 'contact', id: `c${c}`, label: `Contato ${pick(words)} ${c}` });
        nodes.push({ type: 'contact', id: `c${c}` });
      }
      for (let n = 0; n < 160; n++) {
        const type = pick(types);
        // Few distinct labels: a word matches many nodes, more than the 10 kept per word.
        store.graph.upsertNode(TENANT, { type, id: `n${n}`, label: `${pick(words)} ${pick(words)}` });
        nodes.push({ type, id: `n${n}` });
      }
      // Strengths from a handful of values: many ties. Some edges point at nodes never described.
      for (let e = 0; e < 3000; e++) {
        const from = pick(nodes);
        const to = random() < 0.05 ? { type: 'topic' as const, id: `ghost${e % 7}` } : pick(nodes);
        store.graph.upsertEdge(TENANT, {
          from_type: from.type,
          from_id: from.id,
          relationship: pick(['about', 'purchased', 'related_to']),
          to_type: to.type,
          to_id: to.id,
          strength: pick([0.5, 0.7, 0.9, 1]),
        });
      }
      // c39 gets 600 more memories: more links than a contact's kept list holds (the SQL path).
      for (let m = 0; m < 2100; m++) {
        store.memories.insert(TENANT, {
          id: `m${m}`,
          contact_id: m < 1500 ? `c${m % 40}` : 'c39',
          memory_type: pick(['note', 'complaint', 'purchase']),
          content: `memória ${m}`,
          created_at: new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 300) * DAY_MS).toISOString(),
          related: Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
            const entity = pick(nodes);
            return {
              entity_type: entity.type,
              entity_id: entity.id,
              relationship: pick(['about', 'mentions']),
              strength: pick([0.6, 0.8, 1]),
            };
          }),
        });
      }
    })();
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the old results where every limit binds', () => {
    const legacy = createLegacyGraphSignal(store);
    const queries = ['plano fiscal whatsapp desconto suporte preco integracao pro', 'pro', 'Plano Pro', 'nada'];
    for (const contactId of [undefined, 'c0', 'c7', 'c13', 'c39', 'c-unknown']) {
      for (const filter of filtersFor(contactId)) {
        for (const text of queries) {
          for (const pool of [50, 5]) {
            const expected = legacy.graphSignal(TENANT, text, filter, pool);
            expect(graphSignal(store, TENANT, text, filter, pool), `${contactId} "${text}" ${pool}`).toEqual(expected);
          }
        }
      }
    }
    for (const start of ['c0', 'c1', 'c2']) {
      for (const depth of [2, 3]) {
        const expected = legacy.neighbourhood(TENANT, 'contact', start, depth, 2500);
        const actual = neighbourhood(store.graph, TENANT, 'contact', start, depth, 2500);
        expect(actual.length).toBe(expected.length);
        expect(actual.map((h) => [h.node.id, h.path, h.relevance])).toEqual(
          expected.map((h) => [h.node.id, h.path, h.relevance]),
        );
      }
    }
  });
});
