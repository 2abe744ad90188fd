import type { AgentEvent } from '../events.js';
import type { Message, ToolResultPart } from '../model/index.js';
import { addUsage, textOf, toolUsesOf } from '../model/index.js';
import { type PausePoint, RunPaused } from './approval-gate.js';
import { callModel } from './call-model.js';
import type { ActiveContext } from './context.js';
import { eventBase } from './event-factory.js';
import type { ToolCallOutcome } from './execute-tool-call.js';
import { executeToolCalls } from './execute-tool-calls.js';
import type { LlmSettings } from './llm-settings.js';
import type { NextStep } from './next-step.js';
import { prepareTurn } from './prepare-turn.js';
import { resolveTurn } from './resolve-turn.js';
import type { LoopState } from './stop-conditions.js';

/**
 * One turn of the tool loop: prepare the request → call the model → (text with tool calls becomes a
 * `thought`) → run the tool calls → append both sides to the transcript → resolve the next step.
 */
export async function* runTurn(
  settings: LlmSettings,
  ctx: ActiveContext,
  history: readonly Message[],
  loop: LoopState,
): AsyncGenerator<AgentEvent, NextStep, undefined> {
  const response = yield* callModel(settings, ctx, prepareTurn(settings, ctx, history));
  loop.iteration++;
  loop.usage = addUsage(loop.usage, response.usage);
  ctx.transcript.push({ role: 'assistant', content: response.content });

  const calls = toolUsesOf(response.content);
  if (calls.length === 0) return resolveTurn(response, []);

  const thought = textOf(response.content);
  if (thought !== '') yield { type: 'thought', ...eventBase(ctx, settings.name), text: thought };
  // Agent-tools report their child runs' tokens here, so the agent's usage includes its sub-agents.
  const outcomes = yield* executeToolCalls(settings, ctx, calls, (usage) => {
    loop.usage = addUsage(loop.usage, usage);
  });
  const waiting = outcomes.find((o) => o.pending);
  if (waiting) pause(settings, ctx, loop, outcomes, waiting);
  ctx.transcript.push(toolResultsMessage(outcomes));
  return resolveTurn(response, outcomes);
}

/** The user message that carries a turn's tool results back to the model, in call order. */
export function toolResultsMessage(outcomes: readonly ToolCallOutcome[]): Message {
  return { role: 'user', content: outcomes.map(toolResultPart) };
}

export function toolResultPart(o: ToolCallOutcome): ToolResultPart {
  return {
    type: 'tool_result',
    toolUseId: o.call.id,
    toolName: o.call.name,
    content: o.result.content,
    ...(o.result.isError ? { isError: true } : {}),
  };
}

/**
 * A call waits for a person: the run stops here, with what it needs to continue at this call. When one
 * turn has several gated calls, the first waits and the others read that they must be asked again.
 */
function pause(
  settings: LlmSettings,
  ctx: ActiveContext,
  loop: LoopState,
  outcomes: ToolCallOutcome[],
  waiting: ToolCallOutcome,
): never {
  const results = outcomes.map((o): ToolResultPart | null => {
    if (o === waiting) return null;
    if (!o.pending) return toolResultPart(o);
    return {
      ...toolResultPart(o),
      content: `Not done: "${o.call.name}" also needs a person's approval, and another action of this conversation is waiting for one. Ask again after it is decided.`,
      isError: true,
    };
  });
  const point: PausePoint = {
    agent: settings.name,
    iteration: loop.iteration,
    call: waiting.call,
    reason: waiting.pending?.reason ?? 'approval required',
    results,
    transcript: ctx.transcript.slice(),
    usage: loop.usage,
  };
  ctx.approvals ??= {};
  ctx.approvals.paused ??= point;
  throw new RunPaused(point);
}
