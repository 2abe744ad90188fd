/**
 * Provider-neutral conversation records. Every provider adapter maps these to and from its own wire
 * types; nothing above the adapters sees an SDK type.
 */

/** A JSON Schema object as MCP tools and providers use it (`type: "object"`, `properties`, ...). */
export type JsonSchema = { [key: string]: unknown };

export interface TextPart {
  type: 'text';
  text: string;
  /**
   * Opaque provider metadata the provider wants back on the same part in later turns (Gemini's
   * `thoughtSignature`). It lives in the history like the text; adapters that do not know it ignore it.
   */
  signature?: string;
}

export interface ToolUsePart {
  type: 'tool_use';
  /** Provider call id (Anthropic `toolu_...`; generated for Gemini, which has none). */
  id: string;
  name: string;
  input: Record<string, unknown>;
  /**
   * Opaque provider metadata to send back with this call (Gemini 2.5/3 `thoughtSignature`: multi-turn
   * function calling fails without it). Adapters that do not know it ignore it.
   */
  signature?: string;
}

export interface ToolResultPart {
  type: 'tool_result';
  toolUseId: string;
  /** Gemini's functionResponse needs the name; Anthropic ignores it. */
  toolName: string;
  content: string;
  isError?: boolean;
}

export type ContentPart = TextPart | ToolUsePart | ToolResultPart;

export interface Message {
  role: 'user' | 'assistant';
  content: ContentPart[];
}

/** A tool as a model sees it. The schema is plain JSON Schema; providers adapt it (Gemini's subset). */
export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: JsonSchema;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'other';

export function userText(text: string): Message {
  return { role: 'user', content: [{ type: 'text', text }] };
}

export function textOf(parts: readonly ContentPart[]): string {
  return parts
    .filter((p): p is TextPart => p.type === 'text')
    .map((p) => p.text)
    .join('');
}

export function toolUsesOf(parts: readonly ContentPart[]): ToolUsePart[] {
  return parts.filter((p): p is ToolUsePart => p.type === 'tool_use');
}

export function addUsage(a: Usage, b: Usage): Usage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
}

export const ZERO_USAGE: Usage = Object.freeze({ inputTokens: 0, outputTokens: 0 });
