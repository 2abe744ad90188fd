import type { ModelResponse } from '../model/index.js';
import { textOf } from '../model/index.js';
import type { ToolCallOutcome } from './execute-tool-call.js';
import type { NextStep } from './next-step.js';

/**
 * Decides what follows a model turn, from the response and its tool outcomes (pure):
 * no tool calls → final answer; a tool escalated → final, terminal; a tool asked for a handoff →
 * handoff; otherwise the results go back to the model → run again.
 */
export function resolveTurn(response: ModelResponse, outcomes: readonly ToolCallOutcome[]): NextStep {
  if (outcomes.length === 0) return { type: 'final', text: textOf(response.content) };
  const escalated = outcomes.find((o) => o.result.actions?.escalate === true && o.result.isError !== true);
  if (escalated) {
    return { type: 'final', text: textOf(response.content) || escalated.result.content, terminal: true };
  }
  const handoff = outcomes.find((o) => o.handoffTarget !== undefined);
  if (handoff?.handoffTarget) return { type: 'handoff', target: handoff.handoffTarget };
  return { type: 'run_again' };
}
