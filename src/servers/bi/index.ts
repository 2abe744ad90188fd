export { type BiDeps, createBiRuntime, resolveAgent } from './bi-context.js';
export { biTools } from './bi-tools.js';
export { convertingWords, messageIndicators } from './message-analysis.js';
export { PERIOD_NAMES, type PeriodName, type ResolvedPeriod, resolvePeriod } from './periods.js';
export { BI_CACHE_TTL_MS, QueryCache } from './query-cache.js';
