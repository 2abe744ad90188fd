import type { AgentEvent } from '../events.js';
import type { Message, ToolResultPart } from '../model/index.js';
import { addUsage, textOf, toolUsesOf } from '../model/index.js';
import { callModel } from './call-model.js';
import type { ActiveContext } from './context.js';
import { eventBase } from './event-factory.js';
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
  ctx.transcript.push({
    role: 'user',
    content: outcomes.map(
      (o): ToolResultPart => ({
        type: 'tool_result',
        toolUseId: o.call.id,
        toolName: o.call.name,
        content: o.result.content,
        ...(o.result.isError ? { isError: true } : {}),
      }),
    ),
  });
  return resolveTurn(response, outcomes);
}
