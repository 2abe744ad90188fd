import type pg from 'pg';
import { errorMessage } from '../errors.js';
import { PostgresError } from './postgres-error.js';

/**
 * Runs one statement on a pool (or a checked-out client), turning a driver failure into a typed
 * `PostgresError`: `deadline_exceeded` for a statement or lock timeout, `unavailable` for a lost or
 * refused connection (or a full pool), `internal` for anything else (a bug in our SQL, a constraint).
 */
export async function pgQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(
  db: pg.Pool | pg.PoolClient,
  query: pg.QueryConfig,
): Promise<pg.QueryResult<R>> {
  try {
    return await db.query<R>(query);
  } catch (error) {
    throw toPostgresError(error);
  }
}

/** The typed error for what `pg` threw (see `pgQuery`). */
export function toPostgresError(error: unknown): PostgresError {
  if (error instanceof PostgresError) return error;
  const sqlState = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const message = errorMessage(error);
  let code = 'internal';
  const connection =
    sqlState.startsWith('08') ||
    sqlState.startsWith('57P') ||
    /^E[A-Z]/.test(sqlState) ||
    /connect|terminat/i.test(message);
  if (connection) code = 'unavailable';
  else if (sqlState === '57014' || sqlState === '55P03' || /timeout/i.test(message)) code = 'deadline_exceeded';
  return new PostgresError(`PostgreSQL: ${message}`, { code, cause: error, details: sqlState ? { sqlState } : {} });
}
