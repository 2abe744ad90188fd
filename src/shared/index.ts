export * from './abort.js';
export * from './config.js';
export * from './embedder/index.js';
export * from './errors.js';
export { type Logger, logger } from './logger.js';
export { openSqliteStore } from './sqlite.js';
export * from './trusted-meta.js';
