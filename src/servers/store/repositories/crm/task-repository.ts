import type { Database } from 'better-sqlite3';
import { orNull } from '../json.js';
import { newId, type TenantGenerations } from './tenant-generations.js';

export interface TaskRow {
  id: string;
  contact_id: string | null;
  lead_id: string | null;
  agent_id: string | null;
  title: string;
  due_at: string;
  status: 'open' | 'done' | 'cancelled';
  created_at: string;
}

/** Follow-up tasks (calls, messages, proposals to send) of one tenant. */
export function createTaskRepository(db: Database, generations: TenantGenerations) {
  const insertStmt =
    db.prepare(`INSERT INTO tasks (tenant_id, id, contact_id, lead_id, agent_id, title, due_at, status, created_at)
    VALUES (@tenant_id, @id, @contact_id, @lead_id, @agent_id, @title, @due_at, @status, @created_at)`);
  const byContactStmt = db.prepare(
    'SELECT id, contact_id, lead_id, agent_id, title, due_at, status, created_at FROM tasks WHERE tenant_id = ? AND contact_id = ? ORDER BY due_at LIMIT ?',
  );
  return {
    create(tenantId: string, task: Pick<TaskRow, 'title' | 'due_at'> & Partial<TaskRow>): TaskRow {
      const row: TaskRow = {
        id: task.id ?? newId('task'),
        contact_id: orNull(task.contact_id ?? undefined),
        lead_id: orNull(task.lead_id ?? undefined),
        agent_id: orNull(task.agent_id ?? undefined),
        title: task.title,
        due_at: task.due_at,
        status: task.status ?? 'open',
        created_at: task.created_at ?? new Date().toISOString(),
      };
      insertStmt.run({ tenant_id: tenantId, ...row });
      generations.bump(tenantId);
      return row;
    },
    listByContact(tenantId: string, contactId: string, limit = 50): TaskRow[] {
      return byContactStmt.all(tenantId, contactId, limit) as TaskRow[];
    },
  };
}
export type TaskRepository = ReturnType<typeof createTaskRepository>;
