import { DRAFT_KEY } from '../../../../catalog/patterns/pattern-names.js';
import type { OfflinePolicy } from '../../offline-policy.js';
import { heuristicScores } from './reflection.js';

/**
 * qa_reviewer (catalog/patterns/qa-loop.ts): scores the drafter's answer (state `qa_draft`) with the
 * heuristic critic, records it with record_quality, and answers with the draft. The drafter, qa_drafter,
 * follows the generalist's policy.
 */
export const qaReviewerPolicy: OfflinePolicy = {
  mainTool: (message, state) => {
    const draft = String(state[DRAFT_KEY] ?? '');
    const s = heuristicScores(draft, message);
    const score = Math.round(((s.accuracy + s.empathy + s.completeness) / 30) * 100) / 100;
    return {
      name: 'record_quality',
      args: { quality_score: score, feedback: s.empathy < 8 ? 'Mostre mais empatia com o cliente.' : '' },
    };
  },
  answer: (_message, _results, state) => String(state[DRAFT_KEY] ?? ''),
};
