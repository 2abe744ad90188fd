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
  // The busy timeout first: switching a fresh file to WAL needs a lock another process may hold.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  if (schemaVersion(db) < migrations.length) {
    // IMMEDIATE takes the write lock before reading the version again: a second process opening the
    // same fresh file waits, then finds the steps applied instead of running them twice.
    db.transaction(() => {
      for (let i = schemaVersion(db); i < migrations.length; i++) db.exec(migrations[i] as string);
      db.pragma(`user_version = ${migrations.length}`);
    }).immediate();
  }
  return db;
}

function schemaVersion(db: Database.Database): number {
  const version = db.pragma('user_version', { simple: true });
  return typeof version === 'number' ? version : 0;
}
