import type { CallToolResult } from '@modelcontextprotocol/server';
import type { HostToolResult } from '../types.js';

type ContentBlock = CallToolResult['content'][number];

/** A short text stand-in for a block a text model cannot read (image, audio, binary resource). */
function describeBlock(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type}: ${block.mimeType}, ${Math.floor((block.data.length * 3) / 4)} bytes]`;
    case 'resource': {
      const resource = block.resource;
      const mime = resource.mimeType ? ` (${resource.mimeType})` : '';
      if ('text' in resource) return `[resource ${resource.uri}${mime}]\n${resource.text}`;
      return `[resource ${resource.uri}${mime}, binary]`;
    }
    case 'resource_link':
      return `[resource link: ${block.name} <${block.uri}>${block.description ? ` — ${block.description}` : ''}]`;
    default:
      return '[unsupported content]';
  }
}

/**
 * Turns an MCP `tools/call` result into the host's plain result: text blocks joined with newlines,
 * other blocks summarized, `structuredContent` passed through (and used as the text when the
 * server sent no content at all, unless the caller reads only `structured`).
 */
export function toHostResult(result: CallToolResult, structuredOnly = false): HostToolResult {
  const blocks = Array.isArray(result.content) ? result.content : [];
  const first = blocks[0];
  // One text block is the common answer: no intermediate array.
  let content = blocks.length === 1 && first?.type === 'text' ? first.text : blocks.map(describeBlock).join('\n');
  // A caller that reads only `structured` (HostCallContext.structuredOnly) does without its JSON text.
  if (content === '' && result.structuredContent !== undefined && !(structuredOnly && result.isError !== true)) {
    content = JSON.stringify(result.structuredContent);
  }
  const out: HostToolResult = { content };
  if (result.isError === true) out.isError = true;
  if (result.structuredContent !== undefined) out.structured = result.structuredContent;
  return out;
}

/** A failure the model should read (a JSON-RPC error from the server for this one call). */
export function errorResult(message: string): HostToolResult {
  return { content: message, isError: true };
}
