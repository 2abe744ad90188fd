import type { Database } from 'better-sqlite3';

const readers = new WeakMap<Database, () => number>();

/**
 * SQLite's `PRAGMA data_version` of this connection, through one prepared statement per connection
 * (`db.pragma()` prepares a new one on every call). The value changes whenever ANOTHER connection
 * commits to the database file — what an in-process cache must notice.
 */
export function dataVersionOf(db: Database): () => number {
  let reader = readers.get(db);
  if (!reader) {
    const stmt = db.prepare('PRAGMA data_version').pluck();
    reader = () => stmt.get() as number;
    readers.set(db, reader);
  }
  return reader;
}
