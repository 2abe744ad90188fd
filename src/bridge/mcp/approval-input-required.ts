import { randomBytes } from 'node:crypto';
import {
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  createRequestStateCodec,
  type InputRequiredResult,
  inputRequired,
  inputResponse,
  PROTOCOL_VERSION_META_KEY,
  type RequestStateCodec,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ApprovalService } from '../../agents/application/approval-service.js';
import type { ApprovalRequest, ExecutionResult } from '../../agents/application/execution-result.js';
import { errorMessage } from '../../shared/errors.js';
import { ELICITATION_TIMEOUT_MS, MAX_APPROVAL_ROUNDS } from './approval-elicitation.js';
import { ApprovalAnswerSchema, approvalForm, decisionOf } from './approval-form.js';

/** The key of the approval form in `inputRequests` / `inputResponses`. */
export const APPROVAL_INPUT_KEY = 'approval';

/**
 * What the signed `requestState` carries between rounds. Signed, not encrypted (the client can read it):
 * ids only. The run itself waits in the approvals store, so any worker can continue it.
 */
export const ApprovalStateSchema = z.object({
  approvalId: z.string().min(1).max(200),
  tool: z.string().min(1).max(100),
  round: z.number().int().min(1).max(MAX_APPROVAL_ROUNDS),
});
export type ApprovalState = z.infer<typeof ApprovalStateSchema>;

/** Per-process fallback key: right for stdio (one process serves every round), not for several workers. */
let processKey: string | undefined;

/**
 * The HMAC codec of our `requestState`: valid for {@link ELICITATION_TIMEOUT_MS} (a state past it is
 * refused with the SDK's `-32602` "Invalid or expired requestState"), bound to the tenant and the
 * method (a state minted for one tenant is refused under another; the binding travels as an HMAC tag).
 * `key` must be shared by every process that may serve the retry (`VENTROS_MCP_STATE_KEY`).
 */
export function approvalStateCodec(tenantId: string, key?: string): RequestStateCodec<ApprovalState> {
  processKey ??= randomBytes(32).toString('base64url');
  return createRequestStateCodec<ApprovalState>({
    key: key ?? processKey,
    ttlSeconds: ELICITATION_TIMEOUT_MS / 1000,
    bind: (ctx) => `${tenantId}\0${ctx.mcpReq.method}`,
  });
}

/** True for a request of the 2026-07-28 revision (its `_meta` carries the version). */
export function isModernRequest(ctx: ServerContext): boolean {
  return envelopeOf(ctx)[PROTOCOL_VERSION_META_KEY] !== undefined;
}

/** The capabilities a 2026-07-28 request declares (per request: there is no `initialize`). */
export function requestClientCapabilities(ctx: ServerContext): ClientCapabilities | undefined {
  return envelopeOf(ctx)[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined;
}

function envelopeOf(ctx: ServerContext): Record<string, unknown> {
  return (ctx.mcpReq.envelope ?? {}) as Record<string, unknown>;
}

/**
 * A run that waits for approval, on 2026-07-28: the approval form as an embedded elicitation, with a
 * signed state naming the approval. The client asks its person and re-sends the call with the answer.
 */
export async function askForApproval(
  approval: ApprovalRequest,
  codec: RequestStateCodec<ApprovalState>,
  ctx: ServerContext,
  tool: string,
  round: number,
): Promise<InputRequiredResult> {
  const requestState = await codec.mint({ approvalId: approval.id, tool, round }, ctx);
  return inputRequired({
    inputRequests: { [APPROVAL_INPUT_KEY]: inputRequired.elicit(approvalForm(approval)) },
    requestState,
  });
}

/** What a retried call with the form's answer comes to. */
export type ApprovalContinuation =
  /** The decision was recorded and the run went on: its result (which may wait for another approval). */
  | { kind: 'result'; result: ExecutionResult }
  /** No usable answer came back: ask again for the same approval. */
  | { kind: 'ask'; approval: ApprovalRequest }
  /** Nothing ran: why, for the person (a tool error result). */
  | { kind: 'refused'; text: string };

/**
 * The retried call of round `state.round`: reads the form's answer from `inputResponses`. Accepted →
 * the decision is recorded (as a decision through the API would be) and the resumed run's result
 * returned; declined or cancelled → nothing runs and the approval stays pending in the queue, as on
 * 2025-11-25; an approval decided or expired meanwhile → refused with the reason.
 */
export async function continueWithAnswer(
  state: ApprovalState,
  ctx: ServerContext,
  approvals: ApprovalService,
  tenantId: string,
): Promise<ApprovalContinuation> {
  const response = inputResponse(ctx.mcpReq.inputResponses, APPROVAL_INPUT_KEY);
  const queued =
    `Approval ${state.approvalId} waits in the queue: decide with \`ventros approvals approve|reject ` +
    `${state.approvalId}\` or POST /api/approvals/${state.approvalId}.`;
  if (response.kind !== 'elicit') {
    try {
      const approval = await approvals.get(tenantId, state.approvalId);
      if (approval.status === 'pending') return { kind: 'ask', approval };
      return { kind: 'refused', text: `Approval ${state.approvalId} is already ${approval.status}.` };
    } catch (error) {
      return { kind: 'refused', text: `Approval ${state.approvalId}: ${errorMessage(error)}` };
    }
  }
  if (response.action !== 'accept') {
    return {
      kind: 'refused',
      text: `The approval form was ${response.action === 'decline' ? 'declined' : 'cancelled'}, so nothing ran. ${queued}`,
    };
  }
  const answer = ApprovalAnswerSchema.safeParse(response.content ?? {});
  if (!answer.success) {
    return {
      kind: 'refused',
      text: `The approval form's answer is not valid (decision approve or reject), so nothing ran. ${queued}`,
    };
  }
  try {
    const outcome = await approvals.decide(tenantId, state.approvalId, decisionOf(answer.data), {
      decidedBy: 'mcp-input-required',
      waitMs: ELICITATION_TIMEOUT_MS,
    });
    const result = outcome.result ?? (await outcome.finished);
    if (!result)
      return { kind: 'refused', text: `Approval ${state.approvalId} was decided, but the resumed run gave no result.` };
    return { kind: 'result', result };
  } catch (error) {
    return { kind: 'refused', text: `Approval ${state.approvalId} could not be decided: ${errorMessage(error)}` };
  }
}
