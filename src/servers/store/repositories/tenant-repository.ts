import type { Database } from 'better-sqlite3';

export interface TenantRow {
  id: string;
  name: string;
  locale: string;
  currency: string;
  created_at: string;
}

/** Tenants. `list` is the only cross-tenant read in the store: it returns tenant ids, no tenant data. */
export function createTenantRepository(db: Database) {
  const upsertStmt = db.prepare(`INSERT INTO tenants (id, name, locale, currency, created_at)
    VALUES (@id, @name, @locale, @currency, @created_at)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, locale = excluded.locale, currency = excluded.currency`);
  const getStmt = db.prepare('SELECT * FROM tenants WHERE id = ?');
  const listStmt = db.prepare('SELECT * FROM tenants ORDER BY id');
  return {
    upsert(tenantId: string, tenant: Omit<TenantRow, 'id' | 'created_at'> & { created_at?: string }): void {
      upsertStmt.run({ ...tenant, id: tenantId, created_at: tenant.created_at ?? new Date().toISOString() });
    },
    get(tenantId: string): TenantRow | undefined {
      return getStmt.get(tenantId) as TenantRow | undefined;
    },
    list(): TenantRow[] {
      return listStmt.all() as TenantRow[];
    },
  };
}
export type TenantRepository = ReturnType<typeof createTenantRepository>;
