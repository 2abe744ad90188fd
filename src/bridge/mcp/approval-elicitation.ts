import { ElicitResultSchema } from '@modelcontextprotocol/core';
import type { ClientCapabilities, ServerContext } from '@modelcontextprotocol/server';
import type { ApprovalService } from '../../agents/application/approval-service.js';
import type { ExecutionResult } from '../../agents/application/execution-result.js';
import { errorMessage } from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';
import { type ApprovalAnswer, ApprovalAnswerSchema, approvalForm, decisionOf } from './approval-form.js';

type ToolExtra = ServerContext;

/** How long the person at the client has to answer one form (then the approval stays in the queue). */
export const ELICITATION_TIMEOUT_MS = 10 * 60 * 1000;

/** A resumed run may pause again on another gated call: ask at most this many times per tool call. */
export const MAX_APPROVAL_ROUNDS = 3;

/** Whether the client said it can show a form (`elicitation: {}` is form mode in the spec). */
export function supportsFormElicitation(capabilities: ClientCapabilities | undefined): boolean {
  const elicitation = capabilities?.elicitation as { form?: unknown; url?: unknown } | undefined;
  if (!elicitation) return false;
  return elicitation.form !== undefined || elicitation.url === undefined;
}

/**
 * A run that waits for approval, served to a client that can show forms: asks the person right there
 * (`elicitation/create`, form mode: the action and why, its arguments as editable JSON, approve or
 * reject, a note) and continues the run with the answer. A declined or cancelled form, no answer within
 * {@link ELICITATION_TIMEOUT_MS}, or a failure leaves the approval pending in the queue: the caller gets
 * the awaiting_approval result, as a client without elicitation does.
 */
export async function decideByElicitation(
  first: ExecutionResult,
  approvals: ApprovalService,
  tenantId: string,
  extra: ToolExtra,
): Promise<ExecutionResult> {
  let result = first;
  for (
    let round = 0;
    round < MAX_APPROVAL_ROUNDS && result.status === 'awaiting_approval' && result.approval;
    round++
  ) {
    const approval = result.approval;
    let answer: ApprovalAnswer;
    try {
      const reply = await extra.mcpReq.send(
        { method: 'elicitation/create', params: approvalForm(approval) },
        ElicitResultSchema,
        { timeout: ELICITATION_TIMEOUT_MS, signal: extra.mcpReq.signal },
      );
      if (reply.action !== 'accept') return result;
      answer = ApprovalAnswerSchema.parse(reply.content ?? {});
    } catch (error) {
      logger.warn(
        { err: errorMessage(error), approvalId: approval.id },
        'elicitation failed; the approval waits in the queue',
      );
      return result;
    }
    const outcome = await approvals.decide(tenantId, approval.id, decisionOf(answer), {
      decidedBy: 'mcp-elicitation',
      waitMs: ELICITATION_TIMEOUT_MS,
    });
    const next = outcome.result ?? (await outcome.finished);
    if (!next) return result;
    result = next;
  }
  return result;
}
