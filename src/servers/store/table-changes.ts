import type { Database } from 'better-sqlite3';
import { dataVersionOf } from './data-version.js';

/**
 * The tables whose writes are counted (what the contact context and the contact graph read). A
 * table named here must exist when the store opens (migrations have run).
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
] as const;
export type TrackedTable = (typeof TRACKED_TABLES)[number];

const FUNCTION = 'ventros_table_written';

interface Counters {
  /** Rows written through this connection, per tracked table (rolled-back writes count too). */
  writes: Float64Array;
  dataVersion: () => number;
}

const counters = new WeakMap<Database, Counters>();

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
  db.function(FUNCTION, { deterministic: false, varargs: false }, (index: unknown) => {
    writes[index as number] = (writes[index as number] as number) + 1;
    return null;
  });
  TRACKED_TABLES.forEach((table, index) => {
    for (const operation of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${FUNCTION}_${table}_${operation.toLowerCase()}
        AFTER ${operation} ON main.${table} BEGIN SELECT ${FUNCTION}(${index}); END`);
    }
  });
  state = { writes, dataVersion: dataVersionOf(db) };
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
