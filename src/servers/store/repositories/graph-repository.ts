import type { Database } from 'better-sqlite3';
import { normalizeText } from '../../../shared/index.js';
import { dataVersionOf } from '../data-version.js';
import { createGraphReads } from './graph-reads.js';
import {
  type GraphEdgeRow,
  type GraphNodeRow,
  type GraphNodeType,
  type StoredGraphNode,
  toGraphNodeRow,
} from './graph-types.js';
import { createGraphWalk } from './graph-walk.js';

export type { HopFilter, NodeRef } from './graph-reads.js';
export {
  GRAPH_NODE_TYPES,
  type GraphEdgeRow,
  type GraphNodeRow,
  type GraphNodeType,
  type NodeHandle,
} from './graph-types.js';
export { MAX_VISITED } from './graph-walk.js';

/**
 * The tenant's knowledge graph: typed nodes and weighted, directed, typed edges. Writes and
 * single-node reads here; the set-based reads of search in graph-reads.ts; walks in graph-walk.ts.
 * Word matches and walks are cached until the graph changes: every write through this repository
 * (or `changed()`) and every commit of another connection invalidates them.
 */
export function createGraphRepository(db: Database) {
  let writes = 0;
  const dataVersion = dataVersionOf(db);
  // Changes on every graph write through this repository and on every commit of another connection.
  const stamp = () => `${writes}:${dataVersion()}`;
  const reads = createGraphReads(db, stamp);
  const { walk } = createGraphWalk(reads, stamp);
  const upsertNodeStmt =
    db.prepare(`INSERT INTO graph_nodes (tenant_id, type, id, label, search_text, properties, created_at)
    VALUES (@tenant_id, @type, @id, @label, @search_text, @properties, @created_at)
    ON CONFLICT (tenant_id, type, id) DO UPDATE SET label = excluded.label, search_text = excluded.search_text,
      properties = excluded.properties`);
  // An edge seen again keeps the stronger of the two strengths.
  const upsertEdgeStmt = db.prepare(`INSERT INTO graph_edges (tenant_id, from_type, from_id, relationship, to_type,
      to_id, strength, created_at)
    VALUES (@tenant_id, @from_type, @from_id, @relationship, @to_type, @to_id, @strength, @created_at)
    ON CONFLICT (tenant_id, from_type, from_id, relationship, to_type, to_id)
      DO UPDATE SET strength = max(strength, excluded.strength)`);
  const nodeStmt = db.prepare(
    'SELECT type, id, label, properties, created_at FROM graph_nodes WHERE tenant_id = ? AND type = ? AND id = ?',
  );
  const countStmt = db.prepare('SELECT count(*) AS n FROM graph_edges WHERE tenant_id = ?');

  return {
    ...reads,
    walk,
    /** Marks the graph as changed by a write that did not go through this repository (e.g. a reset). */
    changed(): void {
      writes++;
    },
    upsertNode(
      tenantId: string,
      node: {
        type: GraphNodeType;
        id: string;
        label: string;
        properties?: Record<string, string>;
        created_at?: string;
      },
    ): void {
      writes++;
      upsertNodeStmt.run({
        tenant_id: tenantId,
        type: node.type,
        id: node.id,
        label: node.label,
        search_text: ` ${normalizeText(node.label)} `,
        properties: JSON.stringify(node.properties ?? {}),
        created_at: node.created_at ?? new Date().toISOString(),
      });
    },
    upsertEdge(tenantId: string, edge: Omit<GraphEdgeRow, 'created_at'> & { created_at?: string }): void {
      writes++;
      upsertEdgeStmt.run({ ...edge, tenant_id: tenantId, created_at: edge.created_at ?? new Date().toISOString() });
    },
    node(tenantId: string, type: string, id: string): GraphNodeRow | undefined {
      const row = nodeStmt.get(tenantId, type, id) as StoredGraphNode | undefined;
      return row ? toGraphNodeRow(row) : undefined;
    },
    countEdges(tenantId: string): number {
      return (countStmt.get(tenantId) as { n: number }).n;
    },
  };
}
export type GraphRepository = ReturnType<typeof createGraphRepository>;
