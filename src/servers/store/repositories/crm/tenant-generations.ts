import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { dataVersionOf } from '../../data-version.js';

/**
 * A per-tenant write counter: every write through the CRM repositories bumps its tenant's number, so a
 * cache key that includes `stamp(tenantId)` goes stale on the next write. The stamp also includes
 * SQLite's `data_version` (changes when ANOTHER connection — e.g. the sales server process — commits)
 * and `total_changes()` (writes on this connection through any repository, e.g. C1's messages), so
 * no write anywhere is missed; extra misses are the price of being conservative.
 */
export function createTenantGenerations(db: Database) {
  const counters = new Map<string, number>();
  const dbStamp = db.prepare('SELECT total_changes() AS changes');
  const dataVersion = dataVersionOf(db);
  return {
    /** Marks the tenant's data as changed. */
    bump(tenantId: string): void {
      counters.set(tenantId, (counters.get(tenantId) ?? 0) + 1);
    },
    /** The tenant's current generation number (this process's writes only). */
    current(tenantId: string): number {
      return counters.get(tenantId) ?? 0;
    },
    /** A string that changes whenever data a cached query of this tenant may read has changed. */
    stamp(tenantId: string): string {
      const version = dataVersion();
      const { changes } = dbStamp.get() as { changes: number };
      return `${counters.get(tenantId) ?? 0}:${version}:${changes}`;
    },
  };
}
export type TenantGenerations = ReturnType<typeof createTenantGenerations>;

/** A new row id: a readable prefix plus 12 random hex digits (`offer-1a2b3c4d5e6f`). */
export function newId(prefix: string): string {
  return `${prefix}-${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}
