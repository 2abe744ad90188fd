import type { Database } from 'better-sqlite3';

/** Counts of a contact's CRM activity that feed the contact context and churn risk. */
export interface ContactActivity {
  purchases: number;
  purchaseTotal: number;
  lastPurchaseAt: string | null;
  openTickets: number;
  complaintTickets: number;
  maxOpenSeverity: number;
  offers: number;
  lastTicketAt: string | null;
}

/** Read-only aggregates over purchases, tickets and offers of one contact. */
export function createContactActivityRepository(db: Database) {
  const purchasesStmt = db.prepare(`SELECT count(*) AS n, coalesce(sum(amount), 0) AS total, max(purchased_at) AS last
    FROM purchases WHERE tenant_id = ? AND contact_id = ?`);
  const ticketsStmt = db.prepare(`SELECT
      coalesce(sum(status <> 'resolved'), 0) AS open,
      coalesce(sum(category = 'complaint'), 0) AS complaints,
      coalesce(max(CASE WHEN status <> 'resolved' THEN severity END), 0) AS maxSeverity,
      max(created_at) AS last
    FROM tickets WHERE tenant_id = ? AND contact_id = ?`);
  const offersStmt = db.prepare('SELECT count(*) AS n FROM offers WHERE tenant_id = ? AND contact_id = ?');
  return {
    of(tenantId: string, contactId: string): ContactActivity {
      const p = purchasesStmt.get(tenantId, contactId) as { n: number; total: number; last: string | null };
      const t = ticketsStmt.get(tenantId, contactId) as {
        open: number;
        complaints: number;
        maxSeverity: number;
        last: string | null;
      };
      const o = offersStmt.get(tenantId, contactId) as { n: number };
      return {
        purchases: p.n,
        purchaseTotal: p.total,
        lastPurchaseAt: p.last,
        openTickets: t.open,
        complaintTickets: t.complaints,
        maxOpenSeverity: t.maxSeverity,
        offers: o.n,
        lastTicketAt: t.last,
      };
    },
  };
}
export type ContactActivityRepository = ReturnType<typeof createContactActivityRepository>;
