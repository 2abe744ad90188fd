/**
 * Where a tool server keeps the results of writing tools by idempotency key, so a call repeated with
 * the same key (a redelivered message run again after a crash, a retried workflow step) returns the
 * first result instead of writing again. The CRM store implements it (SQLite table `tool_idempotency`).
 */
export interface IdempotencyStore {
  /** The result recorded for this key, if any. */
  find(scope: IdempotencyScope): Record<string, unknown> | undefined;
  /**
   * Records the result of a first call. When another call recorded one meanwhile (two processes raced),
   * keeps that one and returns it; else returns `result`.
   */
  save(scope: IdempotencyScope, result: Record<string, unknown>): Record<string, unknown>;
  /**
   * Optional: runs `write` (synchronous: a tool's last write and the building of its result) and records
   * its result in the SAME transaction, so the write and its record are kept or lost together (a crash
   * between two commits could keep the write and lose the record: the retry would write again), and one
   * commit instead of two. When another call recorded one meanwhile, the write is rolled back and that
   * result returned, as `save` does.
   */
  saveWith?(scope: IdempotencyScope, write: () => Record<string, unknown>): Record<string, unknown>;
  /**
   * Optional: runs `fn` (synchronous) as one write transaction, committed when it returns or throws (as
   * its statements' own commits would have been). The runner puts a call's lookup of its key and the
   * synchronous part of its handler in it: one commit and one lock for what were several, and no other
   * writer between the lookup and the record.
   */
  inOneTransaction?<T>(fn: () => T): T;
}

/** A key is unique per tenant and tool: the same key on another tool is another call. */
export interface IdempotencyScope {
  tenantId: string;
  tool: string;
  key: string;
}

/**
 * What a handler gets to run its last write with (`CallContext.recordWith`): the write, and the building
 * of the result from it, run synchronously and are recorded as one transaction with the call's key.
 */
export type RecordWith = <T extends Record<string, unknown>>(write: () => T) => T;

/**
 * Runs writing tools once per key: a recorded result is returned as is; calls with the same key in
 * flight in this process share one run; a failed call records nothing (the next attempt runs again).
 * Only successful results are recorded: a tool error is the model's to read and may not repeat.
 * A handler that ran its last write through the given `RecordWith` had its result recorded with that
 * write (one transaction); else the result is recorded when the handler returns.
 */
export class OnceRunner {
  private readonly inflight = new Map<string, Promise<Record<string, unknown>>>();

  constructor(private readonly store: IdempotencyStore) {}

  run(
    scope: IdempotencyScope,
    fn: (recordWith: RecordWith | undefined) => Promise<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    // The handler's synchronous part (for the CRM tools, all of it) runs inside: its reads, its write and
    // the record share one transaction; what runs after an await commits on its own, as before.
    return this.store.inOneTransaction
      ? this.store.inOneTransaction(() => this.start(scope, fn))
      : this.start(scope, fn);
  }

  private start(
    scope: IdempotencyScope,
    fn: (recordWith: RecordWith | undefined) => Promise<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    const recorded = this.store.find(scope);
    if (recorded) return Promise.resolve(recorded);
    const id = `${scope.tenantId}\u0000${scope.tool}\u0000${scope.key}`;
    const running = this.inflight.get(id);
    if (running) return running;
    const call = this.runFirst(scope, fn).finally(() => this.inflight.delete(id));
    this.inflight.set(id, call);
    return call;
  }

  private async runFirst(
    scope: IdempotencyScope,
    fn: (recordWith: RecordWith | undefined) => Promise<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    const saveWith = this.store.saveWith?.bind(this.store);
    let kept: Record<string, unknown> | undefined;
    const recordWith: RecordWith | undefined = saveWith
      ? <T extends Record<string, unknown>>(write: () => T): T => {
          if (kept) throw new Error(`tool ${scope.tool} ran two writes through recordWith in one call`);
          kept = saveWith(scope, write);
          return kept as T;
        }
      : undefined;
    const result = await fn(recordWith);
    // Recorded with the write: the first call answers what a repeat will (the recorded result).
    return kept ?? this.store.save(scope, result);
  }
}

/**
 * Runs a writing tool's last write and the building of its result (`write`, synchronous): recorded with
 * the call's idempotency key in the same transaction when the call has one (see `CallContext.recordWith`),
 * else simply run. The handler returns what this returns.
 *
 * @example
 * return lastWrite(ctx, () => {
 *   const task = deps.store.crm.tasks.create(ctx.tenantId, input);
 *   return { task_id: task.id, status: task.status };
 * });
 */
export function lastWrite<T extends Record<string, unknown>>(
  ctx: { recordWith?: RecordWith | undefined },
  write: () => T,
): T {
  return ctx.recordWith ? ctx.recordWith(write) : write();
}
