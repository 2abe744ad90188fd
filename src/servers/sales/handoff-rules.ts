import { ToolError } from '../framework/index.js';
import { ASSIGNABLE_SCORE } from './lead-score.js';

// The sales server's rule checks, shared by its handlers and the proxy (servers/grpc/proxy-rules.ts).

/**
 * "NEVER assign to a human if score < 60": the check `assign_to_agent` runs, shared by the local handler
 * and the proxy (servers/grpc/proxy-rules.ts) so a Go-backed assignment is refused the same way before it
 * leaves. Returns the score. `approved`: a person overrode the threshold for this very call (the host's approval gate).
 */
export function checkAssignable(lead: { id: string; score: number | null }, approved: boolean): number {
  if (lead.score === null) {
    throw new ToolError(
      `Lead ${lead.id} has no score yet: score it with calculate_lead_score; only leads with score ≥ ${ASSIGNABLE_SCORE} can be assigned.`,
      { lead_id: lead.id },
    );
  }
  if (lead.score < ASSIGNABLE_SCORE && !approved) {
    throw new ToolError(
      `Lead ${lead.id} has score ${lead.score}, below ${ASSIGNABLE_SCORE}: only qualified leads may go to a human closer (it wastes the closer's time). Nurture it instead (create_follow_up_task) and re-score later.`,
      { lead_id: lead.id, score: lead.score, minimum: ASSIGNABLE_SCORE },
    );
  }
  return lead.score;
}

const DAY = 86_400_000;

/**
 * When a follow-up is due: the exact `due_at` (refused unless ISO-8601), else `due_in_days` (default 1)
 * from now. Shared with the proxy, which refuses a bad `due_at` before the call leaves.
 */
export function followUpDueAt(
  args: { due_at?: string | undefined; due_in_days?: number | undefined },
  now: Date,
): Date {
  if (args.due_at) {
    const dueAt = new Date(args.due_at);
    if (Number.isNaN(dueAt.getTime())) throw new ToolError(`due_at "${args.due_at}" is not an ISO-8601 date-time.`);
    return dueAt;
  }
  return new Date(now.getTime() + (args.due_in_days ?? 1) * DAY);
}
