import type { Database } from 'better-sqlite3';
import type { TenantGenerations } from './tenant-generations.js';

export interface CampaignRow {
  id: string;
  name: string;
  channel: string;
  budget: number;
  started_at: string;
  ended_at: string | null;
}

/** Marketing campaigns (lead sources) of one tenant. */
export function createCampaignRepository(db: Database, generations: TenantGenerations) {
  const upsertStmt = db.prepare(`INSERT INTO campaigns (tenant_id, id, name, channel, budget, started_at, ended_at)
    VALUES (@tenant_id, @id, @name, @channel, @budget, @started_at, @ended_at)
    ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, channel = excluded.channel, budget = excluded.budget,
      started_at = excluded.started_at, ended_at = excluded.ended_at`);
  const listStmt = db.prepare(
    'SELECT id, name, channel, budget, started_at, ended_at FROM campaigns WHERE tenant_id = ? ORDER BY started_at DESC',
  );
  const getStmt = db.prepare(
    'SELECT id, name, channel, budget, started_at, ended_at FROM campaigns WHERE tenant_id = ? AND id = ?',
  );
  return {
    upsert(tenantId: string, campaign: CampaignRow): void {
      upsertStmt.run({ tenant_id: tenantId, ...campaign });
      generations.bump(tenantId);
    },
    list(tenantId: string): CampaignRow[] {
      return listStmt.all(tenantId) as CampaignRow[];
    },
    get(tenantId: string, id: string): CampaignRow | undefined {
      return getStmt.get(tenantId, id) as CampaignRow | undefined;
    },
  };
}
export type CampaignRepository = ReturnType<typeof createCampaignRepository>;
