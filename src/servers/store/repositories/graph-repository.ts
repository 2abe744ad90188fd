import type { Database } from 'better-sqlite3';
import { normalizeText } from '../../../shared/index.js';
import { parseJson } from './json.js';

/** Node types of the knowledge graph (the table's CHECK constraint). */
export const GRAPH_NODE_TYPES = [
  'contact',
  'product',
  'campaign',
  'ticket',
  'agent',
  'topic',
  'offer',
  'session',
] as const;
export type GraphNodeType = (typeof GRAPH_NODE_TYPES)[number];

export interface GraphNodeRow {
  type: string;
  id: string;
  label: string;
  properties: Record<string, string>;
  created_at: string;
}

export interface GraphEdgeRow {
  from_type: string;
  from_id: string;
  relationship: string;
  to_type: string;
  to_id: string;
  strength: number;
  created_at: string;
}

type StoredNode = Omit<GraphNodeRow, 'properties'> & { properties: string };

function toNode(row: StoredNode): GraphNodeRow {
  return { ...row, properties: parseJson<Record<string, string>>(row.properties, {}) };
}

/** The tenant's knowledge graph: typed nodes and weighted, directed, typed edges. */
export function createGraphRepository(db: Database) {
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
  const outStmt = db.prepare(`SELECT from_type, from_id, relationship, to_type, to_id, strength, created_at
    FROM graph_edges WHERE tenant_id = ? AND from_type = ? AND from_id = ? ORDER BY strength DESC LIMIT ?`);
  const inStmt = db.prepare(`SELECT from_type, from_id, relationship, to_type, to_id, strength, created_at
    FROM graph_edges WHERE tenant_id = ? AND to_type = ? AND to_id = ? ORDER BY strength DESC LIMIT ?`);
  const matchStmt = db.prepare(`SELECT type, id, label, properties, created_at FROM graph_nodes
    WHERE tenant_id = ? AND type <> 'contact' AND instr(search_text, ?) > 0 LIMIT ?`);
  const countStmt = db.prepare('SELECT count(*) AS n FROM graph_edges WHERE tenant_id = ?');

  return {
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
      upsertEdgeStmt.run({ ...edge, tenant_id: tenantId, created_at: edge.created_at ?? new Date().toISOString() });
    },
    node(tenantId: string, type: string, id: string): GraphNodeRow | undefined {
      const row = nodeStmt.get(tenantId, type, id) as StoredNode | undefined;
      return row ? toNode(row) : undefined;
    },
    /** Edges touching a node, both directions, strongest first; at most `limit` per direction. */
    edgesOf(tenantId: string, type: string, id: string, limit = 200): GraphEdgeRow[] {
      return [
        ...(outStmt.all(tenantId, type, id, limit) as GraphEdgeRow[]),
        ...(inStmt.all(tenantId, type, id, limit) as GraphEdgeRow[]),
      ];
    },
    /** Non-contact nodes whose label contains the (normalised) word. */
    matchNodes(tenantId: string, word: string, limit = 20): GraphNodeRow[] {
      const needle = normalizeText(word);
      if (needle === '') return [];
      return (matchStmt.all(tenantId, needle, limit) as StoredNode[]).map(toNode);
    },
    countEdges(tenantId: string): number {
      return (countStmt.get(tenantId) as { n: number }).n;
    },
  };
}
export type GraphRepository = ReturnType<typeof createGraphRepository>;
