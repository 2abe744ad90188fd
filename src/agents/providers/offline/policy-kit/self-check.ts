import { normalizeText } from '../../../../shared/index.js';

/** What a retention answer may promise: the numbers the tools returned this turn. */
export interface Promises {
  /** The discount the offer tool created, if any. */
  discountPercent?: number | undefined;
  /** How many months it lasts, if an offer was created. */
  months?: number | undefined;
  /** The customer's tenure in months (check_customer_value): a fact the answer may cite. */
  tenureMonths?: number | undefined;
}

/** One failed critique, named after the seed's question. */
export type CritiqueFailure = 'not_empathetic' | 'over_promising';

// Openers that acknowledge the customer before proposing anything (PT-BR, English, Spanish).
const EMPATHY =
  /^(entendo|sinto muito|lamento|que bom|compreendo|i understand|i am sorry|i m sorry|sorry|great to|entiendo|lo siento|lamento|que bueno)/;

/**
 * The seed's self-reflection before sending, for deterministic answers: is it empathetic (it opens by
 * acknowledging the customer), and does it promise only what the tools returned (every percentage is
 * the created offer's discount, every "N meses/months" its duration)? "Does it address the root
 * cause" is the policy's choice of answer, not a property of its text. Returns the failed critiques.
 */
export function critique(draft: string, promises: Promises): CritiqueFailure[] {
  const failures: CritiqueFailure[] = [];
  if (!EMPATHY.test(normalizeText(draft).replace(/^[^a-z]+/, ''))) failures.push('not_empathetic');
  const percents = [...draft.matchAll(/(\d{1,3})\s*%/g)].map((m) => Number(m[1]));
  const months = [...draft.matchAll(/(\d{1,2})\s*(?:meses|mes|months|month)\b/gi)].map((m) => Number(m[1]));
  const overPercent = percents.some((p) => p !== promises.discountPercent);
  const overMonths = months.some((m) => m !== promises.months && m !== promises.tenureMonths);
  if (overPercent || overMonths) failures.push('over_promising');
  return failures;
}

/**
 * Sends the draft when it passes the critique; otherwise regenerates once: an answer that is not
 * empathetic gets the acknowledgement in front, one that over-promises is replaced by the safe answer
 * (which promises nothing). Bounded: one regeneration, and the safe answer is sent as it is.
 */
export function selfChecked(draft: string, promises: Promises, acknowledgement: string, safe: string): string {
  const failures = critique(draft, promises);
  if (failures.length === 0) return draft;
  if (failures.includes('over_promising')) return safe;
  return `${acknowledgement} ${draft}`;
}
