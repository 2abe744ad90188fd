import type { Tool } from '../tool.js';
import type { BaseAgent } from './base-agent.js';

// The concept is "handoff" everywhere in our code; the tool the model sees keeps the name
// `transfer_to_<agent>`, the OpenAI Agents convention that models are trained on and prompts cite.
const HANDOFF_TOOL_PREFIX = 'transfer_to_';

/** The wire name of the handoff tool for an agent: `transfer_to_<agent>`. */
export function handoffToolName(agentName: string): string {
  return `${HANDOFF_TOOL_PREFIX}${agentName}`;
}

/** Whether a tool name is a handoff tool (`transfer_to_<agent>`). */
export function isHandoffToolName(toolName: string): boolean {
  return toolName.startsWith(HANDOFF_TOOL_PREFIX);
}

/**
 * The tool an LlmAgent gets for each sub-agent: calling it ends the agent's turn and the sub-agent
 * continues the same run, seeing the whole conversation (OpenAI Agents' handoff, ADK's transfer).
 */
export function handoffTool(target: BaseAgent): Tool {
  return {
    name: handoffToolName(target.name),
    description: `Hand the conversation over to the ${target.name} agent, which then answers the customer. ${target.description}`,
    // A handoff to an internal agent is for staff runs only.
    ...(target.customerFacing ? {} : { access: 'tenant' as const }),
    inputSchema: {
      type: 'object',
      properties: { reason: { type: 'string', description: 'Why this agent should take over (one sentence).' } },
      additionalProperties: false,
    },
    async execute() {
      return { content: `Transferred to ${target.name}.`, actions: { handoffTo: target.name } };
    },
  };
}
