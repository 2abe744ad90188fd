import type { Database } from 'better-sqlite3';
import { TableCache } from '../../table-cache.js';
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
  // The prospecting tools read the lead's campaign on every call: kept until the campaigns table is
  // written by any statement of this connection or another connection commits (see TableCache).
  const kept = new TableCache<CampaignRow | null>(db, ['campaigns'], 256);
  return {
    upsert(tenantId: string, campaign: CampaignRow): void {
      upsertStmt.run({ tenant_id: tenantId, ...campaign });
      generations.bump(tenantId);
    },
    list(tenantId: string): CampaignRow[] {
      return listStmt.all(tenantId) as CampaignRow[];
    },
    /** The campaign's row, frozen and shared. */
    get(tenantId: string, id: string): Readonly<CampaignRow> | undefined {
      const campaign = kept.read(
        JSON.stringify([tenantId, id]),
        () => (getStmt.get(tenantId, id) as CampaignRow | undefined) ?? null,
      );
      return campaign ?? undefined;
    },
  };
}
export type CampaignRepository = ReturnType<typeof createCampaignRepository>;
