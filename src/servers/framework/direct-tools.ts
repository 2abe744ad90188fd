import type { CallToolResult } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { DirectToolAnswer, DirectToolCall, DirectToolServer } from '../../shared/mcp/direct-tool-server.js';
import type { RequestExtraLike } from './call-context.js';
import { type InputCheck, inputCheck } from './input-check.js';
import { invokeTool, type ToolBinding } from './invoke-tool.js';
import { type OutputCheck, outputCheck } from './output-check.js';

/** A registered tool as the direct path runs it: its binding and the zod objects the SDK validates with. */
interface DirectEntry {
  binding: ToolBinding;
  input: z.ZodObject<z.ZodRawShape>;
  output: z.ZodObject<z.ZodRawShape> | undefined;
  /** The fast parse of `input`, when its shape is flat (see input-check.ts). */
  fastInput: InputCheck | undefined;
  /** The fast check of `output`, when its JSON Schema is exact. */
  fast: OutputCheck | undefined;
}

/**
 * The in-process entry of one tool server (see DirectToolServer): the same tools, bindings and zod
 * objects its McpServer registered, answered as the SDK's `tools/call` handler answers — input checked
 * with the tool's schema (an invalid call is the same `Input validation error: …` tool error), the
 * handler run by `invokeTool`, the structured result checked against the output schema, any throw a
 * tool error with its message. Kept in step with the McpServer's registrations (dynamic tools too).
 */
export class DirectTools implements DirectToolServer {
  private readonly entries = new Map<string, DirectEntry>();

  add(binding: ToolBinding, input: DirectEntry['input'], output: DirectEntry['output']): void {
    this.entries.set(binding.tool.name, {
      binding,
      input,
      output,
      fastInput: inputCheck(input),
      fast: output ? outputCheck(output) : undefined,
    });
  }

  remove(name: string): void {
    this.entries.delete(name);
  }

  callTool(call: DirectToolCall): Promise<DirectToolAnswer> | undefined {
    const entry = this.entries.get(call.name);
    return entry ? runDirect(entry, call) : undefined;
  }
}

async function runDirect(entry: DirectEntry, call: DirectToolCall): Promise<DirectToolAnswer> {
  const name = entry.binding.tool.name;
  try {
    const args0 = call.arguments ?? {};
    const fastArgs = entry.fastInput?.parse(args0);
    // Awaited either way, so the handler starts a tick later as it always did.
    const parsed = await (fastArgs ? { ok: true as const, value: fastArgs } : validate(entry.input, args0));
    if (!parsed.ok) {
      return verified(toolError(`Input validation error: Invalid arguments for tool ${name}: ${parsed.error}`));
    }
    const extra: RequestExtraLike = call._meta ? { _meta: call._meta } : {};
    const notify = call.notifyProgress;
    if (notify) extra.sendNotification = (notification) => notify(progressOf(notification.params));
    const args = parsed.value as Record<string, unknown>;
    const result = await invokeTool(entry.binding, args, extra, call.signal, call.timeoutMs, call.structuredOnly);
    if (!entry.output || result.isError) return verified(projectStructured(result));
    if (result.structuredContent === undefined) {
      return verified(
        toolError(`Output validation error: Tool ${name} has an output schema but no structured content was provided`),
      );
    }
    // The common case: a compiled JSON Schema check vouches for both the zod check and the client's.
    if (entry.fast?.passes(result.structuredContent)) return verified(projectStructured(result));
    const checked = await validate(entry.output, result.structuredContent);
    if (!checked.ok) {
      return verified(
        toolError(`Output validation error: Invalid structured content for tool ${name}: ${checked.error}`),
      );
    }
    // zod accepted it; the client's JSON Schema check is the caller's to run.
    return { result: projectStructured(result), outputVerified: false };
  } catch (error) {
    return verified(toolError(error instanceof Error ? error.message : String(error)));
  }
}

function verified(result: CallToolResult): DirectToolAnswer {
  return { result, outputVerified: true };
}

/** The SDK's `validateStandardSchema`: the schema's standard validation, issues joined as `path: message`. */
async function validate(
  schema: z.ZodType,
  data: unknown,
): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  const result = await schema['~standard'].validate(data);
  if (result.issues && result.issues.length > 0) return { ok: false, error: result.issues.map(formatIssue).join(', ') };
  return { ok: true, value: (result as { value: unknown }).value };
}

type Issue = { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined };

function formatIssue(issue: Issue): string {
  if (!issue.path?.length) return issue.message;
  return `${issue.path.map((p) => String(typeof p === 'object' ? p.key : p)).join('.')}: ${issue.message}`;
}

/** The SDK's tool error result (`createToolError`). */
function toolError(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/**
 * The 2025-11-25 wire projection of a result (`projectCallToolResult`): a non-object `structuredContent`
 * gets its JSON as a text block when there is none, and travels wrapped as `{ result }`. Our results
 * carry objects, so this is the identity in practice; kept so the two paths cannot drift.
 */
function projectStructured(result: CallToolResult): CallToolResult {
  const sc: unknown = result.structuredContent;
  if (sc === undefined || (typeof sc === 'object' && sc !== null && !Array.isArray(sc))) return result;
  const content = result.content.some((c) => c.type === 'text')
    ? result.content
    : [...result.content, { type: 'text' as const, text: JSON.stringify(sc) }];
  return { ...result, content, structuredContent: { result: sc } };
}

function progressOf(params: { progress: number; total?: number; message?: string }) {
  return {
    progress: params.progress,
    ...(params.total !== undefined ? { total: params.total } : {}),
    ...(params.message !== undefined ? { message: params.message } : {}),
  };
}
