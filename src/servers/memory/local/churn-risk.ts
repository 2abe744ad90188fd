import { normalizeText } from '../../../shared/index.js';

/** Words that signal a customer wants to leave (accents stripped, lower case). */
const CANCELLATION =
  /\b(cancel\w*|desist\w*|encerr\w*|rescind\w*|concorrente\w*|quit|leav\w*|churn\w*|unsubscrib\w*)\b/;

export interface ChurnSignals {
  /** Mean sentiment of the customer's messages, -1..1, or null. */
  sentimentAverage: number | null;
  /** Complaint memories plus complaint tickets. */
  complaints: number;
  /** Days since the last interaction; null = never. */
  daysSinceLastActivity: number | null;
  /** A recent text of the customer (messages, complaint memories) talks about cancelling or leaving. */
  mentionsCancellation: boolean;
}

/** True when a text talks about cancelling or leaving. */
export function mentionsCancellation(text: string): boolean {
  return CANCELLATION.test(normalizeText(text));
}

/**
 * Churn risk 0..1, a documented heuristic (not a model):
 *   0.30 × negativity   (max(0, −average sentiment))
 * + 0.25 × complaints   (min(1, complaints / 3))
 * + 0.20 × inactivity   (min(1, days since last activity / 90); 0.5 when unknown)
 * + 0.25 × cancellation (1 when a recent text mentions cancelling/leaving)
 * rounded to two decimals.
 */
export function churnRisk(signals: ChurnSignals): number {
  const negativity = Math.max(0, -(signals.sentimentAverage ?? 0));
  const complaints = Math.min(1, signals.complaints / 3);
  const inactivity =
    signals.daysSinceLastActivity === null ? 0.5 : Math.min(1, Math.max(0, signals.daysSinceLastActivity) / 90);
  const cancellation = signals.mentionsCancellation ? 1 : 0;
  const risk = 0.3 * negativity + 0.25 * complaints + 0.2 * inactivity + 0.25 * cancellation;
  return Math.round(Math.min(1, Math.max(0, risk)) * 100) / 100;
}
