import { expectScopes, type Scorer, scoped } from './scorer.js';

/**
 * `agent`: the agent that answered is one of the acceptable ones — the last turn's for the
 * conversation's `expect.agents`, that turn's for a turn's own. A turn that failed fails it.
 */
export const agentScorer: Scorer = (ctx) =>
  expectScopes(ctx).flatMap((scope) => {
    const agents = scope.expect.agents;
    if (!agents) return [];
    const turn = ctx.turns[scope.turns.at(-1) ?? -1];
    const used = turn?.result?.agent_used;
    if (!used)
      return [{ kind: 'agent', passed: false, detail: scoped(scope, `no answer (${turn?.error ?? 'not run'})`) }];
    const passed = agents.includes(used);
    return [
      {
        kind: 'agent',
        passed,
        detail: scoped(scope, passed ? `${used}` : `${used}, expected ${agents.join(' or ')}`),
      },
    ];
  });
