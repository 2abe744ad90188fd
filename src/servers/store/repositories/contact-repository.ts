import type { Database } from 'better-sqlite3';
import { TableCache } from '../table-cache.js';
import { orNull, parseJson } from './json.js';

export interface ContactRow {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  language: string;
  company: string | null;
  status: 'lead' | 'customer' | 'churned';
  tier: 'standard' | 'premium' | 'enterprise';
  lifetime_value: number;
  customer_since: string | null;
  tags: string[];
  created_at: string;
  updated_at: string;
}

export type NewContact = Pick<ContactRow, 'id' | 'name'> & Partial<Omit<ContactRow, 'id' | 'name'>>;

type StoredContact = Omit<ContactRow, 'tags'> & { tags: string; tenant_id: string };

/** Contacts whose row `get` keeps (the oldest goes first). */
const KEPT_CONTACTS = 1024;

function toRow(row: StoredContact): ContactRow {
  const { tenant_id: _tenant, ...rest } = row;
  return { ...rest, tags: parseJson<string[]>(row.tags, []) };
}

/** Contacts of one tenant. */
export function createContactRepository(db: Database) {
  const upsertStmt = db.prepare(`INSERT INTO contacts (tenant_id, id, name, phone, email, language, company, status,
      tier, lifetime_value, customer_since, tags, created_at, updated_at)
    VALUES (@tenant_id, @id, @name, @phone, @email, @language, @company, @status, @tier, @lifetime_value,
      @customer_since, @tags, @created_at, @updated_at)
    ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, phone = excluded.phone, email = excluded.email,
      language = excluded.language, company = excluded.company, status = excluded.status, tier = excluded.tier,
      lifetime_value = excluded.lifetime_value, customer_since = excluded.customer_since, tags = excluded.tags,
      updated_at = excluded.updated_at`);
  const getStmt = db.prepare('SELECT * FROM contacts WHERE tenant_id = ? AND id = ?');
  const listStmt = db.prepare('SELECT * FROM contacts WHERE tenant_id = ? ORDER BY id LIMIT ?');
  const countStmt = db.prepare('SELECT count(*) AS n FROM contacts WHERE tenant_id = ?');
  // Most tool calls check their contact first (requireContact), some twice: the row is kept until
  // the contacts table is written by any statement of this connection or another connection commits.
  const kept = new TableCache<ContactRow | null>(db, ['contacts'], KEPT_CONTACTS);
  return {
    upsert(tenantId: string, contact: NewContact): void {
      const now = new Date().toISOString();
      upsertStmt.run({
        tenant_id: tenantId,
        id: contact.id,
        name: contact.name,
        phone: orNull(contact.phone),
        email: orNull(contact.email),
        language: contact.language ?? 'pt-BR',
        company: orNull(contact.company),
        status: contact.status ?? 'lead',
        tier: contact.tier ?? 'standard',
        lifetime_value: contact.lifetime_value ?? 0,
        customer_since: orNull(contact.customer_since),
        tags: JSON.stringify(contact.tags ?? []),
        created_at: contact.created_at ?? now,
        updated_at: contact.updated_at ?? contact.created_at ?? now,
      });
    },
    /** The contact's row, frozen and shared (copy it to change it). */
    get(tenantId: string, id: string): Readonly<ContactRow> | undefined {
      const contact = kept.read(JSON.stringify([tenantId, id]), () => {
        const row = getStmt.get(tenantId, id) as StoredContact | undefined;
        return row ? toRow(row) : null;
      });
      return contact ?? undefined;
    },
    list(tenantId: string, limit = 1000): ContactRow[] {
      return (listStmt.all(tenantId, limit) as StoredContact[]).map(toRow);
    },
    count(tenantId: string): number {
      return (countStmt.get(tenantId) as { n: number }).n;
    },
  };
}
export type ContactRepository = ReturnType<typeof createContactRepository>;
