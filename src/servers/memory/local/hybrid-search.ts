import { type Embedder, isEmbeddingOutage, reportEmbeddingFallback, throwIfAborted } from '../../../shared/index.js';
import type { CrmStore, MemoryFilter, MemoryRecord, ScoredSeq } from '../../store/index.js';
import type { Memory, SearchMemoriesQuery, SearchMemoriesResult } from '../memory-backend.js';
import { toFtsTerms } from './fts-query.js';
import { graphSignal } from './graph-signal.js';
import { toMemoryFilter } from './memory-filter.js';
import type { QueryVectors } from './query-vectors.js';
import type { KeptSearch, SearchMemo } from './search-memo.js';
import { effectiveWeights, withoutVector } from './search-weights.js';
import { memoizeText } from './text-memo.js';

/** Above this many candidate memories of one contact, use the k-NN index instead of exact scoring. */
const EXACT_SCAN_LIMIT = 5000;
/** Cosine similarities below this are hashing noise, not a match. */
const MIN_SIMILARITY = 0.1;
/**
 * Tenant-wide HYBRID ranks only this many of the newest keyword matches with FTS5 (KEYWORD_ONLY
 * ranks KEYWORD_WINDOW): the vector hits are keyword-scored on their own, so an older memory both
 * signals agree on keeps its keyword score. Measured against ranking every match: see the
 * hybrid-window test and bench/memory-search.bench.ts.
 */
export const HYBRID_KEYWORD_WINDOW = 1000;

const queryTerms = memoizeText(toFtsTerms);

/** What the model reads when the embedder was down for its search. */
export const VECTOR_UNAVAILABLE =
  'Semantic (vector) search is unavailable right now: these results come from keyword and graph matches only.';

export interface SearchDeps {
  store: CrmStore;
  embedder: Embedder;
  now: Date;
  /** Overrides HYBRID_KEYWORD_WINDOW (`Infinity`: rank every keyword match). */
  hybridKeywordWindow?: number;
  /** Recent query vectors of `embedder` (default: every query is embedded). */
  queryVectors?: QueryVectors;
  /** Recent results, kept until the searched tables change (default: every search ranks afresh). */
  memo?: SearchMemo;
}

/** True when a record passes the filter (for k-NN hits, which the index cannot filter). */
export function matchesFilter(record: MemoryRecord, filter: MemoryFilter): boolean {
  if (filter.contactId && record.contact_id !== filter.contactId) return false;
  if (filter.types && !filter.types.includes(record.memory_type)) return false;
  if (filter.excludedTypes?.includes(record.memory_type)) return false;
  if (filter.since && record.created_at < filter.since) return false;
  return true;
}

function hasFilter(filter: MemoryFilter): boolean {
  return Boolean(filter.types || filter.excludedTypes || filter.since);
}

function vectorSignal(deps: SearchDeps, tenantId: string, vector: Float32Array, filter: MemoryFilter, pool: number) {
  const { memories } = deps.store;
  let hits: ScoredSeq[];
  const candidates = filter.contactId ? memories.candidateSeqs(tenantId, filter, EXACT_SCAN_LIMIT + 1) : undefined;
  if (candidates && candidates.length <= EXACT_SCAN_LIMIT) {
    // One contact's memories: score them all exactly (no index recall loss).
    hits = [];
    for (const [seq, stored] of memories.vectorsOf(candidates)) {
      let dot = 0;
      for (let i = 0; i < vector.length; i++) dot += (vector[i] as number) * (stored[i] as number);
      hits.push({ seq, score: dot });
    }
  } else {
    // Tenant-wide: k-NN in the tenant's partition, oversampled when a filter will drop some hits.
    const k = filter.contactId || hasFilter(filter) ? pool * 8 : pool;
    hits = memories.nearest(tenantId, vector, k);
    if (filter.contactId || hasFilter(filter)) {
      const records = memories.getBySeqs(
        tenantId,
        hits.map((h) => h.seq),
      );
      hits = hits.filter((h) => {
        const record = records.get(h.seq);
        return record !== undefined && matchesFilter(record, filter);
      });
    }
  }
  return hits
    .filter((h) => h.score >= MIN_SIMILARITY)
    .sort((a, b) => b.score - a.score)
    .slice(0, pool);
}

/**
 * Keyword signal. Alongside a vector signal (`vectorHits`), FTS5 ranks a smaller window of recent
 * matches and the vector hits get their own BM25 scores, so fusion sees the keyword evidence of
 * every vector candidate however old.
 */
function keywordSignal(
  deps: SearchDeps,
  tenantId: string,
  text: string,
  filter: MemoryFilter,
  pool: number,
  vectorHits: readonly ScoredSeq[] | undefined,
) {
  const terms = queryTerms(text);
  if (terms.length === 0) return [];
  const hits = deps.store.memories.keywordSearchTerms(
    tenantId,
    terms,
    filter,
    pool,
    vectorHits
      ? { window: deps.hybridKeywordWindow ?? HYBRID_KEYWORD_WINDOW, alsoScore: vectorHits.map((h) => h.seq) }
      : {},
  );
  // BM25 is unbounded; scale by the best hit so the top keyword match scores 1.
  const best = Math.max(...hits.map((h) => h.score), 0);
  return best > 0 ? hits.map((h) => ({ seq: h.seq, score: h.score / best })) : hits.map((h) => ({ ...h, score: 1 }));
}

function toMemory(
  record: MemoryRecord,
  relevance: number,
  related: Memory['related'],
  embedding: Float32Array | undefined,
) {
  const memory: Memory = {
    id: record.id,
    contact_id: record.contact_id,
    content: record.content,
    memory_type: record.memory_type,
    relevance_score: Math.round(Math.min(1, Math.max(0, relevance)) * 1000) / 1000,
    importance: record.importance,
    created_at: record.created_at,
    metadata: record.metadata,
    related,
  };
  if (embedding) memory.embedding = Array.from(embedding);
  return memory;
}

