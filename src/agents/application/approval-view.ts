import { z } from 'zod';
import { AudienceSchema } from '../../shared/index.js';
import type { PausedRun } from '../runtime/index.js';
import { type ApprovalRecord, ApprovalStatusSchema } from '../sessions/index.js';
import type { ApprovalRequest } from './execution-result.js';

/** An approval as the wires show it (snake_case, ISO times). */
export const ApprovalViewSchema = z.object({
  id: z.string(),
  status: ApprovalStatusSchema,
  tenant_id: z.string(),
  contact_id: z.string(),
  session_id: z.string(),
  agent: z.string(),
  entry_agent: z.string(),
  tool: z.string(),
  arguments: z.record(z.string(), z.unknown()),
  reason: z.string(),
  requested_at: z.string(),
  expires_at: z.string(),
  decided_at: z.string().optional(),
  decided_by: z.string().optional(),
  note: z.string().optional(),
  decided_arguments: z.record(z.string(), z.unknown()).optional(),
  resumed_at: z.string().optional(),
});
export type ApprovalView = z.infer<typeof ApprovalViewSchema>;

/** A decision as every surface sends it. */
export const ApprovalDecisionInputSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  /** The call's arguments as the approver edited them (approve only); validated against the tool's schema. */
  arguments: z.record(z.string(), z.unknown()).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type ApprovalDecisionInput = z.infer<typeof ApprovalDecisionInputSchema>;

const iso = (ms: number) => new Date(ms).toISOString();

export function approvalViewOf(r: ApprovalRecord): ApprovalView {
  const view: ApprovalView = {
    id: r.id,
    status: r.status,
    tenant_id: r.tenantId,
    contact_id: r.contactId,
    session_id: r.sessionId,
    agent: r.agent,
    entry_agent: r.entryAgent,
    tool: r.tool,
    arguments: r.arguments,
    reason: r.reason,
    requested_at: iso(r.requestedAt),
    expires_at: iso(r.expiresAt),
  };
  if (r.decidedAt !== undefined) view.decided_at = iso(r.decidedAt);
  if (r.decidedBy !== undefined) view.decided_by = r.decidedBy;
  if (r.note !== undefined) view.note = r.note;
  if (r.decidedArguments !== undefined) view.decided_arguments = r.decidedArguments;
  if (r.resumedAt !== undefined) view.resumed_at = iso(r.resumedAt);
  return view;
}

/** The `approval` of an execution result that waits. */
export function approvalRequestOf(r: ApprovalRecord): ApprovalRequest {
  return {
    id: r.id,
    agent: r.agent,
    tool: r.tool,
    arguments: r.arguments,
    reason: r.reason,
    requested_at: iso(r.requestedAt),
    expires_at: iso(r.expiresAt),
  };
}

/** The paused run as stored in an approval (we wrote it; checked loosely on the way back). */
const StoredRunSchema = z.object({
  point: z
    .object({
      agent: z.string(),
      iteration: z.number(),
      call: z.object({ type: z.literal('tool_use'), id: z.string(), name: z.string() }).passthrough(),
      reason: z.string(),
      results: z.array(z.unknown()),
      transcript: z.array(z.unknown()),
      usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }).passthrough(),
    })
    .passthrough(),
  userMessage: z.string(),
  audience: AudienceSchema,
  state: z.record(z.string(), z.unknown()),
});
export type StoredRun = PausedRun & { state: Record<string, unknown> };

export function storedRunOf(record: ApprovalRecord): StoredRun {
  return StoredRunSchema.parse(record.run) as unknown as StoredRun;
}
