import { z } from 'zod';
import type { EvalReport } from './eval-report.js';

/**
 * The committed pass-rate floor CI checks (`evals/baseline.json`): the rates measured on the offline
 * model minus a small margin, overall and per agent. A report below any floor is a regression.
 */
export const BaselineSchema = z.object({
  model: z.string(),
  measured_at: z.string(),
  /**
   * The instant the cases ran "as of" (`ventros eval --now`): a check against this baseline runs as of
   * the same instant, so calendar answers ("this month") compare on any day.
   */
  as_of: z.string().datetime({ offset: true }).optional(),
  margin: z.number().min(0).max(1),
  /** The floors: measured minus the margin. */
  pass_rate: z.number().min(0).max(1),
  by_agent: z.record(z.string(), z.number().min(0).max(1)),
  /** What was measured, for reference. */
  measured: z.object({
    pass_rate: z.number(),
    cases: z.number().int(),
    by_agent: z.record(z.string(), z.number()),
    by_check: z.record(z.string(), z.number()),
  }),
});
export type Baseline = z.infer<typeof BaselineSchema>;

/** A rate below its floor. */
export interface Regression {
  scope: 'overall' | 'agent';
  name: string;
  rate: number;
  floor: number;
}

const floor = (rate: number, margin: number) => Math.max(0, Math.round((rate - margin) * 10_000) / 10_000);

/** A baseline from a report: each rate minus `margin`. */
export function baselineOf(report: EvalReport, margin = 0.02): Baseline {
  const { summary } = report;
  return {
    model: summary.model,
    measured_at: summary.started_at,
    ...(summary.as_of ? { as_of: summary.as_of } : {}),
    margin,
    pass_rate: floor(summary.pass_rate, margin),
    by_agent: Object.fromEntries(Object.entries(summary.by_agent).map(([a, r]) => [a, floor(r.pass_rate, margin)])),
    measured: {
      pass_rate: summary.pass_rate,
      cases: summary.cases,
      by_agent: Object.fromEntries(Object.entries(summary.by_agent).map(([a, r]) => [a, r.pass_rate])),
      by_check: Object.fromEntries(Object.entries(summary.by_check).map(([k, r]) => [k, r.pass_rate])),
    },
  };
}

/** The rates of `report` below the baseline's floors (an agent the report lacks is not a regression). */
export function regressionsOf(report: EvalReport, baseline: Baseline): Regression[] {
  const out: Regression[] = [];
  if (report.summary.pass_rate < baseline.pass_rate) {
    out.push({ scope: 'overall', name: 'all', rate: report.summary.pass_rate, floor: baseline.pass_rate });
  }
  for (const [agent, min] of Object.entries(baseline.by_agent)) {
    const rate = report.summary.by_agent[agent]?.pass_rate;
    if (rate !== undefined && rate < min) out.push({ scope: 'agent', name: agent, rate, floor: min });
  }
  return out;
}
