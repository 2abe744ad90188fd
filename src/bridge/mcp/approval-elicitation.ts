import { ElicitResultSchema } from '@modelcontextprotocol/core';
import type { ClientCapabilities, ServerContext } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ApprovalService } from '../../agents/application/approval-service.js';
import type { ExecutionResult } from '../../agents/application/execution-result.js';
import { errorMessage } from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';

type ToolExtra = ServerContext;

/** How long the person at the client has to answer one form (then the approval stays in the queue). */
export const ELICITATION_TIMEOUT_MS = 10 * 60 * 1000;

/** A resumed run may pause again on another gated call: ask at most this many times per tool call. */
const MAX_ROUNDS = 3;

/** What the form sends back (the requested schema, checked again: it came over the wire). */
const AnswerSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  arguments: z.string().max(100_000).optional(),
  note: z.string().max(2000).optional(),
});

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
  for (let round = 0; round < MAX_ROUNDS && result.status === 'awaiting_approval' && result.approval; round++) {
    const approval = result.approval;
    let answer: z.infer<typeof AnswerSchema>;
    try {
      const reply = await extra.mcpReq.send(
        {
          method: 'elicitation/create',
          params: {
            mode: 'form',
            message:
              `Approval needed — ${approval.agent} wants to call ${approval.tool}: ${approval.reason}.\n` +
              `Arguments: ${JSON.stringify(approval.arguments)}\n(approval ${approval.id}, expires ${approval.expires_at})`,
            requestedSchema: {
              type: 'object',
              properties: {
                decision: {
                  type: 'string',
                  title: 'Decision',
                  enum: ['approve', 'reject'],
                  enumNames: ['Approve', 'Reject'],
                },
                arguments: {
                  type: 'string',
                  title: 'Arguments (JSON)',
                  description: 'Edit to run the action with other arguments (approve only).',
                  default: JSON.stringify(approval.arguments),
                },
                note: {
                  type: 'string',
                  title: 'Note',
                  description: 'What the agent should know (it tells the customer).',
                },
              },
              required: ['decision'],
            },
          },
        },
        ElicitResultSchema,
        { timeout: ELICITATION_TIMEOUT_MS, signal: extra.mcpReq.signal },
      );
      if (reply.action !== 'accept') return result;
      answer = AnswerSchema.parse(reply.content ?? {});
    } catch (error) {
      logger.warn(
        { err: errorMessage(error), approvalId: approval.id },
        'elicitation failed; the approval waits in the queue',
      );
      return result;
    }
    const edited = answer.decision === 'approve' && answer.arguments ? parseArguments(answer.arguments) : undefined;
    const outcome = await approvals.decide(
      tenantId,
      approval.id,
      {
        decision: answer.decision,
        ...(edited ? { arguments: edited } : {}),
        ...(answer.note ? { note: answer.note } : {}),
      },
      { decidedBy: 'mcp-elicitation', waitMs: ELICITATION_TIMEOUT_MS },
    );
    const next = outcome.result ?? (await outcome.finished);
    if (!next) return result;
    result = next;
  }
  return result;
}

/** The edited arguments; text that is not a JSON object keeps the original ones. */
function parseArguments(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
