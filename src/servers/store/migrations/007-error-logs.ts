/**
 * Errors the platform logged for a customer's account (a rejected NF-e, a failed WhatsApp send, a PDV
 * crash): what technical support reads with `get_error_logs` before troubleshooting, so it can name the
 * exact failure instead of asking the customer to describe it.
 */
export const ERROR_LOGS_SQL = `
CREATE TABLE error_logs (
  tenant_id    TEXT NOT NULL REFERENCES tenants(id),
  id           TEXT NOT NULL,
  contact_id   TEXT NOT NULL,
  component    TEXT NOT NULL,                            -- whatsapp, api, billing, dashboard, pdv, ...
  level        TEXT NOT NULL DEFAULT 'error' CHECK (level IN ('warning', 'error', 'critical')),
  code         TEXT NOT NULL,                            -- e.g. NFE_REJECTED_539, WA_SEND_TIMEOUT
  message      TEXT NOT NULL,
  occurred_at  TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX error_logs_by_contact ON error_logs (tenant_id, contact_id, occurred_at);
`;
