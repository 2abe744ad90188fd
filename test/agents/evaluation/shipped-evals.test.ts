import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Baseline, BaselineSchema, regressionsOf } from '../../../src/agents/evaluation/baseline.js';
import { type EvalCase, expectedAgents } from '../../../src/agents/evaluation/eval-case.js';
import { atInstant } from '../../../src/agents/evaluation/eval-clock.js';
import type { EvalReport } from '../../../src/agents/evaluation/eval-report.js';
import { loadEvalSets } from '../../../src/agents/evaluation/load-eval-sets.js';
import { runEval } from '../../../src/agents/evaluation/run-eval.js';
import { createScratchTargets, type ScratchTargets } from '../../../src/cli/app/eval-targets.js';

const EVALS = resolve(import.meta.dirname, '../../../evals');

/**
 * The CI gate: the shipped eval sets on the offline model, through the real engine (scratch copies of
 * the seeded store, the full application), must stay at or above the committed floors of
 * evals/baseline.json — today's rates minus a small margin. The expectations are what a good agent
 * does, so many cases fail today; a drop below the floor is a regression. Both run as of the
 * baseline's `as_of` instant (the demo data and every "today"/"this month" follow it), so the gate
 * gives the same verdicts on any day. After an improvement (or an accepted change) refresh the floors
 * with `ventros eval --now <as_of> --write-baseline evals/baseline.json`.
 */
describe('the shipped eval sets on the offline model', () => {
  let cases: EvalCase[];
  let scratch: ScratchTargets;
  let report: EvalReport;
  const baseline: Baseline = BaselineSchema.parse(JSON.parse(readFileSync(resolve(EVALS, 'baseline.json'), 'utf8')));
  const asOf = baseline.as_of ? new Date(baseline.as_of) : undefined;

  beforeAll(async () => {
    cases = loadEvalSets([EVALS]).map((l) => l.case);
    report = await atInstant(asOf, async () => {
      scratch = await createScratchTargets({ env: { VENTROS_MODEL: 'offline' } });
      return runEval({ cases, openTarget: scratch.openTarget, model: 'offline', concurrency: 2 });
    });
  }, 300_000);
  afterAll(async () => {
    await scratch?.dispose();
  });

  it('has at least 200 cases over every specialist and the coordinator, both audiences and three languages', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const target = await scratch.openTarget();
    const templates = target.app
      .agents()
      .filter((a) => a.category !== 'workflow')
      .map((a) => a.type);
    await target.close();
    const measured = new Set(report.cases.map((c) => c.target_agent));
    expect(templates.filter((t) => !measured.has(t))).toEqual([]);
    expect(new Set(cases.map((c) => c.audience))).toEqual(new Set(['customer', 'staff']));
    const languages = new Set(cases.map((c) => c.expect.answer?.language ?? c.turns.at(-1)?.expect?.answer?.language));
    expect([...languages].sort()).toEqual(['en', 'es', 'pt']);
    expect(cases.every((c) => expectedAgents(c).length > 0)).toBe(true);
  });

  it('stays at or above the committed baseline, overall and for every agent, as of its instant', () => {
    expect(asOf, 'evals/baseline.json must name the instant it was measured as of (as_of)').toBeDefined();
    const regressions = regressionsOf(report, baseline);
    const failing = report.cases.filter((c) => !c.passed).map((c) => `${c.target_agent}/${c.id}`);
    expect(regressions, `below the baseline; failing cases now:\n${failing.join('\n')}`).toEqual([]);
  });

  it('is deterministic on the offline model: the same verdicts, agents and tools on a second run of a sample', async () => {
    const sample = cases.filter((_, i) => i % 10 === 0);
    const again = await atInstant(asOf, () =>
      runEval({ cases: sample, openTarget: scratch.openTarget, model: 'offline', concurrency: 1 }),
    );
    const view = (r: EvalReport) =>
      r.cases.map((c) => [c.id, c.passed, c.agent, c.turns.map((t) => t.tool_calls.map((x) => x.tool_name))]);
    const first = report.cases.filter((c) => sample.some((s) => s.id === c.id));
    expect(view(again)).toEqual(view({ ...report, cases: first }));
  }, 120_000);
});
