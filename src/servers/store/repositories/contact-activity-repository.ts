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
  const purchasesOf = (tenantId: string, contactId: string): PurchaseActivity => {
    const p = purchasesStmt.get(tenantId, contactId) as { n: number; total: number; last: string | null };
    return { purchases: p.n, purchaseTotal: p.total, lastPurchaseAt: p.last };
  };
  const ticketsOf = (tenantId: string, contactId: string): TicketActivity => {
    const t = ticketsStmt.get(tenantId, contactId) as {
      open: number;
      complaints: number;
      maxSeverity: number;
      last: string | null;
    };
    return {
      openTickets: t.open,
      complaintTickets: t.complaints,
      maxOpenSeverity: t.maxSeverity,
      lastTicketAt: t.last,
    };
  };
  const offersOf = (tenantId: string, contactId: string): OfferActivity => {
    const o = offersStmt.get(tenantId, contactId) as { n: number };
    return { offers: o.n };
  };
  return {
    of(tenantId: string, contactId: string): ContactActivity {
      return combineActivity(
        purchasesOf(tenantId, contactId),
        ticketsOf(tenantId, contactId),
        offersOf(tenantId, contactId),
      );
    },
    /** The purchases part of `of` (a reader that keeps each part can re-read only the table written). */
    purchasesOf,
    /** The tickets part of `of`. */
    ticketsOf,
    /** The offers part of `of`. */
    offersOf,
  };
}

/** The parts of a ContactActivity, one per table it reads. */
export type PurchaseActivity = Pick<ContactActivity, 'purchases' | 'purchaseTotal' | 'lastPurchaseAt'>;
export type TicketActivity = Pick<
  ContactActivity,
  'openTickets' | 'complaintTickets' | 'maxOpenSeverity' | 'lastTicketAt'
>;
export type OfferActivity = Pick<ContactActivity, 'offers'>;

/** The activity of its three parts, fields in the order `of` has always listed them. */
export function combineActivity(
  purchases: PurchaseActivity,
  tickets: TicketActivity,
  offers: OfferActivity,
): ContactActivity {
  return {
    purchases: purchases.purchases,
    purchaseTotal: purchases.purchaseTotal,
    lastPurchaseAt: purchases.lastPurchaseAt,
    openTickets: tickets.openTickets,
    complaintTickets: tickets.complaintTickets,
    maxOpenSeverity: tickets.maxOpenSeverity,
    offers: offers.offers,
    lastTicketAt: tickets.lastTicketAt,
  };
}
export type ContactActivityRepository = ReturnType<typeof createContactActivityRepository>;
