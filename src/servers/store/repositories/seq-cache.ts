import type { Database } from 'better-sqlite3';
import { mayKeepReads } from '../data-version.js';
import { deepFreeze } from '../deep-freeze.js';

/**
 * Values of memories by seq (their rows, links or vectors) for one tenant at a time, kept while
 * `stamp()` is unchanged: a change (a write to the tables they come from) or reaching `maxEntries`
 * drops them all at once. A search reads the same few memories of a contact again and again; this
 * answers them without a statement. Nothing is kept inside a transaction (it may roll back); kept
 * values are frozen (every caller shares them).
 */
export class SeqCache<V> {
  private at: string | undefined;
  private readonly tenants = new Map<string, Map<number, V>>();
  private size = 0;

  constructor(
    private readonly db: Database,
    private readonly stamp: () => string,
    private readonly maxEntries: number,
  ) {}

  /**
   * The values of `seqs` in the tenant, in the order asked: the kept ones, and the rest from `load`
   * (which answers the seqs that exist in the tenant and leaves the others out).
   */
  read(tenantId: string, seqs: readonly number[], load: (missing: number[]) => Map<number, V>): Map<number, V> {
    const now = this.stamp();
    if (now !== this.at) this.clear(now);
    let kept = this.tenants.get(tenantId);
    const missing = kept ? seqs.filter((seq) => !kept?.has(seq)) : [...seqs];
    const loaded = missing.length > 0 ? load(missing) : undefined;
    if (loaded && loaded.size > 0 && mayKeepReads(this.db)) {
      if (this.size + loaded.size > this.maxEntries) this.clear(now);
      kept = this.tenants.get(tenantId);
      if (!kept) {
        kept = new Map();
        this.tenants.set(tenantId, kept);
      }
      for (const [seq, value] of loaded) kept.set(seq, deepFreeze(value));
      this.size += loaded.size;
    }
    const out = new Map<number, V>();
    for (const seq of seqs) {
      const value = kept?.get(seq) ?? loaded?.get(seq);
      if (value !== undefined) out.set(seq, value);
    }
    return out;
  }

  private clear(stamp: string): void {
    this.at = stamp;
    this.tenants.clear();
    this.size = 0;
  }
}
