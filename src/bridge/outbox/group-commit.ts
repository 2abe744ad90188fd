import type Database from 'better-sqlite3';

interface Queued<Request, Result> {
  request: Request;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite writes: calls made in one turn of the event loop are written in one
 * transaction (one WAL commit) at the end of the turn, each in its own savepoint. The bridge's runs
 * finish together — a burst's answers land a few dozen at a time — and a commit (the WAL write) was
 * most of what `commitHandled` cost. Each caller still resolves only once its write is committed,
 * gets its own result, and a failing write rejects only its own call (its savepoint is rolled back);
 * a failed commit rejects every call of the group, which then retries as it would have alone.
 */
export class GroupCommit<Request, Result> {
  private queue: Queued<Request, Result>[] = [];
  /** Writes a group in one IMMEDIATE transaction; returns the resolutions to run once it committed. */
  private readonly writeGroup: (queue: readonly Queued<Request, Result>[]) => Array<() => void>;

  /** `write` runs inside the group's transaction, in its own savepoint; synchronous (better-sqlite3). */
  constructor(db: Database.Database, write: (request: Request) => Result) {
    const writeOne = db.transaction(write);
    this.writeGroup = db.transaction((queue: readonly Queued<Request, Result>[]) => {
      const resolutions: Array<() => void> = [];
      for (const entry of queue) {
        try {
          const result = writeOne(entry.request);
          resolutions.push(() => entry.resolve(result));
        } catch (error) {
          // An error that ended the transaction itself (not just the savepoint) fails the whole group.
          if (!db.inTransaction) throw error;
          entry.reject(error);
        }
      }
      return resolutions;
    }).immediate;
  }

  /** Queues a write; resolves with its result once the group holding it is committed. */
  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ request, resolve, reject });
    });
  }

  /** Writes what is queued now (also called before the database closes). */
  flush(): void {
    const queue = this.queue;
    if (queue.length === 0) return;
    this.queue = [];
    let resolutions: Array<() => void>;
    try {
      resolutions = this.writeGroup(queue);
    } catch (error) {
      // BEGIN or COMMIT failed: nothing of the group was written.
      for (const entry of queue) entry.reject(error);
      return;
    }
    for (const resolve of resolutions) resolve();
  }
}
