import { z } from 'zod';
import { type ApprovalRecord, ApprovalStatusSchema } from './approval-store.js';

const JsonObject = z.record(z.string(), z.unknown());

/** An approval row as both SQL stores return it (JSON columns as text or parsed, times in ms). */
export const ApprovalRowSchema = z.object({
  id: z.string(),
  tenant_id: z.string(),
  contact_id: z.string(),
  session_id: z.string(),
  agent: z.string(),
  entry_agent: z.string(),
  tool: z.string(),
  arguments: z.unknown(),
  reason: z.string(),
  status: ApprovalStatusSchema,
  requested_at: z.coerce.number(),
  expires_at: z.coerce.number(),
  decided_at: z.coerce.number().nullable(),
  decided_by: z.string().nullable(),
  note: z.string().nullable(),
  decided_arguments: z.unknown().nullable(),
  resumed_at: z.coerce.number().nullable(),
  origin: z.unknown(),
  run: z.unknown(),
});

const parseJson = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** The record of a row (SQLite's JSON text or PostgreSQL's parsed JSON). */
export function approvalOfRow(raw: unknown): ApprovalRecord {
  const row = ApprovalRowSchema.parse(raw);
  const record: ApprovalRecord = {
    id: row.id,
    tenantId: row.tenant_id,
    contactId: row.contact_id,
    sessionId: row.session_id,
    agent: row.agent,
    entryAgent: row.entry_agent,
    tool: row.tool,
    arguments: JsonObject.parse(parseJson(row.arguments)),
    reason: row.reason,
    status: row.status,
    requestedAt: row.requested_at,
    expiresAt: row.expires_at,
    origin: JsonObject.parse(parseJson(row.origin)),
    run: parseJson(row.run),
  };
  if (row.decided_at !== null) record.decidedAt = row.decided_at;
  if (row.decided_by !== null) record.decidedBy = row.decided_by;
  if (row.note !== null) record.note = row.note;
  if (row.decided_arguments !== null) record.decidedArguments = JsonObject.parse(parseJson(row.decided_arguments));
  if (row.resumed_at !== null) record.resumedAt = row.resumed_at;
  return record;
}

/** Named parameters of an insert, shared by both stores. */
export function approvalParams(r: ApprovalRecord) {
  return {
    id: r.id,
    tenant: r.tenantId,
    contact: r.contactId,
    session: r.sessionId,
    agent: r.agent,
    entry: r.entryAgent,
    tool: r.tool,
    args: JSON.stringify(r.arguments),
    reason: r.reason,
    status: r.status,
    requested: r.requestedAt,
    expires: r.expiresAt,
    origin: JSON.stringify(r.origin),
    run: JSON.stringify(r.run),
  };
}
