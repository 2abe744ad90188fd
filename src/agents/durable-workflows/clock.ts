import { z } from 'zod';
import { InvalidWorkflowInputError } from './errors.js';

/** One workflow day in milliseconds of workflow time. */
export const DAY_MS = 86_400_000;

/** The largest scale accepted: a 30-day workflow then lasts about 2.6 ms of sleeps. */
export const MAX_CLOCK_SCALE = 1_000_000_000;

/**
 * Workflow time → real time. Workflows speak in days (`clock.days(3)`); the clock divides by
 * `VENTROS_WORKFLOW_CLOCK_SCALE`, so 86400 makes a workflow day last one real second. The engine
 * records every sleep's absolute deadline, so changing the scale never moves a sleep already begun.
 */
export interface WorkflowClock {
  readonly scale: number;
  /** Real milliseconds of `n` workflow days. */
  days(n: number): number;
  /** Real milliseconds of `ms` workflow milliseconds. */
  toRealMs(ms: number): number;
}

/**
 * A clock running `scale` times faster than real time (1 = real time).
 *
 * @example createWorkflowClock(86_400).days(30) // 30_000
 */
export function createWorkflowClock(scale = 1): WorkflowClock {
  const checked = ClockScaleSchema.parse(scale);
  const toRealMs = (ms: number) => ms / checked;
  return { scale: checked, toRealMs, days: (n) => toRealMs(n * DAY_MS) };
}

const ClockScaleSchema = z.number().positive().max(MAX_CLOCK_SCALE).finite();

/**
 * Reads `VENTROS_WORKFLOW_CLOCK_SCALE` (unset or empty → 1).
 *
 * @example parseClockScale('86400') // 86400
 */
export function parseClockScale(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 1;
  const parsed = ClockScaleSchema.safeParse(Number(raw));
  if (!parsed.success) {
    throw new InvalidWorkflowInputError(
      `VENTROS_WORKFLOW_CLOCK_SCALE: expected a positive number up to ${MAX_CLOCK_SCALE}, got "${raw}"`,
    );
  }
  return parsed.data;
}
