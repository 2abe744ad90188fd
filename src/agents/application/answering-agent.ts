import type { AgentCatalog } from '../catalog/index.js';
import type { RunResult } from '../runtime/index.js';

/**
 * The agent that answered, for the execution result. The runtime knows which agent wrote the final
 * text; when that agent delegated through agent tools (the coordinator) and then answered itself, the
 * answer is the last specialist's it delegated to successfully.
 */
export function answeringAgent(run: Pick<RunResult, 'agentUsed' | 'toolCalls'>, catalog: AgentCatalog): string {
  // A run that stopped inside an agent used only as another's tool (the retention supervisor waiting for
  // an approval) was answered by the agent that called it: the last other agent that made a call.
  if (isToolOnlyAgent(catalog, run.agentUsed)) {
    const caller = run.toolCalls.findLast((call) => call.agent !== run.agentUsed)?.agent;
    if (caller) return caller;
  }
  for (let i = run.toolCalls.length - 1; i >= 0; i--) {
    const call = run.toolCalls[i];
    if (call && call.agent === run.agentUsed && !call.isError && catalog.template(call.tool)) return call.tool;
  }
  return run.agentUsed;
}

/** A template nobody is routed to (no intent examples) that is not the coordinator: another agent's tool. */
function isToolOnlyAgent(catalog: AgentCatalog, agent: string): boolean {
  const template = catalog.template(agent);
  return template !== undefined && template.category !== 'coordinator' && template.intent_examples.length === 0;
}
