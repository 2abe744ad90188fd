import type { Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order, each in its own
 * transaction (a failing one leaves the schema as it was before it). Returns the ids applied now.
 * Running it again is a no-op. Safe when two processes open a fresh file at once (a host and its
 * stdio servers share one data dir): each step takes the write lock first (IMMEDIATE, waiting on the
 * busy timeout) and checks again whether the other process applied it meanwhile.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id          TEXT PRIMARY KEY,
    applied_at  TEXT NOT NULL
  )`);
  const appliedIds = db.prepare('SELECT id FROM schema_migrations');
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?');
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const applied = new Set((appliedIds.all() as { id: string }[]).map((row) => row.id));
  const done: string[] = [];
  const applyOne = db.transaction((migration: Migration): boolean => {
    if (isApplied.get(migration.id)) return false;
    db.exec(migration.sql);
    record.run(migration.id, new Date().toISOString());
    return true;
  });
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    if (applyOne.immediate(migration)) done.push(migration.id);
  }
  return done;
}
