import { normalizeText } from '../../../../../shared/index.js';
import type { OfflinePolicy, PolicyResults, PolicyState } from '../../offline-policy.js';
import { balancedPolicy } from '../general.js';

/** Deterministic scores for a draft (the offline critic): empathy words, length, echoing the question. */
export function heuristicScores(
  draft: string,
  message: string,
): { accuracy: number; empathy: number; completeness: number } {
  const text = normalizeText(draft);
  const empathy = /\b(entendo|sinto muito|lamento|compreendo|obrigad|understand|sorry)\b/.test(text) ? 9 : 6;
  const asked = normalizeText(message)
    .split(' ')
    .filter((w) => w.length > 4);
  const covered = asked.length === 0 ? 1 : asked.filter((w) => text.includes(w)).length / asked.length;
  const completeness = Math.min(10, Math.round(5 + covered * 5 + (draft.length > 60 ? 1 : 0)));
  return { accuracy: 8, empathy, completeness };
}

const draftOf = (message: string, results: PolicyResults, state: PolicyState): string =>
  balancedPolicy.answer(message, results, state);

/**
 * reflective_agent (catalog/patterns/reflection.ts): drafts the generalist's answer, critiques it once
 * with heuristic scores (critique_response), and answers with the draft.
 */
export const reflectivePolicy: OfflinePolicy = {
  searchMemoryFirst: true,
  mainTool: (message, state) => {
    const draft = draftOf(message, new Map(), state);
    return { name: 'critique_response', args: { response: draft, ...heuristicScores(draft, message), issues: [] } };
  },
  answer: draftOf,
};
