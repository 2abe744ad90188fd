import type { Trajectory } from '../eval-case.js';
import { callsOf, expectScopes, type Scorer, scoped } from './scorer.js';

/** Whether `expected` appears in `actual` in this order (other calls may come between). */
function inOrder(actual: readonly string[], expected: readonly string[]): { ok: boolean; missing?: string } {
  let at = 0;
  for (const tool of expected) {
    const found = actual.indexOf(tool, at);
    if (found < 0) return { ok: false, missing: tool };
    at = found + 1;
  }
  return { ok: true };
}

/** The verdict of one trajectory expectation on the sequence of tools actually called. */
export function judgeTrajectory(actual: readonly string[], trajectory: Trajectory): { passed: boolean; why: string } {
  const { mode, tools } = trajectory;
  const shown = `[${actual.join(', ')}]`;
  switch (mode) {
    case 'exact': {
      const passed = actual.length === tools.length && actual.every((t, i) => t === tools[i]);
      return { passed, why: passed ? shown : `${shown}, expected exactly [${tools.join(', ')}]` };
    }
    case 'in_order': {
      const { ok, missing } = inOrder(actual, tools);
      if (ok) return { passed: true, why: shown };
      const reason = actual.includes(missing as string) ? `${missing} out of order` : `${missing} not called`;
      return { passed: false, why: `${shown}: ${reason}, expected in order [${tools.join(', ')}]` };
    }
    case 'any_order': {
      const missing = tools.filter((t) => !actual.includes(t));
      return missing.length === 0
        ? { passed: true, why: shown }
        : { passed: false, why: `${shown}: never called ${missing.join(', ')}` };
    }
    case 'subset': {
      const extra = [...new Set(actual.filter((t) => !tools.includes(t)))];
      return extra.length === 0
        ? { passed: true, why: shown }
        : { passed: false, why: `${shown}: called ${extra.join(', ')}, outside [${tools.join(', ')}]` };
    }
  }
}

/**
 * `trajectory` (the tools called, per the expectation's mode) and `forbidden_tools` (none of these
 * called, attempts included). Calls to agents (delegations) are left out unless the expectation names
 * them, so `exact` describes the specialist's own work whether or not the coordinator stepped in.
 */
export const trajectoryScorer: Scorer = (ctx) =>
  expectScopes(ctx).flatMap((scope) => {
    const trajectory = scope.expect.trajectory;
    if (!trajectory) return [];
    const named = new Set([...trajectory.tools, ...trajectory.forbidden]);
    const actual = callsOf(ctx, scope.turns)
      .map((c) => c.tool_name)
      .filter((tool) => !ctx.agentNames.has(tool) || named.has(tool));
    const checks = [];
    if (trajectory.tools.length > 0 || trajectory.mode === 'exact') {
      const { passed, why } = judgeTrajectory(actual, trajectory);
      checks.push({ kind: 'trajectory', passed, detail: scoped(scope, `${trajectory.mode}: ${why}`) });
    }
    if (trajectory.forbidden.length > 0) {
      const called = trajectory.forbidden.filter((t) => actual.includes(t));
      checks.push({
        kind: 'forbidden_tools',
        passed: called.length === 0,
        detail: scoped(
          scope,
          called.length === 0 ? `none of [${trajectory.forbidden.join(', ')}]` : `called ${called.join(', ')}`,
        ),
      });
    }
    return checks;
  });
