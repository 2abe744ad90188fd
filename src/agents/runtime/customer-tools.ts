import { CUSTOMER_HIDDEN_ARGUMENTS } from '../../shared/index.js';
import type { JsonSchema, ToolDefinition } from '../model/index.js';
import type { Tool } from '../tool.js';
import type { ActiveContext } from './context.js';

/** Whether a run is a customer's (the trusted context says so; anything else is staff). */
export function isCustomerRun(ctx: Pick<ActiveContext, 'trusted'>): boolean {
  return ctx.trusted.audience === 'customer';
}

/** A tool that serves staff only: tenant-wide data, or an internal agent. */
export function isStaffOnly(tool: Pick<Tool, 'access'>): boolean {
  return tool.access === 'tenant';
}

/** The refusal a customer run gets for a staff-only tool (a tool result the model reads). */
export function staffOnlyRefusal(toolName: string): string {
  return (
    `"${toolName}" serves the company's staff and is not available in a conversation with a customer. ` +
    'Answer with what you can do here, or hand over to a customer-facing agent.'
  );
}

/**
 * The tools as a customer run shows them to the model: without staff-only tools, and without the
 * arguments that name a contact or reach every contact (`contact_id`, `all_contacts`) — the trusted
 * contact is filled in by the servers. Computed once per agent.
 */
export function customerToolDefinitions(tools: Iterable<Tool>): ToolDefinition[] {
  const definitions: ToolDefinition[] = [];
  for (const tool of tools) {
    if (isStaffOnly(tool)) continue;
    definitions.push({ name: tool.name, description: tool.description, inputSchema: withoutHidden(tool.inputSchema) });
  }
  return definitions;
}

function withoutHidden(schema: JsonSchema): JsonSchema {
  const properties = schema['properties'];
  if (typeof properties !== 'object' || properties === null) return schema;
  const hidden = CUSTOMER_HIDDEN_ARGUMENTS.filter((name) => Object.hasOwn(properties, name));
  if (hidden.length === 0) return schema;
  const kept = Object.fromEntries(
    Object.entries(properties as Record<string, unknown>).filter(([name]) => !hidden.includes(name)),
  );
  const copy: JsonSchema = { ...schema, properties: kept };
  const required = schema['required'];
  if (Array.isArray(required)) copy['required'] = required.filter((name) => !hidden.includes(name as string));
  return copy;
}
