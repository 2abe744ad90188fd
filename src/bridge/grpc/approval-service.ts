import { type ServerUnaryCall, type sendUnaryData, status, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { z } from 'zod';
import {
  type AgentApplication,
  ApprovalDecisionInputSchema,
  type ApprovalView,
  DEFAULT_RUN_TIMEOUT_MS,
  MAX_RUN_TIMEOUT_MS,
} from '../../agents/application/index.js';
import { ApprovalStatusSchema } from '../../agents/sessions/index.js';
import type { Audience } from '../../shared/index.js';
import { bearerToken } from '../api-tokens.js';
import { toWireResponse } from './agent-wire.js';
import { detailedError } from './error-details.js';
import { invalidArgument, toServiceError } from './status-of.js';

type Caller = (
  metadataToken: string | undefined,
  requestTenant: string,
) => { tenantId: string; role?: Audience } | undefined;

const Id = z.string().min(1).max(200);
const ListSchema = z.object({
  tenant_id: z.string().max(200).default(''),
  status: z.union([ApprovalStatusSchema, z.literal('')]).default(''),
});
const GetSchema = z.object({ tenant_id: z.string().max(200).default(''), approval_id: Id });
const DecideSchema = z.object({
  tenant_id: z.string().max(200).default(''),
  approval_id: Id,
  decision: ApprovalDecisionInputSchema.shape.decision,
  arguments_json: z.string().max(100_000).default(''),
  note: z.string().max(2000).default(''),
  timeout_ms: z.number().int().min(0).max(MAX_RUN_TIMEOUT_MS).default(0),
});

/** The wire `Approval`: JSON fields as text, absent times as empty strings. */
export function toWireApproval(a: ApprovalView) {
  return {
    ...a,
    arguments_json: JSON.stringify(a.arguments),
    decided_arguments_json: a.decided_arguments ? JSON.stringify(a.decided_arguments) : '',
    decided_at: a.decided_at ?? '',
    decided_by: a.decided_by ?? '',
    note: a.note ?? '',
    resumed_at: a.resumed_at ?? '',
  };
}

/** An error status with ErrorDetails, like every other AgentService error. */
const fail = (code: status, name: string, message: string) => detailedError(code, { code: name, message });

const isLoopback = (peer: string) => /^(ipv4:127\.|ipv6:\[::1\]|ipv6:\[::ffff:127\.|unix:)/.test(peer);

/**
 * ListApprovals, GetApproval, DecideApproval on `AgentService`. Staff only: a staff token (whose tenant
 * scopes the call), or, without tokens, a caller on this machine; anyone else is PERMISSION_DENIED.
 * Another tenant's id is NOT_FOUND; a decision on one no longer pending is FAILED_PRECONDITION.
 */
export function createApprovalHandlers(app: AgentApplication, callerOf: Caller): UntypedServiceImplementation {
  const staff = (call: ServerUnaryCall<unknown, unknown>, tenant: string) => {
    const caller = callerOf(bearerToken(call.metadata.get('authorization')[0]), tenant);
    if (!caller) return { error: fail(status.UNAUTHENTICATED, 'UNAUTHENTICATED', 'a valid bearer token is required') };
    const allowed = caller.role === 'staff' || (caller.role === undefined && isLoopback(call.getPeer()));
    if (!allowed) return { error: fail(status.PERMISSION_DENIED, 'PERMISSION_DENIED', 'approvals are for staff') };
    if (!app.approvals) return { error: fail(status.UNAVAILABLE, 'UNAVAILABLE', 'approvals are off on this server') };
    return { tenantId: caller.tenantId, approvals: app.approvals };
  };
  const parse = <S extends z.ZodType>(schema: S, value: unknown) => {
    const parsed = schema.safeParse(value ?? {});
    return parsed.success
      ? { value: parsed.data as z.infer<S> }
      : {
          error: invalidArgument(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')),
        };
  };

  return {
    ListApprovals(call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) {
      const req = parse(ListSchema, call.request);
      if (req.error) return callback(req.error);
      const ctx = staff(call, req.value.tenant_id);
      if (ctx.error) return callback(ctx.error);
      ctx.approvals
        .list(ctx.tenantId, req.value.status || undefined)
        .then((list) => callback(null, { approvals: list.map(toWireApproval), total_count: list.length }))
        .catch((error: unknown) => callback(toServiceError(error)));
    },
    GetApproval(call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) {
      const req = parse(GetSchema, call.request);
      if (req.error) return callback(req.error);
      const ctx = staff(call, req.value.tenant_id);
      if (ctx.error) return callback(ctx.error);
      ctx.approvals
        .get(ctx.tenantId, req.value.approval_id)
        .then((a) => callback(null, toWireApproval(a)))
        .catch((error: unknown) => callback(toServiceError(error)));
    },
    DecideApproval(call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) {
      const req = parse(DecideSchema, call.request);
      if (req.error) return callback(req.error);
      const r = req.value;
      let args: Record<string, unknown> | undefined;
      if (r.arguments_json) {
        const parsed = z.record(z.string(), z.unknown()).safeParse(safeJson(r.arguments_json));
        if (!parsed.success)
          return callback(fail(status.INVALID_ARGUMENT, 'INVALID_ARGUMENT', 'arguments_json must be a JSON object'));
        args = parsed.data;
      }
      const ctx = staff(call, r.tenant_id);
      if (ctx.error) return callback(ctx.error);
      ctx.approvals
        .decide(
          ctx.tenantId,
          r.approval_id,
          { decision: r.decision, ...(args ? { arguments: args } : {}), ...(r.note ? { note: r.note } : {}) },
          { decidedBy: 'grpc', waitMs: r.timeout_ms || DEFAULT_RUN_TIMEOUT_MS },
        )
        .then((outcome) =>
          callback(null, {
            approval: toWireApproval(outcome.approval),
            finished: outcome.result !== undefined,
            ...(outcome.result ? { result: toWireResponse(outcome.result) } : {}),
          }),
        )
        .catch((error: unknown) => callback(toServiceError(error)));
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
