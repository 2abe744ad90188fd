import { ToolError } from '../framework/index.js';
import { ASSIGNABLE_SCORE } from './lead-score.js';

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
