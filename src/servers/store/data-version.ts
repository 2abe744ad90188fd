import type { Database, Statement } from 'better-sqlite3';

interface State {
  db: Database;
  stmt: Statement;
  begin: Statement;
  commit: Statement;
  /** > 0 inside `withDataVersionPinned`. */
  pinned: number;
  value: number | undefined;
  /** Rows this connection wrote in tracked tables (counted by `dataVersionUnpinner`'s callers). */
  writes: number;
  /** `writes` when the read transaction of the outermost `withDataVersionPinned` began; undefined outside one. */
  readTxWrites: number | undefined;
}

const states = new WeakMap<Database, State>();

function stateOf(db: Database): State {
  let state = states.get(db);
  if (!state) {
    state = {
      db,
      stmt: db.prepare('PRAGMA data_version').pluck(),
      begin: db.prepare('BEGIN DEFERRED'),
      commit: db.prepare('COMMIT'),
      pinned: 0,
      value: undefined,
      writes: 0,
      readTxWrites: undefined,
    };
    states.set(db, state);
  }
  return state;
}

/**
 * SQLite's `PRAGMA data_version` of this connection, through one prepared statement per connection
 * (`db.pragma()` prepares a new one on every call). The value changes whenever ANOTHER connection
 * commits to the database file — what an in-process cache must notice. Inside
 * `withDataVersionPinned` it is read once, until this connection writes (see `dataVersionUnpinner`)
 * or while it is inside a transaction (read every time there: the transaction's snapshot may be
 * newer than the pinned value).
 */
export function dataVersionOf(db: Database): () => number {
  const state = stateOf(db);
  return () => {
    // Inside another transaction its snapshot may be newer than the pinned value; inside the read
    // transaction of withDataVersionPinned the snapshot is fixed, and this connection's writes unpin.
    if (state.pinned === 0 || (state.db.inTransaction && state.readTxWrites === undefined)) {
      return state.stmt.get() as number;
    }
    state.value ??= state.stmt.get() as number;
    return state.value;
  };
}

/**
 * Forgets the pinned value, so the next check inside `withDataVersionPinned` reads data_version
 * again. Called on every row this connection writes in a tracked table (table-changes.ts): a write
 * takes the newest snapshot, and reads after it must not trust a check made before it.
 */
export function dataVersionUnpinner(db: Database): () => void {
  const state = stateOf(db);
  return () => {
    state.value = undefined;
    state.writes++;
  };
}

/**
 * Whether values read now may be kept by a cache: outside a transaction, or inside the read transaction
 * of `withDataVersionPinned` while no tracked row has been written in it (what it reads is then
 * committed data, at the snapshot its data_version names — nothing that a rollback could take back).
 */
export function mayKeepReads(db: Database): boolean {
  if (!db.inTransaction) return true;
  const state = states.get(db);
  return state?.readTxWrites !== undefined && state.readTxWrites === state.writes;
}

/**
 * Runs `fn` (synchronous) with the connection's data_version read at most once between writes of
 * this connection: the caches it consults share one freshness check, as the statements of one read
 * would share a snapshot. A commit by another connection during `fn` is seen after this
 * connection's next write, inside a transaction, or by the next call.
 */
export function withDataVersionPinned<T>(db: Database, fn: () => T): T {
  const state = stateOf(db);
  state.pinned++;
  try {
    return fn();
  } finally {
    state.pinned--;
    if (state.pinned === 0) state.value = undefined;
  }
}

/**
 * `withDataVersionPinned` for a `fn` that only reads, in one read transaction (BEGIN DEFERRED … COMMIT)
 * when none is open: its statements share one snapshot and one WAL read lock — each statement outside
 * a transaction takes and drops its own (two fcntl calls, ~5 µs here, against ~0.5 µs for a statement
 * inside one). The caches it consults may keep what they read (`mayKeepReads`). `fn` must not write:
 * the write would have to upgrade the snapshot, which fails (SQLITE_BUSY) when another connection
 * committed since it was taken — `withDataVersionPinned` is for reads that may write.
 */
export function withReadTransaction<T>(db: Database, fn: () => T): T {
  if (db.inTransaction) return withDataVersionPinned(db, fn);
  const state = stateOf(db);
  state.begin.run();
  state.readTxWrites = state.writes;
  try {
    return withDataVersionPinned(db, fn);
  } finally {
    state.readTxWrites = undefined;
    // A read commits nothing; a failed statement may have ended the transaction already.
    if (db.inTransaction) state.commit.run();
  }
}
