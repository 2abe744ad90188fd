import { randomUUID } from 'node:crypto';
import type { CallToolResult, ContentBlock } from '@modelcontextprotocol/server';
import { errorMessage, logger, VentrosError } from '../../shared/index.js';

/** `_meta` key of an error result carrying the error's code, details and id. */
export const META_ERROR = 'io.ventros/error';

/**
 * A successful tool result: the structured object plus the same JSON as a text block (none with
 * `structuredOnly`), or the blocks `present` makes of it (a tool whose answer is media, see ToolSpec.present).
 */
export function successResult(
  value: Record<string, unknown>,
  present?: (value: Record<string, unknown>) => ContentBlock[],
  structuredOnly = false,
): CallToolResult {
  // A caller that reads only the structured object (a direct call's `structuredOnly`) gets no JSON text.
  const content = present
    ? present(value)
    : structuredOnly
      ? []
      : [{ type: 'text' as const, text: JSON.stringify(value) }];
  return { content, structuredContent: value };
}

/**
 * A failure as a tool result (`isError: true`). Our own typed errors (ToolError, NotFoundError, ...)
 * are deliberate and worded for the model, so their message goes out as is; anything else is a bug or
 * an infrastructure fault: logged with an id, answered with a generic message that names the id.
 */
export function errorResult(toolName: string, error: unknown): CallToolResult {
  if (VentrosError.isInstance(error)) {
    const meta: Record<string, unknown> = { code: error.code };
    if (error.details) meta.details = error.details;
    return { content: [{ type: 'text', text: error.message }], isError: true, _meta: { [META_ERROR]: meta } };
  }
  const errorId = randomUUID();
  logger.error({ tool: toolName, errorId, err: error }, `tool ${toolName} failed: ${errorMessage(error)}`);
  return {
    content: [{ type: 'text', text: `Internal error in tool ${toolName} (error id ${errorId}). Try again later.` }],
    isError: true,
    _meta: { [META_ERROR]: { code: 'internal', errorId } },
  };
}
