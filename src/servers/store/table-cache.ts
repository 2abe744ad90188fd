import type { Database } from 'better-sqlite3';
import { deepFreeze } from './deep-freeze.js';
import { StampedCache } from './repositories/stamped-cache.js';
import { type TrackedTable, tableStamp } from './table-changes.js';

/**
 * Values read from some tables, each kept until one of those tables is written (by this connection,
 * whatever the statement, or by another: see `tableStamp`). Kept values are frozen — every caller
 * shares them — and nothing is kept when read inside a transaction of this connection (its writes
 * may still roll back). At most `maxEntries` values; the oldest goes first.
 *
 * @example
 * const profiles = store.tableCache<ContactRow | null>(['contacts'], 256);
 * profiles.read(JSON.stringify([tenantId, contactId]), () => store.contacts.get(tenantId, contactId) ?? null);
 */
export class TableCache<V> {
  private readonly entries: StampedCache<V>;
  private readonly stamp: () => string;

  constructor(
    private readonly db: Database,
    tables: readonly TrackedTable[],
    maxEntries: number,
  ) {
    this.entries = new StampedCache<V>(maxEntries);
    this.stamp = tableStamp(db, tables);
  }

  /** The value kept under `key` while the tables are unchanged, else `load()` (kept when outside a transaction). */
  read(key: string, load: () => V): V {
    const stamp = this.stamp();
    const kept = this.entries.get(key, stamp);
    if (kept !== undefined) return kept;
    const value = load();
    if (!this.db.inTransaction && value !== undefined) this.entries.set(key, stamp, deepFreeze(value));
    return value;
  }
}
