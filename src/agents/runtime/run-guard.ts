/**
 * Admits or refuses work of a run before it happens (per-tenant limits). Unlike a `RunObserver`, a
 * guard may throw: a typed error (`RateLimitedError`) that ends the run, and that every bridge maps
 * through the error-code table. Given to the `Runner`, it travels in the run context.
 */
export interface RunGuard {
  /** Before a run starts (it counts as one request of the tenant). */
  admitRun?(tenantId: string): void;
  /** Before each model call. */
  admitModelCall?(call: { tenantId: string; agent: string; modelId: string }): void;
}
