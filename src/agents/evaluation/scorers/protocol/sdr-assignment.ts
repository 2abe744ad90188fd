import { callsOf, outputOf, type Scorer, turnLabel } from '../scorer.js';

/** Lowest lead score a human closer may receive. */
export const ASSIGN_MIN_SCORE = 60;
/** Hot leads: assigned to a closer at once. */
export const HOT_SCORE = 80;

/** The lead score a call reports, if any (calculate_lead_score, qualify_lead, assign_to_agent and its refusal). */
function scoreOf(call: { tool_name: string; output: string; is_error?: boolean | undefined }): number | undefined {
  const out = outputOf({ output: call.output, is_error: call.is_error ?? false });
  if (call.tool_name === 'calculate_lead_score' && typeof out?.['total_score'] === 'number') return out['total_score'];
  if (call.tool_name === 'qualify_lead') {
    const score = out?.['score'] as { total_score?: unknown } | null | undefined;
    if (typeof score?.total_score === 'number') return score.total_score;
  }
  if (call.tool_name === 'assign_to_agent') {
    const lead = out?.['lead'] as { score?: unknown } | undefined;
    if (typeof lead?.score === 'number') return lead.score;
    const refused = /score (\d+(?:\.\d+)?)/.exec(call.output);
    if (refused) return Number(refused[1]);
  }
  return undefined;
}

/**
 * `sdr_assignment` (seed: "score ≥ 80 HOT → assign immediately; < 60 → do not assign"): every
 * assign_to_agent (attempts included) comes after a score of at least 60 was known, and an SDR turn
 * that scored a lead at 80 or more assigns it.
 */
export const sdrAssignmentScorer: Scorer = (ctx) => {
  const problems: string[] = [];
  const notes: string[] = [];
  let applicable = false;
  let known: number | undefined;
  ctx.turns.forEach((turn, t) => {
    let hot = false;
    let assigned = false;
    for (const call of callsOf(ctx, [t])) {
      if (call.tool_name === 'assign_to_agent') {
        applicable = true;
        assigned = true;
        const score = known ?? scoreOf(call);
        if (score === undefined) problems.push(`${turnLabel(ctx, t)}assigned a lead with no score`);
        else if (score < ASSIGN_MIN_SCORE)
          problems.push(`${turnLabel(ctx, t)}assigned a lead scored ${score} (< ${ASSIGN_MIN_SCORE})`);
        else notes.push(`assigned at ${score}`);
      }
      const score = scoreOf(call);
      if (score !== undefined && call.tool_name !== 'assign_to_agent') {
        known = score;
        if (score >= HOT_SCORE) hot = true;
      }
    }
    if (turn.result?.agent_used === 'sdr' && known !== undefined) {
      applicable = true;
      if (hot && !assigned) problems.push(`${turnLabel(ctx, t)}hot lead (${known}) not assigned to a closer`);
      else if (!assigned) notes.push(`scored ${known}, not assigned`);
    }
  });
  if (!applicable) return [];
  return [
    {
      kind: 'sdr_assignment',
      passed: problems.length === 0,
      detail: problems.length === 0 ? notes.join('; ') || 'ok' : problems.join('; '),
    },
  ];
};
