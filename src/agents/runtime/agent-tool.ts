import { randomUUID } from 'node:crypto';
import { toAgentError } from '../errors.js';
import type { AgentEvent } from '../events.js';
import { type Usage, userText } from '../model/index.js';
import { createSession } from '../sessions/index.js';
import type { Tool, ToolContext, ToolResult } from '../tool.js';
import { RunPaused } from './approval-gate.js';
import type { BaseAgent } from './base-agent.js';
import type { AgentCallbacks } from './callbacks.js';
import { type ActiveContext, MAX_AGENT_TOOL_DEPTH } from './context.js';
import { isCustomerRun, staffOnlyRefusal } from './customer-tools.js';
import { errorOfEvent } from './event-factory.js';
import { runtimeLinkOf } from './runtime-link.js';
import { enterSpan, type Span } from './tracing.js';

export interface AgentToolOptions {
  /** Tool name (default: the agent's name). */
  name?: string;
  /** Tool description (default: the agent's description). */
  description?: string;
  /** Hooks around the delegation itself (the child agent keeps its own callbacks). */
  callbacks?: Pick<AgentCallbacks, 'beforeTool' | 'afterTool'>;
}

/**
 * An agent used as a tool by another agent (coordinator → specialist). Arguments: `{ request }`.
 * It runs the agent as a child run in the SAME session state, forwards the child's events into the
 * caller's stream (with the child's agent name), and returns the child's final text as the tool result.
 * A failure inside the child becomes a tool error result. Nesting is bounded (5 levels).
 *
 * @example
 * const coordinator = new LlmAgent({ name: 'coordinator', ..., tools: [agentTool(salesAgent)] });
 */
export function agentTool(agent: BaseAgent, options: AgentToolOptions = {}): Tool {
  const tool: Tool = {
    name: options.name ?? agent.name,
    description: options.description ?? agent.description,
    // Delegating to an internal agent is for staff runs only.
    ...(agent.customerFacing ? {} : { access: 'tenant' as const }),
    inputSchema: {
      type: 'object',
      properties: { request: { type: 'string', description: `What to ask the ${agent.name} agent, in full.` } },
      required: ['request'],
      additionalProperties: false,
    },
    async execute(args, context) {
      const link = runtimeLinkOf(context);
      const parent = link?.ctx ?? standaloneContext(context, agent);
      const callbacks = options.callbacks;
      if (callbacks?.beforeTool) {
        const before = await callbacks.beforeTool(parent, tool, args, agent);
        if (before && 'result' in before) return before.result;
        if (before) args = before.args;
      }
      const { usage, ...delegated } = await delegate(
        agent,
        String(args.request ?? ''),
        parent,
        context.signal,
        link?.emit,
        link?.span,
      );
      if (usage) link?.addUsage(usage);
      let result: ToolResult = delegated;
      if (callbacks?.afterTool) result = (await callbacks.afterTool(parent, tool, args, result, agent)) ?? result;
      return result;
    },
  };
  return tool;
}

type DelegateResult = ToolResult & { usage?: Usage };

async function delegate(
  agent: BaseAgent,
  request: string,
  parent: ActiveContext,
  signal: AbortSignal,
  emit: ((event: AgentEvent) => void) | undefined,
  span: Span | undefined,
): Promise<DelegateResult> {
  if (isCustomerRun(parent) && !agent.customerFacing) return { content: staffOnlyRefusal(agent.name), isError: true };
  if (parent.depth >= MAX_AGENT_TOOL_DEPTH) {
    return {
      content: `Cannot delegate to "${agent.name}": agents are nested ${MAX_AGENT_TOOL_DEPTH} deep.`,
      isError: true,
    };
  }
  // A child run: same run id, session (state), trusted context and counters; its own transcript, which
  // starts with the request; the tool call's signal, so the call's deadline bounds the child too.
  const child: ActiveContext = {
    ...parent,
    signal,
    userMessage: request,
    transcript: [userText(request)],
    root: agent,
    depth: parent.depth + 1,
  };
  // The child's spans nest under the tool call's (the copy above carries the caller's agent span).
  if (span) enterSpan(child, span);
  let last: AgentEvent | undefined;
  for await (const event of agent.run(child)) {
    last = event;
    emit?.(event);
  }
  if (last?.type === 'final' && last.agent === agent.name) return { content: last.text, usage: last.usage };
  // The child waits for a person: the caller's run pauses too.
  if (parent.approvals?.paused) throw new RunPaused(parent.approvals.paused);
  if (last?.type === 'error') {
    // The run ending (deadline/cancel) is not the child's failure: let the caller's loop see it.
    if (parent.signal.aborted) throw errorOfEvent(last) ?? toAgentError(undefined, parent.signal);
    return { content: `Agent "${agent.name}" failed (${last.code}): ${last.message}`, isError: true };
  }
  return { content: `Agent "${agent.name}" ended without an answer.`, isError: true };
}

/** When called outside an agent run (e.g. exposed over MCP), the child gets a throwaway session. */
function standaloneContext(context: ToolContext, agent: BaseAgent): ActiveContext {
  const now = Date.now();
  const trusted = {
    tenantId: context.tenantId,
    ...(context.audience !== undefined ? { audience: context.audience } : {}),
    ...(context.contactId !== undefined ? { contactId: context.contactId } : {}),
    ...(context.sessionId !== undefined ? { sessionId: context.sessionId } : {}),
  };
  const session = createSession({
    tenantId: context.tenantId,
    contactId: context.contactId ?? 'unknown',
    sessionId: context.sessionId ?? randomUUID(),
  });
  Object.assign(session.state, context.state);
  return {
    runId: randomUUID(),
    trusted,
    session,
    signal: context.signal,
    deadline: Number.POSITIVE_INFINITY,
    startedAt: now,
    userMessage: '',
    transcript: [],
    depth: 0,
    counters: { handoffs: 0 },
    root: agent,
  };
}
