/**
 * Tools a template may name that no tool server registers: the composition root builds them over the
 * MCP host. `read_resource` reads the servers' `crm://` resources with the run's trusted context.
 */
export const READ_RESOURCE_TOOL = 'read_resource';

/** Every such tool, for checks that a template names only tools that exist. */
export const HOST_AGENT_TOOLS: readonly string[] = [READ_RESOURCE_TOOL];
