import type { AgentEvent } from '../events.js';
import type { ModelResponse } from '../model/index.js';
import { addUsage, ZERO_USAGE } from '../model/index.js';
import type { ResumePoint } from './approval-gate.js';
import type { ActiveContext } from './context.js';
import { eventBase } from './event-factory.js';
import type { ToolCallOutcome } from './execute-tool-call.js';
import { executeToolCalls } from './execute-tool-calls.js';
import type { LlmSettings } from './llm-settings.js';
import type { NextStep } from './next-step.js';
import { resolveTurn } from './resolve-turn.js';
import { toolResultPart } from './run-turn.js';
import type { LoopState } from './stop-conditions.js';

/**
 * The turn a paused run continues with: the person's decision on the waiting call becomes its result —
 * approved: the call runs now, with the arguments the person may have edited (validated again);
 * rejected or expired: the model reads that it was not done, and why. The turn's other results were
 * kept at the pause, so nothing before the pause runs twice. Then the loop goes on as after any turn.
 */
export async function* resumeTurn(
  settings: LlmSettings,
  ctx: ActiveContext,
  resume: ResumePoint,
  loop: LoopState,
): AsyncGenerator<AgentEvent, NextStep, undefined> {
  const { point, decision } = resume;
  loop.iteration = point.iteration;
  let outcome: ToolCallOutcome;
  if (decision.type === 'approved') {
    const call = { ...point.call, input: decision.args };
    const [ran] = yield* executeToolCalls(settings, ctx, [call], (usage) => {
      loop.usage = addUsage(loop.usage, usage);
    });
    outcome = ran as ToolCallOutcome;
  } else {
    outcome = { call: point.call, result: { content: decisionText(decision, point.call.name) }, latencyMs: 0 };
    const base = eventBase(ctx, settings.name);
    yield { type: 'tool_call', ...base, callId: point.call.id, tool: point.call.name, args: point.call.input };
    yield {
      type: 'tool_result',
      ...base,
      callId: point.call.id,
      tool: point.call.name,
      content: outcome.result.content,
      isError: false,
      latencyMs: 0,
    };
  }
  const decided = toolResultPart(outcome);
  ctx.transcript.push({ role: 'user', content: point.results.map((r) => r ?? decided) });
  const asked = ctx.transcript.findLast((m) => m.role === 'assistant');
  const response: ModelResponse = {
    content: asked?.content ?? [],
    stopReason: 'tool_use',
    usage: ZERO_USAGE,
    model: '',
  };
  return resolveTurn(response, [outcome]);
}

/** What the model reads when the call was not done. */
function decisionText(decision: ResumePoint['decision'], tool: string): string {
  if (decision.type === 'expired') {
    return `Not done: "${tool}" needed a person's approval and nobody decided in time, so the request expired. Tell the customer it could not be done now and that the team will follow up.`;
  }
  const note = decision.type === 'rejected' && decision.note ? ` Their note: "${decision.note}".` : '';
  return `Not done: a person reviewed "${tool}" and rejected it.${note} Tell the customer, kindly, what you can do instead.`;
}
