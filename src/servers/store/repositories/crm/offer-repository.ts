import type { Database } from 'better-sqlite3';
import { orNull } from '../json.js';
import { newId, type TenantGenerations } from './tenant-generations.js';

export type OfferStatus = 'proposed' | 'accepted' | 'rejected' | 'expired';

export interface OfferRow {
  id: string;
  contact_id: string;
  discount_pct: number;
  offer_type: string;
  reason: string;
  status: OfferStatus;
  created_by: string;
  valid_until: string | null;
  created_at: string;
}

export type NewOffer = Pick<OfferRow, 'contact_id' | 'discount_pct' | 'reason' | 'created_by'> &
  Partial<Omit<OfferRow, 'contact_id' | 'discount_pct' | 'reason' | 'created_by'>>;

/** A past retention attempt on another customer, without who it was. */
export interface OfferCaseRow {
  discount_pct: number;
  offer_type: string;
  reason: string;
  status: OfferStatus;
  created_at: string;
  contact_status: 'lead' | 'customer' | 'churned';
  tier: string;
}

/** Retention offers made to one tenant's customers (each one is a retention attempt). */
export function createOfferRepository(db: Database, generations: TenantGenerations) {
  const insertStmt =
    db.prepare(`INSERT INTO offers (tenant_id, id, contact_id, discount_pct, offer_type, reason, status,
      created_by, valid_until, created_at)
    VALUES (@tenant_id, @id, @contact_id, @discount_pct, @offer_type, @reason, @status, @created_by, @valid_until, @created_at)
    ON CONFLICT (tenant_id, id) DO UPDATE SET status = excluded.status, valid_until = excluded.valid_until`);
  const byContactStmt = db.prepare(
    'SELECT id, contact_id, discount_pct, offer_type, reason, status, created_by, valid_until, created_at FROM offers WHERE tenant_id = ? AND contact_id = ? ORDER BY created_at DESC LIMIT ?',
  );
  const countStmt = db.prepare('SELECT count(*) AS n FROM offers WHERE tenant_id = ? AND contact_id = ?');
  // Other customers' offers with where each customer stands now (still a customer, or churned).
  const casesStmt = db.prepare(`SELECT o.discount_pct, o.offer_type, o.reason, o.status, o.created_at,
      c.status AS contact_status, c.tier
    FROM offers o JOIN contacts c ON c.tenant_id = o.tenant_id AND c.id = o.contact_id
    WHERE o.tenant_id = ? AND o.contact_id != ? ORDER BY o.created_at DESC LIMIT ?`);
  const create = (tenantId: string, offer: NewOffer): OfferRow => {
    const row: OfferRow = {
      id: offer.id ?? newId('offer'),
      contact_id: offer.contact_id,
      discount_pct: offer.discount_pct,
      offer_type: offer.offer_type ?? 'discount',
      reason: offer.reason,
      status: offer.status ?? 'proposed',
      created_by: offer.created_by,
      valid_until: orNull(offer.valid_until),
      created_at: offer.created_at ?? new Date().toISOString(),
    };
    insertStmt.run({ tenant_id: tenantId, ...row });
    generations.bump(tenantId);
    return row;
  };
  return {
    create,
    listByContact(tenantId: string, contactId: string, limit = 50): OfferRow[] {
      return byContactStmt.all(tenantId, contactId, limit) as OfferRow[];
    },
    /** Every offer ever made to the contact: the number of retention attempts so far. */
    /** Offers made to the tenant's other customers, newest first, with each customer's status now. */
    casesExcept(tenantId: string, contactId: string, limit: number): OfferCaseRow[] {
      return casesStmt.all(tenantId, contactId, limit) as OfferCaseRow[];
    },
    countByContact(tenantId: string, contactId: string): number {
      return (countStmt.get(tenantId, contactId) as { n: number }).n;
    },
    /**
     * Inserts the offer only if the contact has had fewer than `maxAttempts` offers, in one
     * transaction, so two concurrent calls cannot both make the 3rd and 4th attempt.
     */
    createIfUnderLimit(tenantId: string, offer: NewOffer, maxAttempts: number): { offer?: OfferRow; attempts: number } {
      return db
        .transaction(() => {
          const attempts = (countStmt.get(tenantId, offer.contact_id) as { n: number }).n;
          if (attempts >= maxAttempts) return { attempts };
          return { offer: create(tenantId, offer), attempts: attempts + 1 };
        })
        .immediate();
    },
  };
}
export type OfferRepository = ReturnType<typeof createOfferRepository>;
