import { holdsFor, parseArgExpression } from '../arg-expression.js';
import { callsOf, expectScopes, type Scorer, scoped } from './scorer.js';

/**
 * `args`: each argument expression (`create_retention_offer.discount_percent <= 30`) holds for every
 * call of its tool in the scope — attempts the tool refused included, since the agent chose those
 * arguments. A tool that was not called passes ("not called").
 */
export const argsScorer: Scorer = (ctx) =>
  expectScopes(ctx).flatMap((scope) =>
    scope.expect.args.map((source) => {
      const expression = parseArgExpression(source);
      const calls = callsOf(ctx, scope.turns).filter((c) => c.tool_name === expression.tool);
      if (calls.length === 0) return { kind: 'args', passed: true, detail: scoped(scope, `${source}: not called`) };
      const failing = calls.map((call) => ({ call, ...holdsFor(expression, call.input) })).filter((r) => !r.holds);
      return {
        kind: 'args',
        passed: failing.length === 0,
        detail: scoped(
          scope,
          failing.length === 0
            ? `${source} (${calls.length} call${calls.length > 1 ? 's' : ''})`
            : `${source} fails: ${failing.map((f) => JSON.stringify(f.actual) ?? 'undefined').join(', ')}`,
        ),
      };
    }),
  );
