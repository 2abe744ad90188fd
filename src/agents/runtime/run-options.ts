import type { ToolDefinition } from '../model/index.js';

/**
 * Per-run limits a caller sets (the CRM's `ExecutionOptions`): sampling settings that replace the
 * agent's for this run, and an allow-list that narrows its tools. They never widen what an agent may do.
 */
export interface RunOptions {
  maxTokens?: number;
  temperature?: number;
  /**
   * CRM tools the run may use, by their seed names (`search_memory`) or host names
   * (`memory__search_memory`). Agents' own tools — delegation to another agent, handoff — are not CRM
   * tools and stay. Absent: every tool of the agent.
   */
  tools?: readonly string[];
}

/** A host (MCP) tool is `<server>__<tool>`; its seed name is the part after the server. */
const SEPARATOR = '__';

/** Whether the run's allow-list lets the model see and call `toolName`. */
export function toolAllowed(options: RunOptions | undefined, toolName: string): boolean {
  const allowed = options?.tools;
  if (allowed === undefined) return true;
  const at = toolName.lastIndexOf(SEPARATOR);
  if (at < 0) return true;
  return allowed.includes(toolName) || allowed.includes(toolName.slice(at + SEPARATOR.length));
}

/** The definitions the model sees under the run's allow-list (the same array when there is none). */
export function allowedDefinitions(options: RunOptions | undefined, definitions: ToolDefinition[]): ToolDefinition[] {
  if (options?.tools === undefined) return definitions;
  return definitions.filter((definition) => toolAllowed(options, definition.name));
}

/** The refusal of a call outside the run's allow-list (a tool result the model reads). */
export function notAllowedRefusal(toolName: string): string {
  return `"${toolName}" is not among the tools the caller allowed for this conversation. Answer without it.`;
}
