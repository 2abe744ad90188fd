import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmStore, openCrmStore, openDatabase } from '../../../src/servers/store/crm-store.js';

const TENANT = 't1';
const CONTACT = { type: 'contact', id: 'c1' };

let dir: string;
let store: CrmStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-graph-walk-'));
  store = await openCrmStore({ path: join(dir, 'crm.db'), reindexOnOpen: false });
  store.tenants.upsert(TENANT, { name: 'T', locale: 'pt-BR', currency: 'BRL' });
  store.graph.upsertNode(TENANT, { type: 'contact', id: 'c1', label: 'Ana' });
  store.graph.upsertNode(TENANT, { type: 'product', id: 'p1', label: 'Plano Pro' });
  store.graph.upsertEdge(TENANT, {
    from_type: 'contact',
    from_id: 'c1',
    relationship: 'purchased',
    to_type: 'product',
    to_id: 'p1',
    strength: 0.9,
  });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The (type, id, relevance) of every node a walk from the contact reaches. */
function reached(): Array<[string, string, number]> {
  const hits = store.graph.walk(TENANT, CONTACT, 2, 60);
  const nodes = store.graph.nodes(
    TENANT,
    hits.map((h) => h.node),
  );
  return hits.map((h) => {
    const node = nodes.get(h.node);
    return [node?.type ?? '?', node?.id ?? '?', h.relevance];
  });
}

describe('GraphRepository.walk (cached)', () => {
  it('returns the same walk again while the graph is unchanged', () => {
    const first = store.graph.walk(TENANT, CONTACT, 2, 60);
    expect(store.graph.walk(TENANT, CONTACT, 2, 60)).toBe(first);
    expect(reached()).toEqual([['product', 'p1', 0.9]]);
  });

  it('sees an edge written through the repository on the next walk', () => {
    expect(reached()).toHaveLength(1);
    store.graph.upsertNode(TENANT, { type: 'topic', id: 'preco', label: 'preço' });
    store.graph.upsertEdge(TENANT, {
      from_type: 'product',
      from_id: 'p1',
      relationship: 'about',
      to_type: 'topic',
      to_id: 'preco',
      strength: 0.5,
    });
    expect(reached()).toEqual([
      ['product', 'p1', 0.9],
      ['topic', 'preco', 0.9 * 0.5 * 0.5],
    ]);
  });

  it('sees a write committed by another connection to the same file', () => {
    expect(reached()).toHaveLength(1);
    const other = openDatabase(join(dir, 'crm.db'));
    try {
      other
        .prepare(
          `INSERT INTO graph_nodes (tenant_id, type, id, label, search_text, created_at)
           VALUES ('t1', 'agent', 'a1', 'Carla', ' carla ', '2026-01-01')`,
        )
        .run();
      other
        .prepare(
          `INSERT INTO graph_edges (tenant_id, from_type, from_id, relationship, to_type, to_id, strength, created_at)
           VALUES ('t1', 'agent', 'a1', 'assigned_to', 'contact', 'c1', 0.8, '2026-01-01')`,
        )
        .run();
    } finally {
      other.close();
    }
    expect(reached()).toEqual([
      ['product', 'p1', 0.9],
      ['agent', 'a1', 0.8],
    ]);
  });

  it('checks for other connections once per read batch, and again after it', () => {
    const other = openDatabase(join(dir, 'crm.db'));
    try {
      store.readBatch(() => {
        expect(reached()).toHaveLength(1);
        other
          .prepare(
            `INSERT INTO graph_nodes (tenant_id, type, id, label, search_text, created_at)
             VALUES ('t1', 'agent', 'a1', 'Carla', ' carla ', '2026-01-01')`,
          )
          .run();
        other
          .prepare(
            `INSERT INTO graph_edges (tenant_id, from_type, from_id, relationship, to_type, to_id, strength, created_at)
             VALUES ('t1', 'agent', 'a1', 'assigned_to', 'contact', 'c1', 0.8, '2026-01-01')`,
          )
          .run();
        // Within the batch the walk is the one it started with, as the statements of one read would be.
        expect(reached()).toHaveLength(1);
      });
      expect(reached()).toHaveLength(2);
    } finally {
      other.close();
    }
  });

  it('forgets the tenant graph when the tenant is reset', () => {
    expect(reached()).toHaveLength(1);
    store.resetTenant(TENANT);
    expect(reached()).toEqual([]);
  });
});

describe('GraphRepository.matchNodes (cached per word)', () => {
  const matched = (words: string[]) => {
    const matches = store.graph.matchNodes(TENANT, words, 10);
    const nodes = store.graph.nodes(
      TENANT,
      matches.map((m) => m.node),
    );
    return matches.map((m) => [m.word, nodes.get(m.node)?.id]);
  };

  it('finds non-contact nodes whose label contains a word, grouped by word', () => {
    expect(matched(['plano', 'ana', 'pro', 'nada'])).toEqual([
      [0, 'p1'],
      [2, 'p1'],
    ]);
  });

  it('follows a node relabelled after its words were matched', () => {
    expect(matched(['fiscal'])).toEqual([]);
    store.graph.upsertNode(TENANT, { type: 'product', id: 'p1', label: 'Módulo Fiscal' });
    expect(matched(['fiscal', 'plano'])).toEqual([[0, 'p1']]);
  });

  it('sees a node added by another connection', () => {
    expect(matched(['whatsapp'])).toEqual([]);
    const other = openDatabase(join(dir, 'crm.db'));
    try {
      other
        .prepare(
          `INSERT INTO graph_nodes (tenant_id, type, id, label, search_text, created_at)
           VALUES ('t1', 'product', 'p2', 'Integração WhatsApp', ' integracao whatsapp ', '2026-01-01')`,
        )
        .run();
    } finally {
      other.close();
    }
    expect(matched(['whatsapp'])).toEqual([[0, 'p2']]);
  });
});
