/**
 * Turns raw similarity scores into a confidence in 0..1: a logistic function of how far the best
 * score clears the threshold and how far it is ahead of the runner-up. The coefficients were fitted
 * (logistic regression) with the LocalEmbedder and the default scoring on the 196 messages of
 * `test/fixtures/routing/labelled-messages.json`, routed WITHOUT the intent examples later written from
 * those messages' confusions, so the fit sees out-of-sample messages (a router that knows its test set
 * would look sure of everything). `test/agents/router/routing-accuracy.test.ts` prints the reliability
 * table on the fresh holdout. With another embedder they are a reasonable prior, not a fit.
 */
export interface Calibration {
  /** Weight of (best − threshold). */
  readonly scale: number;
  /** Weight of (best − second best). */
  readonly marginScale: number;
  /** Intercept. */
  readonly bias: number;
}

/** Fitted as described above (LocalEmbedder, 512 dims, DEFAULT_SCORING, DEFAULT_THRESHOLD). */
export const DEFAULT_CALIBRATION: Calibration = { scale: 6.9, marginScale: 44.6, bias: -1.3 };

/** Probability that the best template is right, given its score and the runner-up's. */
export function calibrate(best: number, second: number, threshold: number, calibration: Calibration): number {
  const z = calibration.bias + calibration.scale * (best - threshold) + calibration.marginScale * (best - second);
  return 1 / (1 + Math.exp(-z));
}
