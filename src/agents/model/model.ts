import type { ContentPart, Message, StopReason, ToolDefinition, ToolUsePart, Usage } from './messages.js';

/**
 * Who is calling and in what conversation, for this call only. The runtime fills it on every call.
 * It is generic on purpose: a provider may use it for logs and traces or map it to a per-caller field of
 * its API (Anthropic's `metadata.user_id`, say); the offline model reads it to pick the calling agent's
 * policy and to read the session (contact name, route hint). Nothing in it is sent to a provider unless
 * that provider's adapter chooses to.
 */
export interface RequestContext {
  /** The calling agent's name. */
  agentName?: string;
  /** The run's session state, read-only (the conversation's shared keys: contact, route hint, scope...). */
  state?: Readonly<Record<string, unknown>>;
}

export interface ModelRequest {
  system?: string;
  messages: Message[];
  tools: ToolDefinition[];
  temperature?: number;
  /** Nucleus sampling (0 < top_p ≤ 1); the seed gives every agent 0.95. */
  topP?: number;
  maxTokens?: number;
  /** Aborts the call: cancellation or the run's deadline. Retries stop when it fires. */
  signal?: AbortSignal;
  /** Epoch ms after which no retry is attempted. */
  deadline?: number;
  /** Who is calling (agent, session state); see {@link RequestContext}. */
  context?: RequestContext;
}

export interface ModelResponse {
  /** Text and tool_use parts, in the order the model produced them. */
  content: ContentPart[];
  stopReason: StopReason;
  usage: Usage;
  /** The concrete model that answered, e.g. `claude-sonnet-4-6` or `offline`. */
  model: string;
}

/** Incremental output of a streamed call; always ends with exactly one `done`. */
export type ModelStreamEvent =
  | { type: 'text_delta'; text: string }
  | { type: 'tool_use'; part: ToolUsePart }
  | { type: 'done'; response: ModelResponse };

/** A chat model with tool use. Adapters: Anthropic, Gemini, offline. */
export interface Model {
  /** `anthropic:<model>`, `gemini:<model>` or `offline`. */
  readonly id: string;
  readonly provider: 'anthropic' | 'gemini' | 'offline';
  generate(request: ModelRequest): Promise<ModelResponse>;
  stream(request: ModelRequest): AsyncIterable<ModelStreamEvent>;
}
