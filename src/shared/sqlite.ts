import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Opens a SQLite file for one of our stores (sessions, outbox): its folder created, WAL (readers do
 * not block the writer), NORMAL sync (safe with WAL), a busy timeout for a second process, and the
 * store's schema steps applied.
 *
 * @param migrations schema steps in order; `PRAGMA user_version` records how many ran. Append new
 *   steps; never edit a shipped one.
 */
export function openSqliteStore(path: string, migrations: readonly string[]): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true });
  const from = typeof version === 'number' ? version : 0;
  if (from < migrations.length) {
    db.transaction(() => {
      for (let i = from; i < migrations.length; i++) db.exec(migrations[i] as string);
      db.pragma(`user_version = ${migrations.length}`);
    })();
  }
  return db;
}
