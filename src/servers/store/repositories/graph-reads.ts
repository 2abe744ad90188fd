import type { Database } from 'better-sqlite3';
import { normalizeText } from '../../../shared/index.js';
import {
  type EdgeHandle,
  GRAPH_NODE_TYPES,
  type GraphEdgeRow,
  type GraphNodeRow,
  type NodeHandle,
  type StoredGraphNode,
  toGraphNodeRow,
} from './graph-types.js';
import { StampedCache } from './stamped-cache.js';

/** A node, by handle and by (type, id). */
export interface NodeRef {
  node: NodeHandle;
  type: string;
  id: string;
}

/** A node whose label contains the `word`-th of the words asked for. */
export interface NodeMatch extends NodeRef {
  word: number;
}

/** One step of a walk, as a raw row: the `from`-th node of the frontier reaches `node` over `edge`. */
export type HopRow = [from: number, edge: EdgeHandle, node: NodeHandle, strength: number];

/** Which steps a hop keeps, after each node's strongest edges are picked. */
export interface HopFilter {
  /** Only edges of these relationships. */
  relationships?: readonly string[];
  /** Only edges at least this strong. */
  minStrength?: number;
}

/** A walk's start: any (type, id), described as a node or not. */
export interface WalkStart {
  type: string;
  id: string;
}

// Every type but 'contact', spelled out so the (tenant_id, type, id) key skips a tenant's contacts.
const MATCHABLE_TYPES = GRAPH_NODE_TYPES.filter((t) => t !== 'contact')
  .map((t) => `'${t}'`)
  .join(', ');

/**
 * One hop of a breadth-first walk from the nodes of the CTE `f (pos, type, id)`: per node its
 * `@limit` strongest outgoing edges (ties in key order), then its `@limit` strongest incoming ones
 * (ties oldest first) — picked before the filters, as a per-node ORDER BY strength LIMIT would. Kept:
 * edges passing the filters whose other end is a described node other than the walk's start.
 * Strengths have no index, so every edge of a frontier node is read (as with ORDER BY … LIMIT).
 * The CROSS JOINs pin the loop order: frontier → its edges → the node at the other end (by key).
 */
const hopSql = (frontier: string) => `WITH f AS MATERIALIZED (${frontier})
  SELECT s.pos, s.edge, o.rowid, s.strength FROM (
      SELECT f.pos AS pos, 0 AS dir, e.rowid AS edge, e.relationship AS relationship, e.strength AS strength,
             e.to_type AS other_type, e.to_id AS other_id,
             row_number() OVER (PARTITION BY f.pos ORDER BY e.strength DESC, e.relationship, e.to_type, e.to_id) AS rn
        FROM f CROSS JOIN graph_edges e
       WHERE e.tenant_id = @tenant AND e.from_type = f.type AND e.from_id = f.id
      UNION ALL
      SELECT f.pos, 1, e.rowid, e.relationship, e.strength,
             iif(e.from_type = f.type AND e.from_id = f.id, e.to_type, e.from_type),
             iif(e.from_type = f.type AND e.from_id = f.id, e.to_id, e.from_id),
             row_number() OVER (PARTITION BY f.pos ORDER BY e.strength DESC, e.rowid)
        FROM f CROSS JOIN graph_edges e
       WHERE e.tenant_id = @tenant AND e.to_type = f.type AND e.to_id = f.id) s
    CROSS JOIN graph_nodes o ON o.tenant_id = @tenant AND o.type = s.other_type AND o.id = s.other_id
   WHERE s.rn <= @limit AND s.strength >= @min_strength
     AND (@relationships IS NULL OR s.relationship IN (SELECT value FROM json_each(@relationships)))
     AND NOT (s.other_type = @start_type AND s.other_id = @start_id)
   ORDER BY s.pos, s.dir, s.rn`;

function hopParams(tenantId: string, start: WalkStart, limitPerDirection: number, filter: HopFilter) {
  return {
    tenant: tenantId,
    start_type: start.type,
    start_id: start.id,
    limit: limitPerDirection,
    min_strength: filter.minStrength ?? 0,
    relationships: filter.relationships ? JSON.stringify(filter.relationships) : null,
  };
}

/** Word matches remembered per store (least recently used dropped first). */
const MATCH_CACHE_SIZE = 5000;

/**
 * The graph reads of search and walks, each one statement however many words, nodes or edges it
 * covers (json_each feeds the lists). Rows cross into JS as handles and numbers; labels, properties
 * and edges are read (`nodes`, `edges`) only for what a caller finally returns. A word's matches are
 * kept while `stamp()` (see GraphRepository) is unchanged: only words not seen since the graph last
 * changed are matched in SQL.
 */
