import type { DLogger } from '@dbos-inc/dbos-sdk';
import { errorMessage, type Logger } from '../../../shared/index.js';

/**
 * DBOS's log lines into our logger. Its `info` lines (launch banner, recovery counts) go to debug:
 * they describe the engine, not the application.
 */
export function dbosLogger(logger: Logger): DLogger {
  const text = (entry: unknown) => (typeof entry === 'string' ? entry : errorMessage(entry));
  return {
    info: (entry) => logger.debug({ component: 'dbos' }, text(entry)),
    debug: (entry) => logger.trace({ component: 'dbos' }, text(entry)),
    warn: (entry) => logger.warn({ component: 'dbos' }, text(entry)),
    error: (entry) => logger.error({ component: 'dbos', err: entry }, text(entry)),
  };
}
