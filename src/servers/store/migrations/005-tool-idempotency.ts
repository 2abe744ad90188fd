/**
 * Migration 005: `tool_idempotency`, the results of writing tools by idempotency key (see
 * `servers/framework/idempotency.ts`). A call repeated with the same key — a message redelivered
 * after a crash and run again — returns the stored result instead of creating a second offer or ticket.
 * Rows are small (the tool's JSON result) and pruned with the inbox's retention.
 */
export const TOOL_IDEMPOTENCY_SQL = `
CREATE TABLE tool_idempotency (
  tenant_id  TEXT NOT NULL,
  tool       TEXT NOT NULL,
  key        TEXT NOT NULL,
  result     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, tool, key)
) WITHOUT ROWID;
CREATE INDEX tool_idempotency_created ON tool_idempotency (created_at);
`;
