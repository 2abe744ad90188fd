import type { Database } from 'better-sqlite3';
import type { TenantGenerations } from './tenant-generations.js';

export type ComponentStatus = 'operational' | 'degraded' | 'outage' | 'maintenance';

export interface SystemComponentRow {
  component: string;
  status: ComponentStatus;
  message: string | null;
  updated_at: string;
}

/** Health of the platform's components as support sees it. */
export function createSystemComponentRepository(db: Database, generations: TenantGenerations) {
  const upsertStmt = db.prepare(`INSERT INTO system_components (tenant_id, component, status, message, updated_at)
    VALUES (@tenant_id, @component, @status, @message, @updated_at)
    ON CONFLICT (tenant_id, component) DO UPDATE SET status = excluded.status, message = excluded.message,
      updated_at = excluded.updated_at`);
  const listStmt = db.prepare(
    'SELECT component, status, message, updated_at FROM system_components WHERE tenant_id = ? ORDER BY component',
  );
  return {
    upsert(
      tenantId: string,
      row: Omit<SystemComponentRow, 'updated_at' | 'message'> & Partial<SystemComponentRow>,
    ): void {
      upsertStmt.run({
        tenant_id: tenantId,
        component: row.component,
        status: row.status,
        message: row.message ?? null,
        updated_at: row.updated_at ?? new Date().toISOString(),
      });
      generations.bump(tenantId);
    },
    list(tenantId: string): SystemComponentRow[] {
      return listStmt.all(tenantId) as SystemComponentRow[];
    },
  };
}
export type SystemComponentRepository = ReturnType<typeof createSystemComponentRepository>;
