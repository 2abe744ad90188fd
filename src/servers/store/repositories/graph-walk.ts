import type { GraphReads, HopFilter, WalkStart } from './graph-reads.js';
import type { EdgeHandle, NodeHandle } from './graph-types.js';
import { StampedCache } from './stamped-cache.js';

/** A node reached by a walk: its handle and (type, id), the edges of its path, its relevance. */
export interface WalkHit {
  readonly node: NodeHandle;
  readonly type: string;
  readonly id: string;
  readonly path: readonly EdgeHandle[];
  /** Product of the path's edge strengths, halved per hop after the first: 0..1. */
  readonly relevance: number;
}

type Reached = Omit<WalkHit, 'type' | 'id'>;

const EDGES_PER_NODE = 100;
/** At most this many nodes are visited per walk. */
export const MAX_VISITED = 2000;
/** Walks remembered per store (least recently used dropped first). */
const CACHE_SIZE = 512;
/** Longer walks (get_related_entities asks for up to 2,000 nodes) are not kept: bounds the cache. */
const MAX_CACHED_HITS = 256;

/**
 * Breadth-first walk from a node over edges in both directions, up to `maxDepth` hops (≤ 3), at most
 * `maxResults` nodes returned and 2,000 visited: bounded however dense the graph is. Each node is
 * reached by its first (shortest) path; a later path of the same length with higher relevance
 * replaces it. Each hop is one statement over the whole frontier (≤ 100 strongest edges per node
 * and direction); ties in relevance keep the order nodes were first reached.
 */
function walkOnce(
  reads: GraphReads,
  tenantId: string,
  start: WalkStart,
  maxDepth: number,
  maxResults: number,
  filter: HopFilter,
): WalkHit[] {
  const depthLimit = Math.min(3, Math.max(1, maxDepth));
  const seen = new Map<NodeHandle, Reached>();
  let frontier: Reached[] = [];
  for (let depth = 1; depth <= depthLimit && seen.size < MAX_VISITED; depth++) {
    const rows =
      depth === 1
        ? reads.hopFrom(tenantId, start, EDGES_PER_NODE, filter)
        : reads.hop(
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
  const hits = [...seen.values()].sort((a, b) => b.relevance - a.relevance).slice(0, maxResults);
  const keys = reads.nodeKeys(
    tenantId,
    hits.map((h) => h.node),
  );
  // Every reached node was read as the tenant's in this same call, so its key is there.
  return hits.map((h) => ({ ...h, ...(keys.get(h.node) as { type: string; id: string }) }));
}

/**
 * Graph walks with a cache: a steady conversation walks the same contact's neighbourhood on every
 * search, and the graph rarely changes between two. An entry is used only while `stamp()` (graph
 * writes of this process + SQLite's data_version for other connections) is what it was when the
 * walk ran, so any write to the graph makes every cached walk unreachable.
 */
export function createGraphWalk(reads: GraphReads, stamp: () => string) {
  const cache = new StampedCache<readonly WalkHit[]>(CACHE_SIZE);
  return {
    /** See walkOnce; the result is shared with the cache: do not mutate it. */
    walk(
      tenantId: string,
      start: WalkStart,
      maxDepth: number,
      maxResults: number,
      filter: HopFilter = {},
    ): readonly WalkHit[] {
      const key = JSON.stringify([
        tenantId,
        start.type,
        start.id,
        maxDepth,
        maxResults,
        filter.minStrength ?? 0,
        filter.relationships ?? null,
      ]);
      const now = stamp();
      const cached = cache.get(key, now);
      if (cached) return cached;
      const hits = walkOnce(reads, tenantId, start, maxDepth, maxResults, filter);
      if (hits.length <= MAX_CACHED_HITS) cache.set(key, now, hits);
      return hits;
    },
  };
}
