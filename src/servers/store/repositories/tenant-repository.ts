import type { Database } from 'better-sqlite3';
import { TableCache } from '../table-cache.js';

export interface TenantRow {
  id: string;
  name: string;
  locale: string;
  currency: string;
  /** IANA time zone of the tenant's calendar; null → the process default (`VENTROS_TIME_ZONE`). */
  time_zone: string | null;
  created_at: string;
}

/** Tenants. `list` is the only cross-tenant read in the store: it returns tenant ids, no tenant data. */
export function createTenantRepository(db: Database) {
  const upsertStmt = db.prepare(`INSERT INTO tenants (id, name, locale, currency, time_zone, created_at)
    VALUES (@id, @name, @locale, @currency, @time_zone, @created_at)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, locale = excluded.locale, currency = excluded.currency,
      time_zone = excluded.time_zone`);
  const getStmt = db.prepare('SELECT * FROM tenants WHERE id = ?');
  const listStmt = db.prepare('SELECT * FROM tenants ORDER BY id');
  // Every run reads its tenant's settings (some tools again): kept until the tenants table is written
  // by any statement of this connection or another connection commits (see TableCache).
  const kept = new TableCache<TenantRow | null>(db, ['tenants'], 256);
  return {
    upsert(
      tenantId: string,
      tenant: Omit<TenantRow, 'id' | 'created_at' | 'time_zone'> & { time_zone?: string | null; created_at?: string },
    ): void {
      upsertStmt.run({
        ...tenant,
        id: tenantId,
        time_zone: tenant.time_zone ?? null,
        created_at: tenant.created_at ?? new Date().toISOString(),
      });
    },
    /** The tenant's row, frozen and shared. */
    get(tenantId: string): Readonly<TenantRow> | undefined {
      return kept.read(tenantId, () => (getStmt.get(tenantId) as TenantRow | undefined) ?? null) ?? undefined;
    },
    list(): TenantRow[] {
      return listStmt.all() as TenantRow[];
    },
  };
}
export type TenantRepository = ReturnType<typeof createTenantRepository>;
