import type { AgentEvent } from '../events.js';
import type { ToolUsePart, Usage } from '../model/index.js';
import type { ActiveContext } from './context.js';
import { EventQueue } from './event-queue.js';
import { executeToolCall, type ToolCallOutcome } from './execute-tool-call.js';
import type { LlmSettings } from './llm-settings.js';

/**
 * Runs the tool calls of one model turn concurrently. Yields a `tool_call` event per call (in call
 * order), then each `tool_result` as it completes, with events of agent-tools interleaved; returns the
 * outcomes in call order, which is the order the model gets them back. State deltas are applied in call
 * order after all calls finish, so concurrent tools cannot make the result depend on timing.
 */
export async function* executeToolCalls(
  settings: LlmSettings,
  ctx: ActiveContext,
  calls: readonly ToolUsePart[],
  addUsage: (usage: Usage) => void,
): AsyncGenerator<AgentEvent, ToolCallOutcome[], undefined> {
  for (const call of calls) {
    // The base fields written out (not `...eventBase()`): no object to copy them from, per event.
    const at = Date.now();
    yield {
      type: 'tool_call',
      runId: ctx.runId,
      agent: settings.name,
      at,
      elapsedMs: at - ctx.startedAt,
      callId: call.id,
      tool: call.name,
      args: call.input,
    };
  }
  const queue = new EventQueue<AgentEvent>();
  const outcomes: ToolCallOutcome[] = new Array(calls.length);
  const sink = { emit: (event: AgentEvent) => queue.push(event), addUsage };
  let failure: { error: unknown } | undefined;
  const all = Promise.all(
    calls.map(async (call, index) => {
      const outcome = await executeToolCall(settings, ctx, call, sink);
      outcomes[index] = outcome;
      // A call waiting for approval has no result yet; it gets its event when the run resumes.
      if (!outcome.pending) queue.push(toolResultEvent(settings, ctx, outcome));
    }),
  ).then(
    () => queue.close(),
    (error: unknown) => {
      failure = { error };
      queue.close();
    },
  );
  // Drained here, not through the queue's own async generator: one generator level less for every
  // tool_result event and one generator less per turn.
  for (;;) {
    if (queue.size > 0) yield queue.shift();
    else if (queue.ended) break;
    else await queue.wait();
  }
  await all;
  if (failure) throw failure.error;
  for (const outcome of outcomes) {
    const delta = outcome.result.actions?.stateDelta;
    if (delta) Object.assign(ctx.session.state, delta);
  }
  return outcomes;
}

function toolResultEvent(settings: LlmSettings, ctx: ActiveContext, outcome: ToolCallOutcome): AgentEvent {
  const { call, result } = outcome;
  const at = Date.now();
  const event: AgentEvent = {
    type: 'tool_result',
    runId: ctx.runId,
    agent: settings.name,
    at,
    elapsedMs: at - ctx.startedAt,
    callId: call.id,
    tool: call.name,
    content: result.content,
    isError: result.isError === true,
    latencyMs: Math.round(outcome.latencyMs * 1000) / 1000,
  };
  if (result.structured !== undefined) event.structured = result.structured;
  return event;
}
