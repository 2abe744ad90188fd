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

/**
 * A node's row id: what the set-based reads (word matches, walk hops, links of entities) pass around
 * instead of (type, id) strings, which cost far more to hand from SQLite to JS. Valid within one read
 * of the graph; not an identifier to store (a VACUUM may renumber it).
 */
export type NodeHandle = number;
/** An edge's row id, like NodeHandle. */
export type EdgeHandle = number;

/** A node row as stored: properties as JSON text. */
export type StoredGraphNode = Omit<GraphNodeRow, 'properties'> & { properties: string };

/** A stored node with its properties parsed. */
export function toGraphNodeRow(row: StoredGraphNode): GraphNodeRow {
  return { ...row, properties: parseJson<Record<string, string>>(row.properties, {}) };
}
