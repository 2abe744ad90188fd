export { type CircuitBreakerOptions, withCircuitBreaker } from './circuit-breaker.js';
export { createEmbedder } from './create-embedder.js';
export { cosine, type Embedder } from './embedder.js';
export {
  EmbeddingUnavailableError,
  isEmbeddingOutage,
  reportEmbeddingFallback,
  typedOutages,
} from './embedding-fallback.js';
export { LocalEmbedder } from './local-embedder.js';
export { contentWords, expandedWords, normalizeText } from './text-features.js';
