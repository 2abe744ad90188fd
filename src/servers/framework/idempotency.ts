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
}

/** A key is unique per tenant and tool: the same key on another tool is another call. */
export interface IdempotencyScope {
  tenantId: string;
  tool: string;
  key: string;
}

/**
 * Runs writing tools once per key: a recorded result is returned as is; calls with the same key in
 * flight in this process share one run; a failed call records nothing (the next attempt runs again).
 * Only successful results are recorded: a tool error is the model's to read and may not repeat.
 */
export class OnceRunner {
  private readonly inflight = new Map<string, Promise<Record<string, unknown>>>();

  constructor(private readonly store: IdempotencyStore) {}

  run(scope: IdempotencyScope, fn: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const recorded = this.store.find(scope);
    if (recorded) return Promise.resolve(recorded);
    const id = `${scope.tenantId}\u0000${scope.tool}\u0000${scope.key}`;
    const running = this.inflight.get(id);
    if (running) return running;
    const call = fn()
      .then((result) => this.store.save(scope, result))
      .finally(() => this.inflight.delete(id));
    this.inflight.set(id, call);
    return call;
  }
}