/**
 * Hybrid search: vector (cosine), keyword (FTS5 BM25 scaled to 0..1) and graph signals, each over
 * a pool of 5× the limit (plus the keyword scores of the vector hits), fused as a weighted sum;
 * ties favour more important memories.
 */
export async function hybridSearch(
  deps: SearchDeps,
  tenantId: string,
  query: SearchMemoriesQuery,
  signal?: AbortSignal,
): Promise<SearchMemoriesResult> {
  const started = performance.now();
  let weights = effectiveWeights(query);
  const limit = Math.min(query.limit, query.scope?.limit ?? query.limit);
  const pool = Math.max(50, limit * 5);
  const filter = toMemoryFilter(
    {
      ...(query.contact_id ? { contactId: query.contact_id } : {}),
      ...(query.memory_types ? { memoryTypes: query.memory_types } : {}),
      ...(query.scope ? { scope: query.scope } : {}),
    },
    deps.now,
  );
  let queryVector: Float32Array | undefined;
  let warning: string | undefined;
  if (weights.vector > 0) {
    try {
      queryVector = deps.queryVectors
        ? await deps.queryVectors.embed(query.query, signal)
        : (await deps.embedder.embed([query.query], signal))[0];
    } catch (error) {
      if (!isEmbeddingOutage(error, signal)) throw error;
      // The stored vectors come from this embedder: another one's query vector would not be comparable,
      // so this query is answered by the keyword and graph signals alone.
      reportEmbeddingFallback('memory_search', deps.embedder.id, error, 'keyword and graph signals only');
      weights = withoutVector(weights);
      warning = VECTOR_UNAVAILABLE;
    }
  }
  throwIfAborted(signal);
  // Everything after the embedding is synchronous: one read of the store (its caches check for
  // other connections' commits once).
  const kept = deps.store.readBatch(() => {
    const rank = () =>
      rankMemories(deps, tenantId, query, { weights, filter, pool, limit, queryVector, warning }, signal);
    if (!deps.memo) return rank();
    // Everything the ranking depends on but the lookback, which the memo compares itself (the query
    // vector is a function of the text and the embedder).
    const key = JSON.stringify([
      tenantId,
      query,
      { ...filter, since: undefined },
      weights,
      queryVector !== undefined,
      // String: JSON would write Infinity (rank every match) as null.
      String(deps.hybridKeywordWindow ?? HYBRID_KEYWORD_WINDOW),
    ]);
    return deps.memo.read(tenantId, key, filter, rank);
  });
  // The fields in the order a fresh search lists them (its JSON text is what the model reads).
  return {
    memories: kept.memories,
    total_count: kept.total_count,
    search_latency_ms: Math.round((performance.now() - started) * 100) / 100,
    metadata: kept.metadata,
  };
}

interface Plan {
  weights: ReturnType<typeof effectiveWeights>;
  filter: MemoryFilter;
  pool: number;
  limit: number;
  queryVector: Float32Array | undefined;
  warning: string | undefined;
}

/** The three signals fused and the top `limit` memories (called inside one read of the store). */
function rankMemories(
  deps: SearchDeps,
  tenantId: string,
  query: SearchMemoriesQuery,
  plan: Plan,
  signal: AbortSignal | undefined,
): KeptSearch {
  const { weights, filter, pool, limit, queryVector, warning } = plan;
  const vector = queryVector ? vectorSignal(deps, tenantId, queryVector, filter, pool) : [];
  const keyword =
    weights.keyword > 0
      ? keywordSignal(deps, tenantId, query.query, filter, pool, weights.vector > 0 ? vector : undefined)
      : [];
  const graph = weights.graph > 0 ? graphSignal(deps.store, tenantId, query.query, filter, pool) : [];
  throwIfAborted(signal);

  const fused = new Map<number, number>();
  for (const [hits, weight] of [
    [vector, weights.vector],
    [keyword, weights.keyword],
    [graph, weights.graph],
  ] as const) {
    for (const hit of hits) fused.set(hit.seq, (fused.get(hit.seq) ?? 0) + weight * hit.score);
  }
  const records = deps.store.memories.getBySeqs(tenantId, [...fused.keys()]);
  const ranked = [...fused.entries()]
    .filter(([seq, score]) => score > 0 && records.has(seq))
    .map(([seq, score]) => {
      const record = records.get(seq) as MemoryRecord;
      return { record, score, order: score + record.importance * 1e-3 };
    })
    .sort((a, b) => b.order - a.order);
  const withEmbedding = query.include_fields?.includes('embedding') ?? false;
  const top = ranked.slice(0, limit);
  const seqs = top.map((r) => r.record.seq);
  const links = deps.store.memories.linksOfMany(tenantId, seqs);
  const embeddings = withEmbedding ? deps.store.memories.vectorsOf(seqs) : new Map<number, Float32Array>();
  const memories = top.map((r) =>
    toMemory(r.record, r.score, links.get(r.record.seq) ?? [], embeddings.get(r.record.seq)),
  );
  return {
    memories,
    total_count: ranked.length,
    metadata: {
      vector_matches: vector.length,
      keyword_matches: keyword.length,
      graph_matches: graph.length,
      vector_weight: weights.vector,
      keyword_weight: weights.keyword,
      graph_weight: weights.graph,
      mode: query.mode,
      strategy: query.weights ? 'custom' : (query.strategy ?? 'balanced'),
      ...(warning ? { warning } : {}),
    },
  };
}
