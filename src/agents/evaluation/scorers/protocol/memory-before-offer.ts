import { callsOf, type Scorer, turnLabel } from '../scorer.js';

/**
 * `memory_before_offer` (seed: "ALWAYS start by searching memory"): in every turn that makes a
 * retention offer (attempts included), search_memory ran earlier in that same turn.
 */
export const memoryBeforeOfferScorer: Scorer = (ctx) => {
  const problems: string[] = [];
  let offers = 0;
  ctx.turns.forEach((_, turn) => {
    const calls = callsOf(ctx, [turn]).map((c) => c.tool_name);
    const offer = calls.indexOf('create_retention_offer');
    if (offer < 0) return;
    offers++;
    const search = calls.indexOf('search_memory');
    if (search < 0 || search > offer) problems.push(`${turnLabel(ctx, turn)}offer before any search_memory`);
  });
  if (offers === 0) return [];
  return [
    {
      kind: 'memory_before_offer',
      passed: problems.length === 0,
      detail: problems.length === 0 ? 'search_memory before every offer' : problems.join('; '),
    },
  ];
};
