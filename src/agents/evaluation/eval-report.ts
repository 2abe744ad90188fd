import { z } from 'zod';
import type { ExecutionToolCall } from '../application/index.js';
import { type EvalCase, expectedAgents } from './eval-case.js';
import type { CaseRun } from './run-case.js';

/** Tool outputs longer than this are cut in reports (search results can be kilobytes). */
const MAX_OUTPUT_CHARS = 2_000;

const RateSchema = z.object({ cases: z.number().int(), passed: z.number().int(), pass_rate: z.number() });
const CheckRateSchema = z.object({ checks: z.number().int(), passed: z.number().int(), pass_rate: z.number() });

export const ReportCheckSchema = z.object({ kind: z.string(), passed: z.boolean(), detail: z.string() });

export const ReportToolCallSchema = z.object({
  tool_name: z.string(),
  input: z.record(z.string(), z.unknown()),
  output: z.string(),
  is_error: z.boolean().optional(),
  agent: z.string().optional(),
});

export const ReportTurnSchema = z.object({
  message: z.string(),
  response: z.string(),
  agent_used: z.string(),
  tool_calls: z.array(ReportToolCallSchema),
  error: z.string().optional(),
});

export const ReportCaseSchema = z.object({
  id: z.string(),
  /** The agent that answered the last turn ('' when it failed). */
  agent: z.string(),
  expected_agents: z.array(z.string()),
  /** What the case measures, for the per-agent table: the agent it was sent to, else the expected one. */
  target_agent: z.string(),
  /** 0-based repetition (`--repeat`). */
  repeat: z.number().int().nonnegative(),
  passed: z.boolean(),
  description: z.string(),
  tags: z.array(z.string()),
  tenant: z.string(),
  audience: z.string(),
  simulated: z.boolean(),
  duration_ms: z.number().nonnegative(),
  checks: z.array(ReportCheckSchema),
  turns: z.array(ReportTurnSchema),
});
export type ReportCase = z.infer<typeof ReportCaseSchema>;

export const SpreadSchema = z.object({
  runs: z.number().int(),
  pass_rates: z.array(z.number()),
  mean: z.number(),
  min: z.number(),
  max: z.number(),
  stddev: z.number(),
});
export type Spread = z.infer<typeof SpreadSchema>;

/**
 * The report of an eval run (`--json`, `${VENTROS_DATA_DIR}/evals/latest.json`, `GET /api/evals/latest`).
 * With `--repeat N` every case appears N times (`repeat` 0..N-1) and `summary.repeat` has the spread.
 */
export const EvalReportSchema = z.object({
  summary: z.object({
    pass_rate: z.number(),
    cases: z.number().int(),
    passed: z.number().int(),
    by_agent: z.record(z.string(), RateSchema),
    by_check: z.record(z.string(), CheckRateSchema),
    model: z.string(),
    judge: z.string().optional(),
    started_at: z.string(),
    /** The instant the cases ran as of (`--now`), when not the real clock. */
    as_of: z.string().optional(),
    duration_ms: z.number().nonnegative(),
    repeat: SpreadSchema.optional(),
  }),
  cases: z.array(ReportCaseSchema),
});
export type EvalReport = z.infer<typeof EvalReportSchema>;

const rate = (passed: number, total: number) => (total === 0 ? 0 : Math.round((passed / total) * 10_000) / 10_000);

function reportCall(call: ExecutionToolCall): z.infer<typeof ReportToolCallSchema> {
  const output = call.output.length > MAX_OUTPUT_CHARS ? `${call.output.slice(0, MAX_OUTPUT_CHARS)}…` : call.output;
  return {
    tool_name: call.tool_name,
    input: call.input,
    output,
    ...(call.is_error !== undefined ? { is_error: call.is_error } : {}),
    ...(call.agent !== undefined ? { agent: call.agent } : {}),
  };
}

/** One case's entry in the report. */
export function reportCase(evalCase: EvalCase, run: CaseRun, repeat: number): ReportCase {
  const expected = expectedAgents(evalCase);
  const agent = run.turns.at(-1)?.result?.agent_used ?? '';
  return {
    id: evalCase.id,
    agent,
    expected_agents: expected,
    target_agent: evalCase.agent !== 'auto' ? evalCase.agent : (expected[0] ?? (agent || 'unknown')),
    repeat,
    passed: run.checks.every((c) => c.passed),
    description: evalCase.description,
    tags: evalCase.tags,
    tenant: evalCase.tenant,
    audience: evalCase.audience,
    simulated: run.simulated,
    duration_ms: Math.round(run.durationMs),
    checks: run.checks.map((c) => ({ kind: c.kind, passed: c.passed, detail: c.detail })),
    turns: run.turns.map((t) => ({
      message: t.message,
      response: t.result?.response ?? '',
      agent_used: t.result?.agent_used ?? '',
      tool_calls: (t.result?.tool_calls ?? []).map(reportCall),
      ...(t.error !== undefined ? { error: t.error } : {}),
    })),
  };
}

/** Mean, min, max and (population) standard deviation of per-repetition pass rates. */
export function spreadOf(passRates: readonly number[]): Spread {
  const n = passRates.length;
  const mean = n === 0 ? 0 : passRates.reduce((a, b) => a + b, 0) / n;
  const variance = n === 0 ? 0 : passRates.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    runs: n,
    pass_rates: passRates.map(round),
    mean: round(mean),
    min: round(n === 0 ? 0 : Math.min(...passRates)),
    max: round(n === 0 ? 0 : Math.max(...passRates)),
    stddev: round(Math.sqrt(variance)),
  };
}

/** The report's summary from its cases: totals, per target agent, per check kind, and the spread. */
export function summarize(
  cases: readonly ReportCase[],
  meta: { model: string; judge?: string; startedAt: Date; asOf?: Date; durationMs: number; repeat: number },
): EvalReport {
  const byAgent: Record<string, { cases: number; passed: number; pass_rate: number }> = {};
  const byCheck: Record<string, { checks: number; passed: number; pass_rate: number }> = {};
  for (const c of cases) {
    const agent = byAgent[c.target_agent] ?? { cases: 0, passed: 0, pass_rate: 0 };
    byAgent[c.target_agent] = agent;
    agent.cases++;
    if (c.passed) agent.passed++;
    for (const check of c.checks) {
      const kind = byCheck[check.kind] ?? { checks: 0, passed: 0, pass_rate: 0 };
      byCheck[check.kind] = kind;
      kind.checks++;
      if (check.passed) kind.passed++;
    }
  }
  for (const a of Object.values(byAgent)) a.pass_rate = rate(a.passed, a.cases);
  for (const k of Object.values(byCheck)) k.pass_rate = rate(k.passed, k.checks);
  const sorted = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  const passed = cases.filter((c) => c.passed).length;
  const perRepeat = Array.from({ length: meta.repeat }, (_, r) => {
    const these = cases.filter((c) => c.repeat === r);
    return these.length === 0 ? 0 : these.filter((c) => c.passed).length / these.length;
  });
  return {
    summary: {
      pass_rate: rate(passed, cases.length),
      cases: cases.length,
      passed,
      by_agent: sorted(byAgent),
      by_check: sorted(byCheck),
      model: meta.model,
      ...(meta.judge ? { judge: meta.judge } : {}),
      started_at: meta.startedAt.toISOString(),
      ...(meta.asOf ? { as_of: meta.asOf.toISOString() } : {}),
      duration_ms: Math.round(meta.durationMs),
      ...(meta.repeat > 1 ? { repeat: spreadOf(perRepeat) } : {}),
    },
    cases: [...cases],
  };
}
