import type { ElicitRequestFormParams } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ApprovalRequest } from '../../agents/application/execution-result.js';

/** What the approval form sends back (the requested schema, checked again: it came over the wire). */
export const ApprovalAnswerSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  arguments: z.string().max(100_000).optional(),
  note: z.string().max(2000).optional(),
});

export type ApprovalAnswer = z.infer<typeof ApprovalAnswerSchema>;

/**
 * The form a person at an MCP client answers for one gated action (form-mode elicitation): the action
 * and why, its arguments as editable JSON, approve or reject, a note. The same form on both revisions:
 * sent as `elicitation/create` on 2025-11-25, embedded in an input-required result on 2026-07-28.
 */
export function approvalForm(approval: ApprovalRequest): ElicitRequestFormParams {
  return {
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
  };
}

/** The decision to record for an accepted form: edited arguments only when they are a JSON object. */
export function decisionOf(answer: ApprovalAnswer): {
  decision: 'approve' | 'reject';
  arguments?: Record<string, unknown>;
  note?: string;
} {
  const edited = answer.decision === 'approve' && answer.arguments ? parseArguments(answer.arguments) : undefined;
  return {
    decision: answer.decision,
    ...(edited ? { arguments: edited } : {}),
    ...(answer.note ? { note: answer.note } : {}),
  };
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
