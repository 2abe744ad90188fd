import type { Database } from 'better-sqlite3';
import { newId, type TenantGenerations } from './tenant-generations.js';

export interface PurchaseRow {
  id: string;
  contact_id: string;
  product: string;
  amount: number;
  purchased_at: string;
}

/** Totals of one contact's purchases. */
export interface PurchaseSummary {
  count: number;
  total: number;
  first_at: string | null;
  last_at: string | null;
}

/** Purchases of one tenant's contacts. */
export function createPurchaseRepository(db: Database, generations: TenantGenerations) {
  const insertStmt = db.prepare(`INSERT INTO purchases (tenant_id, id, contact_id, product, amount, purchased_at)
    VALUES (@tenant_id, @id, @contact_id, @product, @amount, @purchased_at)
    ON CONFLICT (tenant_id, id) DO UPDATE SET contact_id = excluded.contact_id, product = excluded.product,
      amount = excluded.amount, purchased_at = excluded.purchased_at`);
  const byContactStmt = db.prepare(
    'SELECT id, contact_id, product, amount, purchased_at FROM purchases WHERE tenant_id = ? AND contact_id = ? ORDER BY purchased_at DESC LIMIT ?',
  );
  const summaryStmt = db.prepare(`SELECT count(*) AS count, coalesce(sum(amount), 0) AS total,
      min(purchased_at) AS first_at, max(purchased_at) AS last_at
    FROM purchases WHERE tenant_id = ? AND contact_id = ?`);
  return {
    create(tenantId: string, purchase: Omit<PurchaseRow, 'id'> & { id?: string }): PurchaseRow {
      const row: PurchaseRow = { ...purchase, id: purchase.id ?? newId('purchase') };
      insertStmt.run({ tenant_id: tenantId, ...row });
      generations.bump(tenantId);
      return row;
    },
    listByContact(tenantId: string, contactId: string, limit = 50): PurchaseRow[] {
      return byContactStmt.all(tenantId, contactId, limit) as PurchaseRow[];
    },
    summary(tenantId: string, contactId: string): PurchaseSummary {
      return summaryStmt.get(tenantId, contactId) as PurchaseSummary;
    },
  };
}
export type PurchaseRepository = ReturnType<typeof createPurchaseRepository>;
