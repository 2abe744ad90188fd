import type { Database } from 'better-sqlite3';
import { dataVersionOf, dataVersionUnpinner } from './data-version.js';

/**
 * The tables whose writes are counted (what the contact context, the contact graph and the kept reads
 * of the repositories read). A table named here must exist when the store opens (migrations have run);
 * new ones go at the end (the counters are indexed by position).
 */
export const TRACKED_TABLES = [
  'contacts',
  'memories',
  'memory_entities',
  'messages',
  'conversations',
  'purchases',
  'tickets',
  'offers',
  'leads',
  'graph_nodes',
  'graph_edges',
  'tenants',
  'campaigns',
] as const;
export type TrackedTable = (typeof TRACKED_TABLES)[number];

/**
 * Tracked tables whose writes are also counted per contact: each has a `contact_id` column and the
 * primary key (tenant_id, id) as its only uniqueness constraint (so the row an INSERT OR REPLACE
 * deletes is the one with the new row's key — found by a BEFORE INSERT trigger, since SQLite fires
 * no delete trigger for it).
 */
export const CONTACT_TABLES = ['purchases', 'tickets', 'offers', 'leads'] as const satisfies readonly TrackedTable[];
export type ContactTable = (typeof CONTACT_TABLES)[number];

/** Per-contact counters are kept in this many buckets per table (a collision only costs a re-read). */
const BUCKETS = 4096;
const FUNCTION = 'ventros_table_written';

interface Counters {
  /** Rows written through this connection, per tracked table (rolled-back writes count too). */
  writes: Float64Array;
  /** The same per (contact table, bucket of tenant + contact). */
  contactWrites: Float64Array;
  dataVersion: () => number;
}

const counters = new WeakMap<Database, Counters>();

/** FNV-1a of tenant and contact, to a bucket. */
function bucketOf(tenantId: string, contactId: string): number {
  let hash = 0x811c9dc5;
  const key = `${tenantId}\u0000${contactId}`;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BUCKETS;
}

/**
 * Counts every row this connection inserts, updates or deletes in the tracked tables, whatever
 * statement or repository writes it: a TEMP trigger per table and operation calls a function of
 * this process (temporary triggers live in this connection only and are not stored in the file).
 * Writes of other connections show in `PRAGMA data_version` instead. Idempotent per connection; call
 * it outside a transaction (a rollback would drop the triggers), as the store does when it opens.
 */
export function trackTableWrites(db: Database): void {
  countersOf(db);
}

function countersOf(db: Database): Counters {
  let state = counters.get(db);
  if (state) return state;
  const writes = new Float64Array(TRACKED_TABLES.length);
  const contactWrites = new Float64Array(CONTACT_TABLES.length * BUCKETS);
  const unpin = dataVersionUnpinner(db);
  db.function(FUNCTION, { deterministic: false, varargs: true }, (...args: unknown[]) => {
    const [table, contactTable, tenantId, contactId] = args as [number, number?, string?, string?];
    writes[table] = (writes[table] as number) + 1;
    unpin();
    if (contactTable !== undefined && typeof tenantId === 'string' && typeof contactId === 'string') {
      const at = contactTable * BUCKETS + bucketOf(tenantId, contactId);
      contactWrites[at] = (contactWrites[at] as number) + 1;
    }
    return null;
  });
  TRACKED_TABLES.forEach((table, index) => {
    const perContact = (CONTACT_TABLES as readonly string[]).indexOf(table);
    const written = (row: 'NEW' | 'OLD') =>
      perContact < 0
        ? `SELECT ${FUNCTION}(${index});`
        : `SELECT ${FUNCTION}(${index}, ${perContact}, ${row}.tenant_id, ${row}.contact_id);`;
    const trigger = (name: string, when: string, body: string) =>
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${FUNCTION}_${table}_${name} ${when} ON main.${table}
        BEGIN ${body} END`);
    trigger('insert', 'AFTER INSERT', written('NEW'));
    trigger('update', 'AFTER UPDATE', perContact < 0 ? written('NEW') : `${written('OLD')} ${written('NEW')}`);
    trigger('delete', 'AFTER DELETE', written('OLD'));
    if (perContact >= 0) {
      // The row an INSERT OR REPLACE (or an upsert) is about to replace: its contact changes too.
      trigger(
        'replace',
        'BEFORE INSERT',
        `SELECT ${FUNCTION}(${index}, ${perContact}, tenant_id, contact_id) FROM main.${table}
          WHERE tenant_id = NEW.tenant_id AND id = NEW.id;`,
      );
    }
  });
  state = { writes, contactWrites, dataVersion: dataVersionOf(db) };
  counters.set(db, state);
  return state;
}

/**
 * A stamp of what `tables` hold as this connection sees them: it changes with every write to one of
 * them by this connection (any statement, committed or not) and every commit of another connection
 * (to any table). Equal stamps → the tables read the same, outside a transaction of this connection
 * that is later rolled back (see `TableCache`, which fills nothing inside a transaction).
 */
export function tableStamp(db: Database, tables: readonly TrackedTable[]): () => string {
  const { writes, dataVersion } = countersOf(db);
  const indexes = tables.map((table) => TRACKED_TABLES.indexOf(table));
  return () => {
    let stamp = String(dataVersion());
    for (const index of indexes) stamp += `:${writes[index]}`;
    return stamp;
  };
}

/**
 * `tableStamp` for one contact's rows of `tables`: it changes with every write of a row of that
 * contact (before or after the write) by this connection, and every commit of another connection.
 * Writes of other contacts leave it (but for the rare contact sharing its bucket).
 */
export function contactStamp(
  db: Database,
  tables: readonly ContactTable[],
): (tenantId: string, contactId: string) => string {
  const { contactWrites, dataVersion } = countersOf(db);
  const offsets = tables.map((table) => CONTACT_TABLES.indexOf(table) * BUCKETS);
  return (tenantId, contactId) => {
    const bucket = bucketOf(tenantId, contactId);
    let stamp = String(dataVersion());
    for (const offset of offsets) stamp += `:${contactWrites[offset + bucket]}`;
    return stamp;
  };
}
