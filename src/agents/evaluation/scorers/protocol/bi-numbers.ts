import { answerNumbers, isTraceable, sourceNumbers } from '../../numbers.js';
import { callsOf, type Scorer, turnLabel } from '../scorer.js';

const ANALYTICS_AGENTS = new Set(['bi_manager', 'agent_analyzer']);

/**
 * `bi_numbers` (seed's BI Manager: "NEVER invent numbers: every number comes from a tool result of
 * this conversation"): in each turn an analytics agent answered, an answer with numbers rests on at
 * least one successful tool call of that turn, and each of its numbers is in that turn's tool results
 * (or in the question: "últimos 30 dias").
 */
export const biNumbersScorer: Scorer = (ctx) => {
  const problems: string[] = [];
  let applicable = false;
  ctx.turns.forEach((turn, t) => {
    const result = turn.result;
    if (!result) return;
    if (!ANALYTICS_AGENTS.has(result.agent_used) && result.metadata['agent_category'] !== 'analytics') return;
    applicable = true;
    const numbers = answerNumbers(result.response);
    if (numbers.length === 0) return;
    const calls = callsOf(ctx, [t]).filter((c) => !c.is_error);
    if (calls.length === 0) {
      problems.push(`${turnLabel(ctx, t)}${numbers.length} number(s) with no successful tool call`);
      return;
    }
    const sources = [
      ...calls.flatMap((c) => sourceNumbers(c.output)),
      ...answerNumbers(turn.message).flatMap((n) => n.readings.map((r) => r.value)),
    ];
    const invented = numbers.filter((n) => !isTraceable(n, sources)).map((n) => n.text);
    if (invented.length > 0) problems.push(`${turnLabel(ctx, t)}not from this turn's tools: ${invented.join(', ')}`);
  });
  if (!applicable) return [];
  return [
    {
      kind: 'bi_numbers',
      passed: problems.length === 0,
      detail: problems.length === 0 ? 'every number from a tool result' : problems.join('; '),
    },
  ];
};
