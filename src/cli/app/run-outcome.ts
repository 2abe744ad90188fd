import type { AgentCatalog, RunOutcome } from '../../agents/catalog/index.js';
import type { AgentEvent, FinalEvent } from '../../agents/events.js';
import { type BaseAgent, collectRunResult, type RunRequest } from '../../agents/runtime/index.js';

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
  return collectRunResult([...events], final, {
    runId: final.runId,
    latencyMs,
    session: {
      tenantId: request.tenantId,
      contactId: request.contactId ?? '',
      sessionId: request.sessionId ?? final.runId,
    },
    state: {},
    subAgentsOf: (name) => root.findAgent(name)?.subAgents.map((a) => a.name) ?? [],
  });
}
