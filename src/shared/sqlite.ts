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
  useWal(db);
  useWritePragmas(db);
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

/**
 * How every SQLite file of ours is written, once in WAL: NORMAL sync (safe with WAL: a commit is in the
 * log when it returns; only a power cut can lose the last ones); savepoint and statement journals in
 * memory (the bridge's group commits give every write a savepoint, and its journal spilled to a temp
 * file: ~14 write syscalls a message); a checkpoint every 10,000 WAL pages rather than 1,000 (a hot page
 * — a table's tail, an index's — is copied into the database once a checkpoint: ~4 writes a message
 * fewer; the WAL file grows to ~40 MB between checkpoints).
 */
export function useWritePragmas(db: Database.Database): void {
  db.pragma('synchronous = NORMAL');
  db.pragma('temp_store = MEMORY');
  db.pragma('wal_autocheckpoint = 10000');
}

const WAL_ATTEMPTS = 100;
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * A busy timeout, then WAL. Switching a fresh file to WAL needs its exclusive lock; when two processes
 * open the same fresh file at once, SQLite answers one of them SQLITE_BUSY at once instead of waiting
 * (waiting could deadlock two readers that both want to write), so the switch is tried again after a
 * short random pause — by then the other process has switched the file, and WAL stays switched.
 * Opening is synchronous, and so is the pause. Bounded: ~100 tries, 2–5 s in all.
 */
export function useWal(db: Database.Database): void {
  db.pragma('busy_timeout = 5000');
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= WAL_ATTEMPTS) throw error;
      Atomics.wait(PAUSE, 0, 0, 20 + Math.random() * 30);
    }
  }
}
