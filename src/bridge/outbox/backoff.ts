/** Exponential backoff settings: `baseMs * 2^(attempt-1)`, capped, with up to 20% jitter. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before retry number `attempt` (1 = the first retry). Jitter spreads retries of many
 * consumers/rows so they don't hit a recovering broker or provider in lockstep.
 */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, attempt - 1), 30);
  const raw = Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent);
  return Math.round(raw * (0.8 + 0.2 * random()));
}
