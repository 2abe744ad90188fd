/**
 * Turns raw similarity scores into a confidence in 0..1: a logistic function of how far the best
 * score clears the threshold and how far it is ahead of the runner-up. The coefficients were fitted
 * (logistic regression, see `test/agents/router/routing-accuracy.test.ts`, which prints the
 * reliability table) on the labelled routing set with the LocalEmbedder; with another embedder they
 * are a reasonable prior, not a fit.
 */
export interface Calibration {
  /** Weight of (best − threshold). */
  readonly scale: number;
  /** Weight of (best − second best). */
  readonly marginScale: number;
  /** Intercept. */
  readonly bias: number;
}

/** Fitted on the `dev` split of test/fixtures/routing/labelled-messages.json with LocalEmbedder (512 dims). */
export const DEFAULT_CALIBRATION: Calibration = { scale: 13.1, marginScale: 8.8, bias: -1.6 };

/** Probability that the best template is right, given its score and the runner-up's. */
export function calibrate(best: number, second: number, threshold: number, calibration: Calibration): number {
  const z = calibration.bias + calibration.scale * (best - threshold) + calibration.marginScale * (best - second);
  return 1 / (1 + Math.exp(-z));
}
