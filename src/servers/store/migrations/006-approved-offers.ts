/**
 * Offers above 30 % exist now, when a person approved them (the host's approval gate; see
 * docs/APPROVALS.md): the table's CHECK allows up to 100 %. The tool server still refuses above 30 %
 * unless the call carries an approval. SQLite cannot alter a CHECK, so the table is rebuilt.
 */
export const APPROVED_OFFERS_SQL = `
CREATE TABLE offers_approved (
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  id            TEXT NOT NULL,
  contact_id    TEXT NOT NULL,
  discount_pct  REAL NOT NULL CHECK (discount_pct > 0 AND discount_pct <= 100),
  offer_type    TEXT NOT NULL DEFAULT 'discount',
  reason        TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'rejected', 'expired')),
  created_by    TEXT NOT NULL,
  valid_until   TEXT,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
INSERT INTO offers_approved SELECT tenant_id, id, contact_id, discount_pct, offer_type, reason, status, created_by,
  valid_until, created_at FROM offers;
DROP TABLE offers;
ALTER TABLE offers_approved RENAME TO offers;
CREATE INDEX offers_by_contact ON offers (tenant_id, contact_id, created_at);
`;
