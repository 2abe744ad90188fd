export * from './abort.js';
export * from './config.js';
export * from './embedder/index.js';
export {
  type AmqpOutcome,
  ERROR_CODES,
  type ErrorCode,
  GrpcStatus,
  type GrpcStatusCode,
  isKnownErrorCode,
  type WireOutcome,
  wireOutcomeOf,
} from './error-codes.js';
export * from './errors.js';
export { type Logger, logger } from './logger.js';
export { openSqliteStore } from './sqlite.js';
export * from './trusted-meta.js';
