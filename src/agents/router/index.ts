export { type ClassifierCache, defaultClassifierCacheDir, fileClassifierCache } from './classifier-cache.js';
export { DEFAULT_TIE_MARGIN, type TieBreakerOptions, withLlmTieBreaker } from './llm-tie-breaker.js';
export { isOptOut } from './opt-out.js';
export { type RouteDecision, type RouteRequestOptions, SemanticRouter } from './semantic-router.js';
