import type { Database } from 'better-sqlite3';

/**
 * SQLite's `PRAGMA data_version` of this connection, as a function over one prepared statement
 * (`db.pragma()` prepares a new statement on every call). The value changes whenever ANOTHER
 * connection commits to the database file — what an in-process cache must notice.
 */
export function dataVersionOf(db: Database): () => number {
  const stmt = db.prepare('PRAGMA data_version').pluck();
  return () => stmt.get() as number;
}
