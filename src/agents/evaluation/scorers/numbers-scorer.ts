import { answerNumbers, isTraceable, sourceNumbers } from '../numbers.js';
import { expectScopes, type ScoreContext, type Scorer, scoped, turnLabel } from './scorer.js';

/** The numbers turn `turn` may cite: every tool result and user message up to it. */
export function traceableSources(ctx: ScoreContext, turn: number): number[] {
  const sources: number[] = [];
  for (let i = 0; i <= turn; i++) {
    const record = ctx.turns[i];
    if (!record) continue;
    for (const n of answerNumbers(record.message)) sources.push(...n.readings.map((r) => r.value));
    for (const call of record.result?.tool_calls ?? []) sources.push(...sourceNumbers(call.output));
  }
  return sources;
}

/** The numbers of turn `turn`'s answer no source holds. */
export function untraceableNumbers(ctx: ScoreContext, turn: number, sources = traceableSources(ctx, turn)): string[] {
  const response = ctx.turns[turn]?.result?.response ?? '';
  return answerNumbers(response)
    .filter((n) => !isTraceable(n, sources))
    .map((n) => n.text);
}

/**
 * `numbers_traceable`: every number in an answer appears in a tool result or in what the user wrote
 * (formatted as the answer likes: `R$ 10.800,00`, `40%` for 0.4). On by default for the conversation.
 */
export const numbersScorer: Scorer = (ctx) =>
  expectScopes(ctx).flatMap((scope) => {
    const wanted = scope.expect.answer?.numbers_traceable ?? (scope.conversation ? true : undefined);
    if (!wanted) return [];
    const invented: string[] = [];
    let counted = 0;
    for (const turn of scope.turns) {
      if (!ctx.turns[turn]?.result) continue;
      counted++;
      const bad = untraceableNumbers(ctx, turn);
      if (bad.length > 0) invented.push(`${turnLabel(ctx, turn)}${bad.join(', ')}`);
    }
    if (counted === 0) return [];
    return [
      {
        kind: 'numbers_traceable',
        passed: invented.length === 0,
        detail: scoped(
          scope,
          invented.length === 0 ? 'all numbers traced' : `not in any tool result: ${invented.join('; ')}`,
        ),
      },
    ];
  });
