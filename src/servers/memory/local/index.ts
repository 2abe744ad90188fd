export { churnRisk, mentionsCancellation } from './churn-risk.js';
export { toFtsQuery, toFtsTerms } from './fts-query.js';
export { HYBRID_KEYWORD_WINDOW } from './hybrid-search.js';
export { LocalMemoryBackend, type LocalMemoryBackendOptions } from './local-memory-backend.js';
export { effectiveWeights } from './search-weights.js';
