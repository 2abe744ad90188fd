import { z } from 'zod';
import type { JsonSchema } from '../model/index.js';
import type { Tool, ToolContext, ToolResult } from '../tool.js';

export interface FunctionToolOptions<S extends z.ZodObject> {
  name: string;
  description: string;
  /** Arguments schema: the JSON Schema the model sees is generated from it, and it parses the arguments. */
  parameters: S;
  timeoutMs?: number;
  /** A string → text result; a ToolResult → as is; any other value → its JSON (and `structured`). */
  execute(args: z.infer<S>, context: ToolContext): Promise<ToolResult | string | object>;
}

const RESULT_KEYS = new Set(['content', 'isError', 'structured', 'actions']);

function isToolResult(value: object): value is ToolResult {
  return (
    typeof (value as { content?: unknown }).content === 'string' && Object.keys(value).every((k) => RESULT_KEYS.has(k))
  );
}

/**
 * A local tool defined by a zod schema (catalog helper tools such as `critique_response`).
 * Arguments that fail the schema come back to the model as a tool error, like any other tool's.
 *
 * @example
 * const critique = functionTool({ name: 'critique_response', description: 'Scores a draft reply',
 *   parameters: z.object({ draft: z.string() }), execute: async ({ draft }) => ({ score: draft.length > 20 ? 8 : 4 }) });
 */
export function functionTool<S extends z.ZodObject>(options: FunctionToolOptions<S>): Tool {
  const { $schema: _draft, ...inputSchema } = z.toJSONSchema(options.parameters, { io: 'input' }) as JsonSchema;
  const tool: Tool = {
    name: options.name,
    description: options.description,
    inputSchema,
    async execute(args, context) {
      const parsed = options.parameters.safeParse(args);
      if (!parsed.success) {
        return {
          content: `Invalid arguments for tool "${options.name}": ${z.prettifyError(parsed.error)}`,
          isError: true,
        };
      }
      const value = await options.execute(parsed.data, context);
      if (typeof value === 'string') return { content: value };
      if (isToolResult(value)) return value;
      return { content: JSON.stringify(value), structured: value };
    },
  };
  if (options.timeoutMs !== undefined) tool.timeoutMs = options.timeoutMs;
  return tool;
}
