import type { Message } from '../model/index.js';
import type { AgentCallbacks } from './callbacks.js';

/** Bare tool → the bare tools that must have answered (without error) earlier in the same run. */
export type ToolPrerequisites = Readonly<Record<string, readonly string[]>>;

/** Host tools are namespaced `<server>__<tool>`; rules name the bare tool. */
function bareName(name: string): string {
  const at = name.lastIndexOf('__');
  return at >= 0 ? name.slice(at + 2) : name;
}

/**
 * Bare names of the tools that answered without error in this run's transcript. Only results count: a
 * call made in the same model turn as the guarded one has not answered yet, so the model could not
 * have read it.
 */
export function answeredTools(transcript: readonly Message[]): Set<string> {
  const answered = new Set<string>();
  for (const message of transcript) {
    for (const part of message.content) {
      if (part.type === 'tool_result' && part.isError !== true) answered.add(bareName(part.toolName));
    }
  }
  return answered;
}

/** The refusal the model reads, naming what to call first. */
export function prerequisiteRefusal(tool: string, missing: readonly string[]): string {
  return (
    `${tool} cannot run yet: call ${missing.join(' and ')} first in this conversation and read the result ` +
    '(the host enforces this order), then decide again.'
  );
}

/**
 * A `beforeTool` guard that enforces an order between tools, declared per agent: a guarded tool called
 * before its prerequisites answered (without error) in the same run is not run, and the model reads a
 * tool error saying what to call first. The run is the unit because a prerequisite such as a memory
 * search informs this conversation's decision; earlier conversations do not count.
 *
 * @example
 * new LlmAgent({ ..., callbacks: toolPrerequisites({ create_retention_offer: ['search_memory'] }) });
 */
export function toolPrerequisites(rules: ToolPrerequisites): AgentCallbacks {
  const guarded = new Map(Object.entries(rules).filter(([, before]) => before.length > 0));
  if (guarded.size === 0) return {};
  return {
    beforeTool(ctx, tool) {
      const before = guarded.get(bareName(tool.name));
      if (!before) return undefined;
      const answered = answeredTools(ctx.transcript ?? []);
      const missing = before.filter((name) => !answered.has(name));
      if (missing.length === 0) return undefined;
      return { result: { content: prerequisiteRefusal(bareName(tool.name), missing), isError: true } };
    },
  };
}
