export { abortReason, deadlineSignal, sleep, throwIfAborted } from './abort.js';
export { DEFAULT_TENANT_ID, type Env, loadEnv } from './config.js';
export {
  contentWords,
  cosine,
  createEmbedder,
  type Embedder,
  EmbeddingUnavailableError,
  expandedWords,
  isEmbeddingOutage,
  LocalEmbedder,
  normalizeText,
  reportEmbeddingFallback,
  typedOutages,
  withCircuitBreaker,
} from './embedder/index.js';
export { GrpcStatus, isKnownErrorCode, wireOutcomeOf } from './error-codes.js';
export {
  CancelledError,
  DeadlineExceededError,
  errorMessage,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitedError,
  VentrosError,
} from './errors.js';
export * from './locale/index.js';
export { type Logger, logger } from './logger.js';
export * from './postgres/index.js';
export { mulberry32 } from './seeded-random.js';
export { openSqliteStore, useWal, useWritePragmas } from './sqlite.js';
export { GroupCommit, type GroupCommitHooks } from './sqlite-group-commit.js';
export { startTogether } from './start-together.js';
export {
  type Audience,
  AudienceSchema,
  CONTACT_ARGUMENT,
  CUSTOMER_HIDDEN_ARGUMENTS,
  fromMeta,
  META_TOOL_ACCESS,
  type ToolAccess,
  toMeta,
  toMetaIfAny,
  toolAccessOf,
} from './trusted-meta.js';
