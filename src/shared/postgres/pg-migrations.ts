import type pg from 'pg';
import { errorMessage } from '../errors.js';
import { PostgresError } from './postgres-error.js';

/**
 * Key of the advisory lock that serializes migrations across instances (any constant works; it only has
 * to be the same for every instance and unused by anything else in the database).
 */
const MIGRATION_LOCK_KEY = 7_415_736_016_226_403_443n;

export interface PgMigrationOptions {
  /** Deadline of the whole migration, waiting for another instance's included (default 60 000 ms). */
  timeoutMs?: number;
}

/**
 * Applies a store's schema steps that have not run yet, in one transaction, and records each in
 * `ventros_migrations (component, version, applied_at)`. A transaction-scoped advisory lock makes
 * instances that start together migrate one after the other: the first applies the steps, the others
 * find them recorded. Returns how many steps ran here.
 *
 * @param component the store's name (`sessions`, `outbox`): each store numbers its own steps.
 * @param steps SQL in order; version = position + 1. Append new steps; never edit a shipped one.
 *
 * @example
 * await migratePostgres(pool, 'sessions', ['CREATE TABLE agent_sessions (...)']);
 */
export async function migratePostgres(
  pool: pg.Pool,
  component: string,
  steps: readonly string[],
  options: PgMigrationOptions = {},
): Promise<number> {
  const timeoutMs = Math.max(1, Math.round(options.timeoutMs ?? 60_000));
  let client: pg.PoolClient | undefined;
  let broken: unknown;
  try {
    client = await pool.connect();
    await client.query('BEGIN');
    // SET does not take parameters; timeoutMs is an integer we computed.
    await client.query(`SET LOCAL statement_timeout = ${timeoutMs}`);
    await client.query(`SET LOCAL lock_timeout = ${timeoutMs}`);
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ventros_migrations (
         component  TEXT        NOT NULL,
         version    INTEGER     NOT NULL,
         applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
         PRIMARY KEY (component, version)
       )`,
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT COALESCE(MAX(version), 0)::int AS version FROM ventros_migrations WHERE component = $1',
      [component],
    );
    const from = rows[0]?.version ?? 0;
    for (let i = from; i < steps.length; i++) {
      await client.query(steps[i] as string);
      await client.query('INSERT INTO ventros_migrations (component, version) VALUES ($1, $2)', [component, i + 1]);
    }
    await client.query('COMMIT');
    return Math.max(0, steps.length - from);
  } catch (error) {
    await client?.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError;
    });
    throw new PostgresError(`cannot migrate the PostgreSQL schema of ${component}: ${errorMessage(error)}`, {
      cause: error,
      details: { component },
    });
  } finally {
    // A connection that cannot even roll back is destroyed, not returned to the pool.
    client?.release(broken instanceof Error ? broken : undefined);
  }
}

/**
 * `migratePostgres` on first use, shared by every caller until it succeeds; a failed attempt (the server
 * was down when the instance started) is retried by the next caller instead of failing forever.
 * `onReady` runs once, after the first success.
 *
 * @example
 * const ready = lazyMigration(pool, 'sessions', MIGRATIONS);
 * await ready(); // before each statement
 */
export function lazyMigration(
  pool: pg.Pool,
  component: string,
  steps: readonly string[],
  onReady?: () => void,
): () => Promise<void> {
  let attempt: Promise<void> | undefined;
  return () => {
    attempt ??= migratePostgres(pool, component, steps).then(
      () => onReady?.(),
      (error: unknown) => {
        attempt = undefined;
        throw error;
      },
    );
    return attempt;
  };
}
