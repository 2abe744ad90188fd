import type { Database } from 'better-sqlite3';
import { mayKeepReads } from './data-version.js';
import { deepFreeze } from './deep-freeze.js';
import { StampedCache } from './repositories/stamped-cache.js';
import { type ContactTable, contactStamp, type TrackedTable, tableStamp } from './table-changes.js';

/** Values kept under the stamp they were read at; nothing kept inside a transaction; kept values frozen. */
class KeptReads<V> {
  private readonly entries: StampedCache<V>;

  constructor(
    private readonly db: Database,
    maxEntries: number,
  ) {
    this.entries = new StampedCache<V>(maxEntries);
  }

  read(key: string, stamp: string, load: () => V): V {
    const kept = this.entries.get(key, stamp);
    if (kept !== undefined) return kept;
    const value = load();
    // Inside a transaction of this connection the read may see writes that roll back (see mayKeepReads).
    if (value !== undefined && mayKeepReads(this.db)) this.entries.set(key, stamp, deepFreeze(value));
    return value;
  }
}

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
  private readonly kept: KeptReads<V>;
  private readonly stamp: () => string;

  constructor(db: Database, tables: readonly TrackedTable[], maxEntries: number) {
    this.kept = new KeptReads<V>(db, maxEntries);
    this.stamp = tableStamp(db, tables);
  }

  /** The value kept under `key` while the tables are unchanged, else `load()` (kept when outside a transaction). */
  read(key: string, load: () => V): V {
    return this.kept.read(key, this.stamp(), load);
  }
}

/**
 * TableCache for one contact's rows of some tables: a value is kept until a row of THAT contact in
 * one of them is written (see `contactStamp`) — another contact's ticket leaves it.
 */
export class ContactCache<V> {
  private readonly kept: KeptReads<V>;
  private readonly stamp: (tenantId: string, contactId: string) => string;

  constructor(db: Database, tables: readonly ContactTable[], maxEntries: number) {
    this.kept = new KeptReads<V>(db, maxEntries);
    this.stamp = contactStamp(db, tables);
  }

  /** The contact's value while its rows are unchanged, else `load()` (kept when outside a transaction). */
  read(tenantId: string, contactId: string, load: () => V): V {
    return this.kept.read(JSON.stringify([tenantId, contactId]), this.stamp(tenantId, contactId), load);
  }
}
