import type { Database } from 'better-sqlite3';
import type { CrmStore, GraphEdgeRow, MemoryFilter, ScoredSeq } from '../../src/servers/store/index.js';
import { contentWords, normalizeText } from '../../src/shared/index.js';

/**
 * The graph signal and neighbourhood walk as they were before they became set-based (commit
 * 28750cd): one statement per query word, two per walked node plus one per reached node, one per
 * entity's links. Kept, with its SQL verbatim, as the oracle the set-based version is compared with
 * (test/servers/memory/graph-signal.test.ts) and the baseline of bench/graph-signal.bench.ts.
 */
export function createLegacyGraphSignal(store: CrmStore) {
  const db: Database = store.db;
  const nodeStmt = db.prepare(
    'SELECT type, id, label, properties, created_at FROM graph_nodes WHERE tenant_id = ? AND type = ? AND id = ?',
  );
  const outStmt = db.prepare(`SELECT from_type, from_id, relationship, to_type, to_id, strength, created_at
    FROM graph_edges WHERE tenant_id = ? AND from_type = ? AND from_id = ? ORDER BY strength DESC LIMIT ?`);
  const inStmt = db.prepare(`SELECT from_type, from_id, relationship, to_type, to_id, strength, created_at
    FROM graph_edges WHERE tenant_id = ? AND to_type = ? AND to_id = ? ORDER BY strength DESC LIMIT ?`);
  const matchStmt = db.prepare(`SELECT type, id, label, properties, created_at FROM graph_nodes
    WHERE tenant_id = ? AND type <> 'contact' AND instr(search_text, ?) > 0 LIMIT ?`);
  const FILTERS = `AND (@types IS NULL OR m.memory_type IN (SELECT value FROM json_each(@types)))
  AND (@excluded IS NULL OR m.memory_type NOT IN (SELECT value FROM json_each(@excluded)))
  AND (@since IS NULL OR m.created_at >= @since)`;
  const byEntity = {
    tenant: db.prepare(`SELECT e.memory_seq AS seq, e.strength AS strength FROM memory_entities e
      JOIN memories m ON m.seq = e.memory_seq
      WHERE e.tenant_id = @tenant AND e.entity_type = @entity_type AND e.entity_id = @entity_id AND m.tenant_id = @tenant
  ${FILTERS}
      LIMIT @limit`),
    contact: db.prepare(`SELECT e.memory_seq AS seq, e.strength AS strength FROM memories m
      JOIN memory_entities e ON e.memory_seq = m.seq
      WHERE m.tenant_id = @tenant AND m.contact_id = @contact
  ${FILTERS} AND e.entity_type = @entity_type AND e.entity_id = @entity_id
      LIMIT @limit`),
  };

  const node = (tenantId: string, type: string, id: string) =>
    nodeStmt.get(tenantId, type, id) as { type: string; id: string; label: string } | undefined;
  const edgesOf = (tenantId: string, type: string, id: string, limit: number): GraphEdgeRow[] => [
    ...(outStmt.all(tenantId, type, id, limit) as GraphEdgeRow[]),
    ...(inStmt.all(tenantId, type, id, limit) as GraphEdgeRow[]),
  ];
  const matchNodes = (tenantId: string, word: string, limit: number) => {
    const needle = normalizeText(word);
    if (needle === '') return [];
    return matchStmt.all(tenantId, needle, limit) as { type: string; id: string }[];
  };
  const linkedTo = (tenantId: string, type: string, id: string, filter: MemoryFilter, limit: number): ScoredSeq[] => {
    const rows = (filter.contactId ? byEntity.contact : byEntity.tenant).all({
      tenant: tenantId,
      contact: filter.contactId ?? null,
      types: filter.types && filter.types.length > 0 ? JSON.stringify(filter.types) : null,
      since: filter.since ?? null,
      excluded: filter.excludedTypes && filter.excludedTypes.length > 0 ? JSON.stringify(filter.excludedTypes) : null,
      entity_type: type,
      entity_id: id,
      limit,
    }) as { seq: number; strength: number }[];
    return rows.map((row) => ({ seq: row.seq, score: row.strength }));
  };

  type Hit = { node: { type: string; id: string; label: string }; path: GraphEdgeRow[]; relevance: number };

  function neighbourhood(
    tenantId: string,
    startType: string,
    startId: string,
    maxDepth: number,
    maxResults: number,
    options: { relationships?: readonly string[]; minStrength?: number } = {},
  ): Hit[] {
    const key = (type: string, id: string) => `${type}\u0000${id}`;
    const depthLimit = Math.min(3, Math.max(1, maxDepth));
    const seen = new Map<string, Hit>();
    const start = key(startType, startId);
    let frontier: { type: string; id: string; path: GraphEdgeRow[]; relevance: number }[] = [
      { type: startType, id: startId, path: [], relevance: 1 },
    ];
    for (let depth = 1; depth <= depthLimit && frontier.length > 0 && seen.size < 2000; depth++) {
      const next: typeof frontier = [];
      for (const current of frontier) {
        for (const edge of edgesOf(tenantId, current.type, current.id, 100)) {
          if (options.relationships && !options.relationships.includes(edge.relationship)) continue;
          if (edge.strength < (options.minStrength ?? 0)) continue;
          const outgoing = edge.from_type === current.type && edge.from_id === current.id;
          const otherType = outgoing ? edge.to_type : edge.from_type;
          const otherId = outgoing ? edge.to_id : edge.from_id;
          const otherKey = key(otherType, otherId);
          if (otherKey === start) continue;
          const relevance = current.relevance * edge.strength * (depth > 1 ? 0.5 : 1);
          const existing = seen.get(otherKey);
          if (existing && (existing.path.length < depth || existing.relevance >= relevance)) continue;
          const reached = existing?.node ?? node(tenantId, otherType, otherId);
          if (!reached) continue;
          const path = [...current.path, edge];
          seen.set(otherKey, { node: reached, path, relevance });
          if (!existing) next.push({ type: otherType, id: otherId, path, relevance });
          if (seen.size >= 2000) break;
        }
      }
      frontier = next;
    }
    return [...seen.values()].sort((a, b) => b.relevance - a.relevance).slice(0, maxResults);
  }

  function graphSignal(tenantId: string, text: string, filter: MemoryFilter, pool: number): ScoredSeq[] {
    const entities = new Map<string, { type: string; id: string; weight: number }>();
    const add = (type: string, id: string, weight: number) => {
      const k = `${type}\u0000${id}`;
      const current = entities.get(k);
      if (!current || current.weight < weight) entities.set(k, { type, id, weight });
    };
    for (const word of contentWords(text)
      .filter((w) => w.length >= 3)
      .slice(0, 8)) {
      for (const n of matchNodes(tenantId, word, 10)) add(n.type, n.id, 1);
    }
    if (filter.contactId) {
      for (const hit of neighbourhood(tenantId, 'contact', filter.contactId, 2, 60)) {
        const matched = entities.get(`${hit.node.type}\u0000${hit.node.id}`);
        add(hit.node.type, hit.node.id, matched ? 1 + hit.relevance : hit.relevance * 0.6);
      }
    }
    const scores = new Map<number, number>();
    const ranked = [...entities.values()].sort((a, b) => b.weight - a.weight).slice(0, 40);
    for (const entity of ranked) {
      for (const link of linkedTo(tenantId, entity.type, entity.id, filter, pool)) {
        const score = entity.weight * link.score;
        if ((scores.get(link.seq) ?? 0) < score) scores.set(link.seq, score);
      }
    }
    const best = Math.max(...scores.values(), 0);
    if (best <= 0) return [];
    return [...scores.entries()]
      .map(([seq, score]) => ({ seq, score: score / best }))
      .sort((a, b) => b.score - a.score)
      .slice(0, pool);
  }

  return { graphSignal, neighbourhood };
}
