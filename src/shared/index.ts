export { abortReason, deadlineSignal, sleep, throwIfAborted } from './abort.js';
export { DEFAULT_TENANT_ID, type Env, loadEnv } from './config.js';
export {
  contentWords,
  cosine,
  createEmbedder,
  type Embedder,
  expandedWords,
  LocalEmbedder,
  normalizeText,
} from './embedder/index.js';
export { GrpcStatus, isKnownErrorCode, wireOutcomeOf } from './error-codes.js';
export {
  CancelledError,
  DeadlineExceededError,
  errorMessage,
  InvalidInputError,
  NotFoundError,
  VentrosError,
} from './errors.js';
export { type Logger, logger } from './logger.js';
export * from './postgres/index.js';
export { openSqliteStore } from './sqlite.js';
export { fromMeta, toMeta } from './trusted-meta.js';
