import type { Model, ToolDefinition } from '../model/index.js';
import type { Tool } from '../tool.js';
import type { BaseAgent } from './base-agent.js';
import type { AgentCallbacks } from './callbacks.js';
import type { ActiveContext, RunnableAgent } from './context.js';

/** An LlmAgent's resolved configuration, as the loop's steps read it. Built once per agent. */
export interface LlmSettings {
  agent: BaseAgent;
  name: string;
  model: Model;
  instruction: (state: Readonly<Record<string, unknown>>) => string;
  /** Tools by name (the agent's own plus its `transfer_to_<agent>` tools). */
  tools: ReadonlyMap<string, Tool>;
  /** The same tools as the model sees them; one array, reused by every request. */
  toolDefinitions: ToolDefinition[];
  /** What a customer run shows instead: no staff-only tools, no `contact_id` / `all_contacts`. */
  customerToolDefinitions: ToolDefinition[];
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  maxIterations: number;
  toolTimeoutMs: number;
  outputKey?: string;
  callbacks: AgentCallbacks;
  stream: boolean;
  includeHistory: boolean;
  historyWindow: number;
  /** Finds a handoff target: the agent's own tree first, then the run's root tree. */
  resolveAgent(name: string, ctx: ActiveContext): RunnableAgent | undefined;
}
