import { callsOf, outputOf, type Scorer } from '../scorer.js';

/** CLV (BRL) above which a supervisor handles a retention (the seed's rule). */
export const SUPERVISOR_CLV = 50_000;
/** Severity from which a case goes to a supervisor. */
export const SUPERVISOR_SEVERITY = 8;

const RETENTION_OFFERING_AGENTS = new Set(['retention_churn', 'retention_winback']);

/**
 * `supervisor_escalation` (seed: "If severity >= 8 OR CLV > R$ 50,000: escalate immediately to
 * supervisor; do NOT attempt retention yourself"). Due when the case says so (`severity` ≥ 8 or
 * `escalate: true`), or when a retention run saw a customer value above R$ 50.000; then
 * escalate_to_supervisor succeeds and no retention offer is attempted. `escalate: false` forbids it.
 */
export const supervisorEscalationScorer: Scorer = (ctx) => {
  const { severity, escalate } = ctx.evalCase.expect;
  const calls = callsOf(ctx);
  const retentionRun =
    calls.some((c) => c.tool_name === 'create_retention_offer') ||
    ctx.turns.some((t) => RETENTION_OFFERING_AGENTS.has(t.result?.agent_used ?? ''));
  const highValue = calls
    .filter((c) => c.tool_name === 'check_customer_value')
    .map(outputOf)
    .find((out) => out && (out['requires_supervisor'] === true || Number(out['clv']) > SUPERVISOR_CLV));
  const reasons: string[] = [];
  if (severity !== undefined && severity >= SUPERVISOR_SEVERITY) reasons.push(`severity ${severity}`);
  if (escalate === true) reasons.push('the case requires it');
  if (highValue && retentionRun) reasons.push(`CLV R$ ${highValue['clv']}`);
  const escalated = calls.filter((c) => c.tool_name === 'escalate_to_supervisor');
  const succeeded = escalated.some((c) => !c.is_error);
  if (escalate === false) {
    return [
      {
        kind: 'supervisor_escalation',
        passed: escalated.length === 0,
        detail:
          escalated.length === 0 ? 'not escalated, as expected' : 'escalated a case that did not need a supervisor',
      },
    ];
  }
  if (reasons.length === 0) return [];
  const offered = calls.filter((c) => c.tool_name === 'create_retention_offer');
  const problems = [
    ...(succeeded ? [] : [escalated.length > 0 ? 'escalate_to_supervisor failed' : 'not escalated to a supervisor']),
    ...(offered.length > 0 ? [`attempted ${offered.length} retention offer(s) itself`] : []),
  ];
  return [
    {
      kind: 'supervisor_escalation',
      passed: problems.length === 0,
      detail: `due (${reasons.join(', ')}): ${problems.length === 0 ? 'escalated, no offer of its own' : problems.join('; ')}`,
    },
  ];
};
