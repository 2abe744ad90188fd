import type { Database } from 'better-sqlite3';
import type { TenantGenerations } from './tenant-generations.js';

export interface PipelineStageRow {
  id: string;
  name: string;
  position: number;
  probability: number;
}

/** The tenant's sales pipeline stages (new → qualified → proposal → negotiation → won/lost). */
export function createPipelineRepository(db: Database, generations: TenantGenerations) {
  const upsertStmt = db.prepare(`INSERT INTO pipeline_stages (tenant_id, id, name, position, probability)
    VALUES (@tenant_id, @id, @name, @position, @probability)
    ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, position = excluded.position,
      probability = excluded.probability`);
  const listStmt = db.prepare(
    'SELECT id, name, position, probability FROM pipeline_stages WHERE tenant_id = ? ORDER BY position',
  );
  const getStmt = db.prepare(
    'SELECT id, name, position, probability FROM pipeline_stages WHERE tenant_id = ? AND id = ?',
  );
  return {
    upsert(tenantId: string, stage: PipelineStageRow): void {
      upsertStmt.run({ tenant_id: tenantId, ...stage });
      generations.bump(tenantId);
    },
    list(tenantId: string): PipelineStageRow[] {
      return listStmt.all(tenantId) as PipelineStageRow[];
    },
    get(tenantId: string, id: string): PipelineStageRow | undefined {
      return getStmt.get(tenantId, id) as PipelineStageRow | undefined;
    },
  };
}
export type PipelineRepository = ReturnType<typeof createPipelineRepository>;
