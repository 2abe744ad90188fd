import type { GraphEdgeRow, GraphNodeRow, GraphRepository } from '../../store/index.js';
import type { GraphEdge, GraphNode, RelatedEntities, RelatedEntitiesQuery } from '../memory-backend.js';

export interface NeighbourHit {
  node: GraphNodeRow;
  path: GraphEdgeRow[];
  /** Product of the path's edge strengths, halved per hop after the first: 0..1. */
  relevance: number;
}

const EDGES_PER_NODE = 100;
const MAX_VISITED = 2000;

const key = (type: string, id: string) => `${type}\u0000${id}`;

/**
 * Breadth-first walk from a node over edges in both directions, up to `maxDepth` hops (≤ 3), at
 * most `maxResults` nodes and 2,000 visited: bounded however dense the graph is. Each node is reached
 * by its first (shortest) path; a later path of the same length with higher relevance replaces it.
 */
export function neighbourhood(
  graph: GraphRepository,
  tenantId: string,
  startType: string,
  startId: string,
  maxDepth: number,
  maxResults: number,
  options: { relationships?: readonly string[]; minStrength?: number } = {},
): NeighbourHit[] {
  const depthLimit = Math.min(3, Math.max(1, maxDepth));
  const seen = new Map<string, NeighbourHit>();
  const start = key(startType, startId);
  let frontier: { type: string; id: string; path: GraphEdgeRow[]; relevance: number }[] = [
    { type: startType, id: startId, path: [], relevance: 1 },
  ];
  for (let depth = 1; depth <= depthLimit && frontier.length > 0 && seen.size < MAX_VISITED; depth++) {
    const next: typeof frontier = [];
    for (const current of frontier) {
      for (const edge of graph.edgesOf(tenantId, current.type, current.id, EDGES_PER_NODE)) {
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
        const node = existing?.node ?? graph.node(tenantId, otherType, otherId);
        if (!node) continue; // an edge to a node never described: skip rather than invent one
        const path = [...current.path, edge];
        seen.set(otherKey, { node, path, relevance });
        if (!existing) next.push({ type: otherType, id: otherId, path, relevance });
        if (seen.size >= MAX_VISITED) break;
      }
    }
    frontier = next;
  }
  return [...seen.values()].sort((a, b) => b.relevance - a.relevance).slice(0, maxResults);
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
