import type { Database } from 'better-sqlite3';
import { orNull } from '../json.js';
import { newId, type TenantGenerations } from './tenant-generations.js';

export type TicketPriority = 'low' | 'medium' | 'high' | 'urgent';
export type TicketStatus = 'open' | 'pending' | 'escalated' | 'resolved';

export interface TicketRow {
  id: string;
  contact_id: string;
  subject: string;
  description: string;
  category: string;
  priority: TicketPriority;
  severity: number;
  status: TicketStatus;
  assigned_team: string | null;
  created_at: string;
  updated_at: string;
}

export type NewTicket = Pick<TicketRow, 'contact_id' | 'subject' | 'description'> &
  Partial<Omit<TicketRow, 'contact_id' | 'subject' | 'description'>>;

/** Support tickets of one tenant. */
export function createTicketRepository(db: Database, generations: TenantGenerations) {
  const upsertStmt =
    db.prepare(`INSERT INTO tickets (tenant_id, id, contact_id, subject, description, category, priority,
      severity, status, assigned_team, created_at, updated_at)
    VALUES (@tenant_id, @id, @contact_id, @subject, @description, @category, @priority, @severity, @status,
      @assigned_team, @created_at, @updated_at)
    ON CONFLICT (tenant_id, id) DO UPDATE SET status = excluded.status, priority = excluded.priority,
      severity = excluded.severity, assigned_team = excluded.assigned_team, updated_at = excluded.updated_at`);
  const getStmt = db.prepare('SELECT * FROM tickets WHERE tenant_id = ? AND id = ?');
  const byContactStmt = db.prepare(
    'SELECT * FROM tickets WHERE tenant_id = ? AND contact_id = ? ORDER BY created_at DESC LIMIT ?',
  );
  const openCountStmt = db.prepare(
    "SELECT count(*) AS n FROM tickets WHERE tenant_id = ? AND contact_id = ? AND status IN ('open', 'pending', 'escalated')",
  );
  const strip = (row: (TicketRow & { tenant_id?: string }) | undefined): TicketRow | undefined => {
    if (!row) return undefined;
    const { tenant_id: _t, ...rest } = row;
    return rest;
  };
  return {
    create(tenantId: string, ticket: NewTicket): TicketRow {
      const now = new Date().toISOString();
      const row: TicketRow = {
        id: ticket.id ?? newId('ticket'),
        contact_id: ticket.contact_id,
        subject: ticket.subject,
        description: ticket.description,
        category: ticket.category ?? 'technical',
        priority: ticket.priority ?? 'medium',
        severity: ticket.severity ?? 5,
        status: ticket.status ?? 'open',
        assigned_team: orNull(ticket.assigned_team),
        created_at: ticket.created_at ?? now,
        updated_at: ticket.updated_at ?? ticket.created_at ?? now,
      };
      upsertStmt.run({ tenant_id: tenantId, ...row });
      generations.bump(tenantId);
      return row;
    },
    get(tenantId: string, id: string): TicketRow | undefined {
      return strip(getStmt.get(tenantId, id) as TicketRow | undefined);
    },
    listByContact(tenantId: string, contactId: string, limit = 50): TicketRow[] {
      return (byContactStmt.all(tenantId, contactId, limit) as TicketRow[]).map((r) => strip(r) as TicketRow);
    },
    openCountByContact(tenantId: string, contactId: string): number {
      return (openCountStmt.get(tenantId, contactId) as { n: number }).n;
    },
    /** Changes status / team / priority of an existing ticket; undefined when not in this tenant. */
    update(
      tenantId: string,
      id: string,
      changes: Partial<Pick<TicketRow, 'status' | 'assigned_team' | 'priority' | 'severity'>>,
    ): TicketRow | undefined {
      const current = strip(getStmt.get(tenantId, id) as TicketRow | undefined);
      if (!current) return undefined;
      const next: TicketRow = { ...current, updated_at: new Date().toISOString() };
      if (changes.status) next.status = changes.status;
      if (changes.assigned_team !== undefined) next.assigned_team = changes.assigned_team;
      if (changes.priority) next.priority = changes.priority;
      if (changes.severity !== undefined) next.severity = changes.severity;
      upsertStmt.run({ tenant_id: tenantId, ...next });
      generations.bump(tenantId);
      return next;
    },
  };
}
export type TicketRepository = ReturnType<typeof createTicketRepository>;
