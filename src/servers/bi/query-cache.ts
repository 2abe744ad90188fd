/** How long a BI query result stays fresh (the seed: "5 min cache on queries"). */
export const BI_CACHE_TTL_MS = 5 * 60_000;

/**
 * A small TTL + LRU cache of query results. Callers put the tenant's data stamp (see
 * TenantGenerations.stamp) in the key, so any write makes older entries unreachable; they then age
 * out or fall off the LRU end.
 */
export class QueryCache {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();

  constructor(
    private readonly ttlMs = BI_CACHE_TTL_MS,
    private readonly maxEntries = 500,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The cached value for `key`, or computes, stores and returns it. `hit` tells which. */
  getOrCompute<T>(key: string, compute: () => T): { value: T; hit: boolean } {
    const now = this.clock();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) {
      // Re-insert to mark as most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return { value: entry.value as T, hit: true };
    }
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return { value, hit: false };
  }

  get size(): number {
    return this.entries.size;
  }
}
