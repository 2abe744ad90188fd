import type { AgentEvent } from '../../../src/agents/events.js';
import { Runner } from '../../../src/agents/runtime/index.js';
import { InMemorySessionStore } from '../../../src/agents/sessions/index.js';
import type { Tool, ToolContext, ToolResult } from '../../../src/agents/tool.js';

/** A runner over an in-memory store, for runtime tests. */
export function newRunner(options: { defaultTimeoutMs?: number } = {}) {
  const sessions = new InMemorySessionStore();
  return { sessions, runner: new Runner({ sessions, ...options }) };
}

/** A tool from a function, with an object schema built from `properties` (all required). */
export function tool(
  name: string,
  execute: (args: Record<string, unknown>, context: ToolContext) => Promise<ToolResult> | ToolResult,
  properties: Record<string, unknown> = {},
  extra: Partial<Tool> = {},
): Tool {
  return {
    name,
    description: `${name} tool`,
    inputSchema: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false },
    execute: async (args, context) => execute(args, context),
    ...extra,
  };
}

/** Drains an event stream. */
export async function collect(stream: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** A promise with its resolve function exposed (a latch for ordering tests). */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export const TENANT = 'tenant-test';
