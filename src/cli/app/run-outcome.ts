import type { AgentCatalog, RunOutcome } from '../../agents/catalog/index.js';
import type { AgentEvent, FinalEvent } from '../../agents/events.js';
import { answeringAgent, type BaseAgent, type RunRequest } from '../../agents/runtime/index.js';

/**
 * The agent that answered. When the entry agent delegated through agent tools (the coordinator) and
 * answered itself, the answer is the last specialist's it delegated to successfully.
 */
export function specialistOf(run: RunOutcome, entry: BaseAgent, catalog: AgentCatalog): string {
  if (run.agentUsed !== entry.name) return run.agentUsed;
  for (let i = run.toolCalls.length - 1; i >= 0; i--) {
    const call = run.toolCalls[i];
    if (call && call.agent === entry.name && !call.isError && catalog.template(call.tool)) return call.tool;
  }
  return run.agentUsed;
}

/** The execution-result input of a streamed run, from its events (what `Runner.execute` computes). */
export function outcomeOf(
  events: readonly AgentEvent[],
  final: FinalEvent,
  root: BaseAgent,
  request: RunRequest,
  latencyMs: number,
): RunOutcome {
  const calls = new Map<string, { args: Record<string, unknown>; agent: string }>();
  const toolCalls: RunOutcome['toolCalls'][number][] = [];
  const thoughts: string[] = [];
  for (const event of events) {
    if (event.type === 'tool_call') calls.set(event.callId, { args: event.args, agent: event.agent });
    else if (event.type === 'thought') thoughts.push(event.text);
    else if (event.type === 'tool_result') {
      const call = calls.get(event.callId);
      toolCalls.push({
        tool: event.tool,
        args: call?.args ?? {},
        output: event.content,
        isError: event.isError,
        latencyMs: event.latencyMs,
        agent: call?.agent ?? event.agent,
      });
    }
  }
  return {
    runId: final.runId,
    text: final.text,
    agentUsed: answeringAgent([...events], final, (name) => root.findAgent(name)?.subAgents.map((a) => a.name) ?? []),
    usage: final.usage,
    latencyMs,
    toolCalls,
    thoughts,
    session: {
      tenantId: request.tenantId,
      contactId: request.contactId ?? '',
      sessionId: request.sessionId ?? final.runId,
    },
  };
}
