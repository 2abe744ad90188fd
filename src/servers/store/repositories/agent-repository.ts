import type { Database } from 'better-sqlite3';
import { orNull } from './json.js';

export interface AgentRow {
  id: string;
  name: string;
  kind: 'human' | 'ai';
  team: string;
  email: string | null;
  active: boolean;
  created_at: string;
}

export type NewAgent = Pick<AgentRow, 'id' | 'name' | 'kind' | 'team'> & Partial<Omit<AgentRow, 'id'>>;

type StoredAgent = Omit<AgentRow, 'active'> & { active: number; tenant_id: string };

function toRow({ tenant_id: _tenant, ...row }: StoredAgent): AgentRow {
  return { ...row, active: row.active === 1 };
}

/** The CRM's human and AI agents (the people and bots who talk to customers). */
export function createAgentRepository(db: Database) {
  const upsertStmt = db.prepare(`INSERT INTO agents (tenant_id, id, name, kind, team, email, active, created_at)
    VALUES (@tenant_id, @id, @name, @kind, @team, @email, @active, @created_at)
    ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, kind = excluded.kind, team = excluded.team,
      email = excluded.email, active = excluded.active`);
  const getStmt = db.prepare('SELECT * FROM agents WHERE tenant_id = ? AND id = ?');
  const listStmt = db.prepare('SELECT * FROM agents WHERE tenant_id = ? ORDER BY id');
  return {
    upsert(tenantId: string, agent: NewAgent): void {
      upsertStmt.run({
        tenant_id: tenantId,
        id: agent.id,
        name: agent.name,
        kind: agent.kind,
        team: agent.team,
        email: orNull(agent.email),
        active: agent.active === false ? 0 : 1,
        created_at: agent.created_at ?? new Date().toISOString(),
      });
    },
    get(tenantId: string, id: string): AgentRow | undefined {
      const row = getStmt.get(tenantId, id) as StoredAgent | undefined;
      return row ? toRow(row) : undefined;
    },
    list(tenantId: string): AgentRow[] {
      return (listStmt.all(tenantId) as StoredAgent[]).map(toRow);
    },
  };
}
export type AgentRepository = ReturnType<typeof createAgentRepository>;
