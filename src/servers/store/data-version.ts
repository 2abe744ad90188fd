import type { Database, Statement } from 'better-sqlite3';

interface State {
  db: Database;
  stmt: Statement;
  /** > 0 inside `withDataVersionPinned`. */
  pinned: number;
  value: number | undefined;
}

const states = new WeakMap<Database, State>();

function stateOf(db: Database): State {
  let state = states.get(db);
  if (!state) {
    state = { db, stmt: db.prepare('PRAGMA data_version').pluck(), pinned: 0, value: undefined };
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
    if (state.pinned === 0 || state.db.inTransaction) return state.stmt.get() as number;
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
  };
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
