import { VentrosError } from '../errors.js';

/**
 * PostgreSQL could not be used: a bad `DATABASE_URL`, a failed migration, an unreachable server. Code
 * `unavailable` (HTTP 503 / UNAVAILABLE) unless a more precise one is given.
 */
export class PostgresError extends VentrosError {
  constructor(message: string, options?: { code?: string; cause?: unknown; details?: Record<string, unknown> }) {
    super(options?.code ?? 'unavailable', message, options);
  }
}
