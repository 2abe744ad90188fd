import type {
  EdgeHandle,
  GraphEdgeRow,
  GraphNodeRow,
  GraphRepository,
  HopFilter,
  NodeHandle,
  WalkStart,
} from '../../store/index.js';
import type { GraphEdge, GraphNode, RelatedEntities, RelatedEntitiesQuery } from '../memory-backend.js';

export interface NeighbourHit {
  node: GraphNodeRow;
  path: GraphEdgeRow[];
  /** Product of the path's edge strengths, halved per hop after the first: 0..1. */
  relevance: number;
}

/** A node reached by a walk, before its row and path edges are read. */
export interface Reached {
  node: NodeHandle;
  path: EdgeHandle[];
  relevance: number;
}

const EDGES_PER_NODE = 100;
const MAX_VISITED = 2000;

/**
 * Breadth-first walk from a node over edges in both directions, up to `maxDepth` hops (≤ 3), at
 * most `maxResults` nodes and 2,000 visited: bounded however dense the graph is. Each node is reached
 * by its first (shortest) path; a later path of the same length with higher relevance replaces it.
 * Each hop is one statement over the whole frontier (≤ 100 strongest edges per node and direction);
 * ties in relevance keep the order nodes were first reached. Returns handles (see `neighbourhood`).
 */
export function walk(
  graph: GraphRepository,
  tenantId: string,
  start: WalkStart,
  maxDepth: number,
  maxResults: number,
  filter: HopFilter = {},
): Reached[] {
  const depthLimit = Math.min(3, Math.max(1, maxDepth));
  const seen = new Map<NodeHandle, Reached>();
  let frontier: Reached[] = [];
  for (let depth = 1; depth <= depthLimit && seen.size < MAX_VISITED; depth++) {
    const rows =
      depth === 1
        ? graph.hopFrom(tenantId, start, EDGES_PER_NODE, filter)
        : graph.hop(
            tenantId,
            start,
            frontier.map((f) => f.node),
            EDGES_PER_NODE,
            filter,
          );
    const next: Reached[] = [];
    // Rows come grouped by frontier position; reaching MAX_VISITED skips the rest of that node's rows.
    let skipping = -1;
    for (const [from, edge, node, strength] of rows) {
      if (from === skipping) continue;
      const current = depth === 1 ? undefined : frontier[from];
      const relevance = (current?.relevance ?? 1) * strength * (depth > 1 ? 0.5 : 1);
      const existing = seen.get(node);
      if (existing && (existing.path.length < depth || existing.relevance >= relevance)) continue;
      const reached = { node, path: current ? [...current.path, edge] : [edge], relevance };
      seen.set(node, reached);
      if (!existing) next.push(reached);
      if (seen.size >= MAX_VISITED) skipping = from;
    }
    if (next.length === 0) break;
    frontier = next;
  }
  return [...seen.values()].sort((a, b) => b.relevance - a.relevance).slice(0, maxResults);
}

/** `walk` with each reached node's row and path edges read (two statements). */
export function neighbourhood(
  graph: GraphRepository,
  tenantId: string,
  startType: string,
  startId: string,
  maxDepth: number,
  maxResults: number,
  options: HopFilter = {},
): NeighbourHit[] {
  const reached = walk(graph, tenantId, { type: startType, id: startId }, maxDepth, maxResults, options);
  const nodes = graph.nodes(
    tenantId,
    reached.map((r) => r.node),
  );
  const edges = graph.edges(tenantId, [...new Set(reached.flatMap((r) => r.path))]);
  return reached.map((r) => ({
    node: nodes.get(r.node) as GraphNodeRow,
    path: r.path.map((e) => edges.get(e) as GraphEdgeRow),
    relevance: r.relevance,
  }));
}

export function toGraphNode(node: GraphNodeRow): GraphNode {
  return { id: node.id, type: node.type, properties: { label: node.label, ...node.properties } };
}

export function toGraphEdge(edge: GraphEdgeRow): GraphEdge {
  return {
    from_id: edge.from_id,
    from_type: edge.from_type,
    to_id: edge.to_id,
    to_type: edge.to_type,
    relationship: edge.relationship,
    weight: edge.strength,
    created_at: edge.created_at,
  };
}

/** get_related_entities: the BFS neighbourhood filtered by target types. */
export function relatedEntities(
  graph: GraphRepository,
  tenantId: string,
  query: RelatedEntitiesQuery,
): Omit<RelatedEntities, 'latency_ms'> {
  const hits = neighbourhood(graph, tenantId, query.entity_type, query.entity_id, query.max_depth, MAX_VISITED, {
    ...(query.relationships ? { relationships: query.relationships } : {}),
    minStrength: query.min_strength,
  });
  const wanted = query.target_types;
  return {
    entities: hits
      .filter((hit) => !wanted || wanted.includes(hit.node.type))
      .slice(0, query.limit)
      .map((hit) => ({
        entity: toGraphNode(hit.node),
        path: hit.path.map(toGraphEdge),
        relevance: Math.round(hit.relevance * 1000) / 1000,
      })),
  };
}
