import {
  type GraphEdgeRow,
  type GraphNodeRow,
  type GraphRepository,
  type HopFilter,
  MAX_VISITED,
} from '../../store/index.js';
import type { GraphEdge, GraphNode, RelatedEntities, RelatedEntitiesQuery } from '../memory-backend.js';

export interface NeighbourHit {
  node: GraphNodeRow;
  path: GraphEdgeRow[];
  /** Product of the path's edge strengths, halved per hop after the first: 0..1. */
  relevance: number;
}

/**
 * Breadth-first walk from a node over edges in both directions, up to `maxDepth` hops (≤ 3), at
 * most `maxResults` nodes and 2,000 visited (see GraphRepository.walk), with each reached node's row
 * and path edges read — two statements for all of them.
 */
export function neighbourhood(
  graph: GraphRepository,
  tenantId: string,
  startType: string,
  startId: string,
  maxDepth: number,
  maxResults: number,
  options: HopFilter = {},
): NeighbourHit[] {
  const reached = graph.walk(tenantId, { type: startType, id: startId }, maxDepth, maxResults, options);
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
