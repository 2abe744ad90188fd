import { createRequire } from 'node:module';
import type pg from 'pg';
import { type Logger, logger } from '../logger.js';
import { PostgresError } from './postgres-error.js';

const require = createRequire(import.meta.url);

/** `pg` loads on first use (~80 ms): processes that stay on SQLite never pay for it. */
function loadPg(): typeof pg {
  return require('pg') as typeof pg;
}

/** Bounds of a pool: every connection, wait and statement has a limit. */
export interface PgPoolOptions {
  /** Connections at most (default 10). Requests beyond it queue for a free connection. */
  max?: number;
  /** Server-side limit of one statement (default 5 000 ms); the client gives up a second later. */
  statementTimeoutMs?: number;
  /** Wait at most this long to connect, or for a free connection when all are busy (default 5 000 ms). */
  connectTimeoutMs?: number;
  /** Idle connections close after this long (default 30 000 ms). */
  idleTimeoutMs?: number;
  /** Shown in `pg_stat_activity` (default `ventros`). */
  applicationName?: string;
  log?: Logger;
}

/** True for a `postgres://` or `postgresql://` URL: what selects the PostgreSQL stores. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url.trim());
}

/**
 * A bounded `pg.Pool` for one of our stores. The server kills a statement past `statementTimeoutMs` and
 * a session idle inside a transaction for 30 s (a hung instance must not hold row locks forever).
 * Errors of idle connections (a restarted server) are logged, not thrown: the pool replaces them.
 *
 * @example
 * const pool = createPgPool(env.DATABASE_URL, { max: 10 });
 * await pool.query('SELECT 1');
 * await pool.end();
 */
export function createPgPool(url: string, options: PgPoolOptions = {}): pg.Pool {
  if (!isPostgresUrl(url)) {
    throw new PostgresError('DATABASE_URL must be a postgres:// or postgresql:// URL', { code: 'invalid_argument' });
  }
  const statementTimeoutMs = options.statementTimeoutMs ?? 5_000;
  const { Pool } = loadPg();
  const pool = new Pool({
    connectionString: url.trim(),
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 1_000,
    idle_in_transaction_session_timeout: 30_000,
    application_name: options.applicationName ?? 'ventros',
    // Idle connections do not keep a CLI command's process alive.
    allowExitOnIdle: true,
  });
  const log = options.log ?? logger;
  pool.on('error', (error) => log.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool replaces it'));
  return pool;
}
