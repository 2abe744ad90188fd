import type { Tool } from '../tool.js';
import type { BaseAgent } from './base-agent.js';

/** Name of the handoff tool for an agent. */
export function transferToolName(agentName: string): string {
  return `transfer_to_${agentName}`;
}

/**
 * The tool an LlmAgent gets for each sub-agent: calling it ends the agent's turn and the sub-agent
 * continues the same run, seeing the whole conversation (OpenAI Agents' handoff, ADK's transfer).
 */
export function transferTool(target: BaseAgent): Tool {
  return {
    name: transferToolName(target.name),
    description: `Hand the conversation over to the ${target.name} agent, which then answers the customer. ${target.description}`,
    inputSchema: {
      type: 'object',
      properties: { reason: { type: 'string', description: 'Why this agent should take over (one sentence).' } },
      additionalProperties: false,
    },
    async execute() {
      return { content: `Transferred to ${target.name}.`, actions: { transferTo: target.name } };
    },
  };
}
