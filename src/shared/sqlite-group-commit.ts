import type Database from 'better-sqlite3';

interface Queued<Request, Result> {
  request: Request;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/** What one queued write came to inside its group's transaction. */
type Outcome<Result> = { written: true; result: Result } | { written: false; error: unknown };

/**
 * Bookkeeping a store keeps in step with what is committed (a cache of the rows it wrote): run
 * synchronously once the group's transaction ended, per call in the order the calls were queued, before
 * any caller resumes — so no other code sees the rows committed and the bookkeeping not yet done.
 */
export interface GroupCommitHooks<Request, Result> {
  /** The call's write is committed. A throw rejects that call alone (its write stays committed). */
  committed?(request: Request, result: Result): void;
  /** The call's write failed (its savepoint rolled back) or the whole group's did (BEGIN or COMMIT). */
  failed?(request: Request, error: unknown): void;
}

/**
 * Group commit for SQLite writes: calls made in one turn of the event loop are written in one
 * transaction (one WAL commit) at the end of the turn, each in its own savepoint. The bridge's runs
 * finish together — a burst's answers land a few dozen at a time — and a commit (the WAL write, its
 * locks) was most of what a write cost. Each caller still resolves only once its write is committed,
 * gets its own result, and a failing write rejects only its own call (its savepoint is rolled back); a
 * failed BEGIN/COMMIT rejects every call of the group, which then retries as it would have alone.
 * A group of one call is written without a savepoint (its failure rolls back the transaction: the same).
 *
 * Reads on the connection between a call and its group's commit do not see its write: callers await
 * the call (as they would a write over the network); a store flushes before a write that must come
 * after the queued ones (a delete).
 */
export class GroupCommit<Request, Result> {
  private queue: Queued<Request, Result>[] = [];
  private readonly writeAlone: (request: Request) => Result;
  private readonly writeGroup: (queue: readonly Queued<Request, Result>[], outcomes: Outcome<Result>[]) => void;
  private readonly hooks: GroupCommitHooks<Request, Result>;

  /** `write` runs inside the group's transaction, in its own savepoint; synchronous (better-sqlite3). */
  constructor(
    db: Database.Database,
    write: (request: Request) => Result,
    hooks: GroupCommitHooks<Request, Result> = {},
  ) {
    this.hooks = hooks;
    this.writeAlone = db.transaction(write).immediate;
    const writeOne = db.transaction(write);
    this.writeGroup = db.transaction((queue: readonly Queued<Request, Result>[], outcomes: Outcome<Result>[]) => {
      for (const entry of queue) {
        try {
          outcomes.push({ written: true, result: writeOne(entry.request) });
        } catch (error) {
          // An error that ended the transaction itself (not just the savepoint) fails the whole group.
          if (!db.inTransaction) throw error;
          outcomes.push({ written: false, error });
        }
      }
    }).immediate;
  }

  /** Queues a write; resolves with its result once the group holding it is committed. */
  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ request, resolve, reject });
    });
  }

  /** Writes what is queued now (also called before the database closes, and before a write that must follow). */
  flush(): void {
    const queue = this.queue;
    if (queue.length === 0) return;
    this.queue = [];
    const outcomes: Outcome<Result>[] = [];
    try {
      if (queue.length === 1) {
        const only = queue[0] as Queued<Request, Result>;
        outcomes.push({ written: true, result: this.writeAlone(only.request) });
      } else {
        this.writeGroup(queue, outcomes);
      }
    } catch (error) {
      // BEGIN or COMMIT failed (or the one write of the group): nothing of the group was written. A call
      // whose own write had failed keeps its own error.
      queue.forEach((entry, i) => {
        const outcome = outcomes[i];
        this.settle(entry, outcome !== undefined && !outcome.written ? outcome : { written: false, error });
      });
      return;
    }
    for (let i = 0; i < queue.length; i++) {
      this.settle(queue[i] as Queued<Request, Result>, outcomes[i] as Outcome<Result>);
    }
  }

  private settle(entry: Queued<Request, Result>, outcome: Outcome<Result>): void {
    try {
      if (outcome.written) {
        this.hooks.committed?.(entry.request, outcome.result);
        entry.resolve(outcome.result);
      } else {
        this.hooks.failed?.(entry.request, outcome.error);
        entry.reject(outcome.error);
      }
    } catch (error) {
      entry.reject(error);
    }
  }
}
