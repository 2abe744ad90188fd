import type { Span } from '../../shared/telemetry/span.js';
import type { AgentEvent } from '../events.js';
import type { Usage } from '../model/index.js';
import type { ToolContext } from '../tool.js';
import type { ActiveContext } from './context.js';

/** Hidden key on the ToolContext the runtime hands to tools; a symbol, so it never reaches JSON or logs. */
export const RUNTIME_LINK: unique symbol = Symbol('ventros.runtime-link');

/**
 * What a tool that runs agents (agentTool) needs from the run that called it: the run's context, a way
 * to put events into the caller's stream, and a way to count tokens into the caller's usage.
 */
export interface RuntimeLink {
  ctx: ActiveContext;
  emit(event: AgentEvent): void;
  addUsage(usage: Usage): void;
  /** The tool call's span: a child run started by the tool nests under it. */
  span?: Span;
}

export type LinkedToolContext = ToolContext & { [RUNTIME_LINK]?: RuntimeLink };

/** The link, when the tool was called by the agent runtime (absent when called from elsewhere, e.g. MCP). */
export function runtimeLinkOf(context: ToolContext): RuntimeLink | undefined {
  return (context as LinkedToolContext)[RUNTIME_LINK];
}
