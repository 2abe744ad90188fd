import { z } from 'zod';

export const ApprovalStatusSchema = z.enum(['pending', 'approved', 'rejected', 'expired']);
export type ApprovalStatus = z.infer<typeof ApprovalStatusSchema>;

/**
 * A gated tool call waiting for (or decided by) a person, with the paused run it belongs to. `run` is
 * the runtime's pause point and what its continuation needs, stored as written (JSON).
 */
export interface ApprovalRecord {
  id: string;
  tenantId: string;
  contactId: string;
  sessionId: string;
  /** The agent whose call waits (the run resumes in it). */
  agent: string;
  /** The agent the request was sent to (`auto`, a template, a workflow). */
  entryAgent: string;
  tool: string;
  arguments: Record<string, unknown>;
  reason: string;
  status: ApprovalStatus;
  /** Epoch ms. */
  requestedAt: number;
  expiresAt: number;
  decidedAt?: number;
  decidedBy?: string;
  note?: string;
  /** The arguments the approver ran the call with (when edited). */
  decidedArguments?: Record<string, unknown>;
  /** When the resumed run finished (its answer was delivered); absent while it has not. */
  resumedAt?: number;
  /** Where the message came from, so the resumed answer goes back the same way (`amqp`, `http`, `mcp`, …). */
  origin: Record<string, unknown>;
  /** The paused run (runtime's PausePoint, the original message, audience, session state). */
  run: unknown;
}

/** A decision to record. */
export interface ApprovalDecisionRecord {
  status: Exclude<ApprovalStatus, 'pending'>;
  decidedAt: number;
  decidedBy?: string;
  note?: string;
  decidedArguments?: Record<string, unknown>;
}

/**
 * Where approvals live: SQLite (default, `approvals.db` next to the sessions) or PostgreSQL
 * (`DATABASE_URL`). Every read and write takes the tenant, except the expiry sweep and the metrics
 * count, which run for the whole process.
 */
export interface ApprovalStore {
  create(record: ApprovalRecord): Promise<void>;
  get(tenantId: string, id: string): Promise<ApprovalRecord | undefined>;
  /** The tenant's approvals, newest first. */
  list(tenantId: string, options?: { status?: ApprovalStatus; limit?: number }): Promise<ApprovalRecord[]>;
  /**
   * Records a decision on a pending approval, atomically: exactly one of concurrent deciders (from any
   * instance) gets the updated record; the others, and any decision on one already decided, get undefined.
   */
  decide(tenantId: string, id: string, decision: ApprovalDecisionRecord): Promise<ApprovalRecord | undefined>;
  /** Pending approvals whose deadline passed (every tenant), oldest first. */
  expired(now: number, limit: number): Promise<ApprovalRecord[]>;
  /** Decided approvals whose run has not resumed yet (a process stopped in between), oldest first. */
  unresumed(limit: number): Promise<ApprovalRecord[]>;
  markResumed(tenantId: string, id: string, at: number): Promise<void>;
  /** Pending approvals per tenant (metrics). */
  pendingCounts(): Promise<Map<string, number>>;
  close?(): void | Promise<void>;
}
