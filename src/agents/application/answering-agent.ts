import type { AgentCatalog } from '../catalog/index.js';
import type { RunResult } from '../runtime/index.js';

/**
 * The agent that answered, for the execution result. The runtime knows which agent wrote the final
 * text; when that agent delegated through agent tools (the coordinator) and then answered itself, the
 * answer is the last specialist's it delegated to successfully.
 */
export function answeringAgent(run: Pick<RunResult, 'agentUsed' | 'toolCalls'>, catalog: AgentCatalog): string {
  for (let i = run.toolCalls.length - 1; i >= 0; i--) {
    const call = run.toolCalls[i];
    if (call && call.agent === run.agentUsed && !call.isError && catalog.template(call.tool)) return call.tool;
  }
  return run.agentUsed;
}