export function createGraphReads(db: Database, stamp: () => string) {
  const matchCache = new StampedCache<readonly NodeRef[]>(MATCH_CACHE_SIZE);
  // The first `@limit` nodes per word in (type, id) order; the tenant's non-contact nodes are read
  // once. MATERIALIZED: json_each parses the words once, not once per node.
  const matchStmt = db
    .prepare(
      `WITH words AS MATERIALIZED (SELECT key AS word, value AS needle FROM json_each(@words) WHERE value <> '')
      SELECT word, node, type, id FROM (
        SELECT w.word AS word, n.rowid AS node, n.type AS type, n.id AS id,
               row_number() OVER (PARTITION BY w.word ORDER BY n.type, n.id) AS rn
          FROM graph_nodes n CROSS JOIN words w
         WHERE n.tenant_id = @tenant AND n.type IN (${MATCHABLE_TYPES}) AND instr(n.search_text, w.needle) > 0)
      WHERE rn <= @limit ORDER BY word, rn`,
    )
    .raw(true);
  const hopFromStartStmt = db.prepare(hopSql('SELECT 0 AS pos, @start_type AS type, @start_id AS id')).raw(true);
  const hopFromNodesStmt = db
    .prepare(
      hopSql(`SELECT j.key AS pos, n.type AS type, n.id AS id
        FROM json_each(@frontier) j CROSS JOIN graph_nodes n ON n.rowid = j.value WHERE n.tenant_id = @tenant`),
    )
    .raw(true);
  const nodesStmt = db.prepare(`SELECT n.rowid AS handle, n.type, n.id, n.label, n.properties, n.created_at
    FROM json_each(?) j CROSS JOIN graph_nodes n ON n.rowid = j.value WHERE n.tenant_id = ?`);
  const nodeKeysStmt = db
    .prepare(`SELECT n.rowid, n.type, n.id FROM json_each(?) j CROSS JOIN graph_nodes n ON n.rowid = j.value
      WHERE n.tenant_id = ?`)
    .raw(true);
  const edgesStmt = db.prepare(`SELECT e.rowid AS handle, e.from_type, e.from_id, e.relationship, e.to_type, e.to_id,
      e.strength, e.created_at
    FROM json_each(?) j CROSS JOIN graph_edges e ON e.rowid = j.value WHERE e.tenant_id = ?`);

  return {
    /**
     * Non-contact nodes whose (normalised) label contains each (normalised) word: the first
     * `limitPerWord` per word in (type, id) order, grouped by word in the order given.
     */
    matchNodes(tenantId: string, words: readonly string[], limitPerWord = 20): NodeMatch[] {
      if (words.length === 0) return [];
      const now = stamp();
      const keyOf = (needle: string) => `${tenantId}\u0000${limitPerWord}\u0000${needle}`;
      const needles = words.map((word) => normalizeText(word));
      const found = needles.map((needle) => matchCache.get(keyOf(needle), now));
      const missing = [...new Set(needles.filter((_, i) => found[i] === undefined))];
      if (missing.length > 0) {
        const rows = matchStmt.all({
          tenant: tenantId,
          words: JSON.stringify(missing),
          limit: limitPerWord,
        }) as [number, NodeHandle, string, string][];
        const byNeedle = new Map(missing.map((needle): [string, NodeRef[]] => [needle, []]));
        for (const [word, node, type, id] of rows) byNeedle.get(missing[word] as string)?.push({ node, type, id });
        for (const [needle, nodes] of byNeedle) matchCache.set(keyOf(needle), now, nodes);
        needles.forEach((needle, i) => {
          found[i] ??= byNeedle.get(needle);
        });
      }
      return found.flatMap((nodes, word) => (nodes ?? []).map((ref) => ({ word, ...ref })));
    },
    /**
     * The first hop of a walk: the start's `limitPerDirection` strongest outgoing edges, then its
     * `limitPerDirection` strongest incoming ones, filtered, to described nodes other than itself.
     */
    hopFrom(tenantId: string, start: WalkStart, limitPerDirection: number, filter: HopFilter = {}): HopRow[] {
      return hopFromStartStmt.all(hopParams(tenantId, start, limitPerDirection, filter)) as HopRow[];
    },
    /** A further hop of a walk from `start`: `hopFrom` for every frontier node, grouped by position. */
    hop(
      tenantId: string,
      start: WalkStart,
      frontier: readonly NodeHandle[],
      limitPerDirection: number,
      filter: HopFilter = {},
    ): HopRow[] {
      if (frontier.length === 0) return [];
      return hopFromNodesStmt.all({
        ...hopParams(tenantId, start, limitPerDirection, filter),
        frontier: JSON.stringify(frontier),
      }) as HopRow[];
    },
    /** The nodes behind these handles (absent when not the tenant's). */
    nodes(tenantId: string, handles: readonly NodeHandle[]): Map<NodeHandle, GraphNodeRow> {
      const out = new Map<NodeHandle, GraphNodeRow>();
      if (handles.length === 0) return out;
      const rows = nodesStmt.all(JSON.stringify(handles), tenantId) as (StoredGraphNode & { handle: NodeHandle })[];
      for (const { handle, ...row } of rows) out.set(handle, toGraphNodeRow(row));
      return out;
    },
    /** The (type, id) of the nodes behind these handles, without labels and properties. */
    nodeKeys(tenantId: string, handles: readonly NodeHandle[]): Map<NodeHandle, { type: string; id: string }> {
      const out = new Map<NodeHandle, { type: string; id: string }>();
      if (handles.length === 0) return out;
      const rows = nodeKeysStmt.all(JSON.stringify(handles), tenantId) as [NodeHandle, string, string][];
      for (const [handle, type, id] of rows) out.set(handle, { type, id });
      return out;
    },
    /** The edges behind these handles (absent when not the tenant's). */
    edges(tenantId: string, handles: readonly EdgeHandle[]): Map<EdgeHandle, GraphEdgeRow> {
      const out = new Map<EdgeHandle, GraphEdgeRow>();
      if (handles.length === 0) return out;
      const rows = edgesStmt.all(JSON.stringify(handles), tenantId) as (GraphEdgeRow & { handle: EdgeHandle })[];
      for (const { handle, ...edge } of rows) out.set(handle, edge);
      return out;
    },
  };
}
export type GraphReads = ReturnType<typeof createGraphReads>;
