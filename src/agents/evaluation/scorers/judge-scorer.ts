import { z } from 'zod';
import { errorMessage } from '../../../shared/index.js';
import { type Model, textOf, userText } from '../../model/index.js';
import { excerpt, expectScopes, type ScoreContext, type Scorer, scoped } from './scorer.js';

/** A judge's grade at or above this passes. */
export const JUDGE_PASS_SCORE = 0.7;

const JUDGE_SYSTEM = `You grade conversations between customers (or company staff) and a CRM company's AI agents.
You receive a rubric, the conversation with the tools each agent called, and you decide how well the
agent's behaviour meets the rubric. Be strict: an invented fact, a broken rule or a wrong language
lowers the score. Answer ONLY with one JSON object: {"score": <number from 0 to 1>, "reason": "<one sentence>"}.`;

const VerdictSchema = z.object({ score: z.number().min(0).max(1), reason: z.string().default('') });

/** The conversation as the judge reads it: messages, answers and tool calls (outputs shortened). */
export function transcriptOf(ctx: ScoreContext, turns: readonly number[]): string {
  return turns
    .map((i) => {
      const turn = ctx.turns[i];
      if (!turn) return '';
      const calls = (turn.result?.tool_calls ?? [])
        .map(
          (c) =>
            `  - ${c.tool_name}(${JSON.stringify(c.input)})${c.is_error ? ' [error]' : ''} → ${excerpt(c.output, 300)}`,
        )
        .join('\n');
      return [
        `USER: ${turn.message}`,
        calls ? `TOOLS (${turn.result?.agent_used}):\n${calls}` : '',
        `AGENT (${turn.result?.agent_used ?? 'none'}): ${turn.result?.response ?? `[failed: ${turn.error}]`}`,
      ]
        .filter(Boolean)
        .join('\n');
    })
    .join('\n\n');
}

/** Reads `{"score", "reason"}` out of a judge's text (tolerates prose or code fences around it). */
export function parseVerdict(text: string): z.infer<typeof VerdictSchema> | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    const parsed = VerdictSchema.safeParse(JSON.parse(text.slice(start, end + 1)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `judge`: a model grades the conversation against the case's `rubric` (0..1, pass at ≥ 0.7). Only in
 * the scorer list when `--judge` names a model; cases without a rubric get no judge check.
 *
 * @example
 * const scorers = [...DEFAULT_SCORERS, judgeScorer(createModel('anthropic:claude-sonnet-4-6'))];
 */
export function judgeScorer(model: Model): Scorer {
  return async (ctx) => {
    const checks = [];
    for (const scope of expectScopes(ctx)) {
      const rubric = scope.expect.rubric;
      if (!rubric) continue;
      const prompt = `RUBRIC:\n${rubric}\n\nAUDIENCE: ${ctx.evalCase.audience}\n\nCONVERSATION:\n${transcriptOf(ctx, scope.turns)}`;
      try {
        const response = await model.generate({
          system: JUDGE_SYSTEM,
          messages: [userText(prompt)],
          tools: [],
          temperature: 0,
          maxTokens: 400,
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        });
        const verdict = parseVerdict(textOf(response.content));
        checks.push(
          verdict
            ? {
                kind: 'judge',
                passed: verdict.score >= JUDGE_PASS_SCORE,
                detail: scoped(scope, `${verdict.score.toFixed(2)}: ${verdict.reason}`),
              }
            : { kind: 'judge', passed: false, detail: scoped(scope, 'the judge gave no {score, reason} JSON') },
        );
      } catch (error) {
        checks.push({ kind: 'judge', passed: false, detail: scoped(scope, `judge failed: ${errorMessage(error)}`) });
      }
    }
    return checks;
  };
}
