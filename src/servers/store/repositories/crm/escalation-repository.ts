import type { Database } from 'better-sqlite3';
import { orNull } from '../json.js';
import { newId, type TenantGenerations } from './tenant-generations.js';

export type EscalationTarget = 'supervisor' | 'engineering' | 'billing';

export interface EscalationRow {
  id: string;
  contact_id: string;
  target: EscalationTarget;
  reason: string;
  severity: number;
  ticket_id: string | null;
  status: 'open' | 'acknowledged' | 'closed';
  created_at: string;
}

/** Escalations to humans (supervisor, engineering, billing). */
export function createEscalationRepository(db: Database, generations: TenantGenerations) {
  const insertStmt =
    db.prepare(`INSERT INTO escalations (tenant_id, id, contact_id, target, reason, severity, ticket_id,
      status, created_at)
    VALUES (@tenant_id, @id, @contact_id, @target, @reason, @severity, @ticket_id, @status, @created_at)`);
  const byContactStmt = db.prepare(
    'SELECT id, contact_id, target, reason, severity, ticket_id, status, created_at FROM escalations WHERE tenant_id = ? AND contact_id = ? ORDER BY created_at DESC LIMIT ?',
  );
  return {
    create(
      tenantId: string,
      escalation: Pick<EscalationRow, 'contact_id' | 'target' | 'reason' | 'severity'> & Partial<EscalationRow>,
    ): EscalationRow {
      const row: EscalationRow = {
        id: escalation.id ?? newId('esc'),
        contact_id: escalation.contact_id,
        target: escalation.target,
        reason: escalation.reason,
        severity: escalation.severity,
        ticket_id: orNull(escalation.ticket_id ?? undefined),
        status: escalation.status ?? 'open',
        created_at: escalation.created_at ?? new Date().toISOString(),
      };
      insertStmt.run({ tenant_id: tenantId, ...row });
      generations.bump(tenantId);
      return row;
    },
    listByContact(tenantId: string, contactId: string, limit = 50): EscalationRow[] {
      return byContactStmt.all(tenantId, contactId, limit) as EscalationRow[];
    },
  };
}
export type EscalationRepository = ReturnType<typeof createEscalationRepository>;
