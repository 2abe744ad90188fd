import { type SearchMemoriesQuery, type SearchMode, type SearchWeights, STRATEGY_WEIGHTS } from '../memory-backend.js';

/**
 * The weights a search actually uses: a single-signal mode wins; otherwise explicit weights, else the
 * strategy's, else equal thirds. Normalised to sum 1 (the seed's retention_churn sums to 0.9).
 */
export function effectiveWeights(query: Pick<SearchMemoriesQuery, 'mode' | 'strategy' | 'weights'>): SearchWeights {
  const single: Partial<Record<SearchMode, SearchWeights>> = {
    VECTOR_ONLY: { vector: 1, keyword: 0, graph: 0 },
    KEYWORD_ONLY: { vector: 0, keyword: 1, graph: 0 },
    GRAPH_ONLY: { vector: 0, keyword: 0, graph: 1 },
  };
  const fixed = single[query.mode];
  if (fixed) return fixed;
  const raw = query.weights ?? STRATEGY_WEIGHTS[query.strategy ?? 'balanced'];
  const sum = raw.vector + raw.keyword + raw.graph;
  if (sum <= 0) return STRATEGY_WEIGHTS.balanced;
  return { vector: raw.vector / sum, keyword: raw.keyword / sum, graph: raw.graph / sum };
}

/**
 * The weights without the vector signal (the embedder is unavailable): keyword and graph keep their
 * proportions, renormalised to sum 1; a vector-only search becomes an even keyword + graph one.
 */
export function withoutVector(weights: SearchWeights): SearchWeights {
  const sum = weights.keyword + weights.graph;
  if (sum <= 0) return { vector: 0, keyword: 0.5, graph: 0.5 };
  return { vector: 0, keyword: weights.keyword / sum, graph: weights.graph / sum };
}
