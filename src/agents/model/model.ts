import type { ContentPart, Message, StopReason, ToolDefinition, ToolUsePart, Usage } from './messages.js';

/**
 * What the offline policy needs to act like an agent without an LLM: which tool is the agent's main
 * one, how to read its arguments from the customer's message, and how to phrase the answer.
 * Agents from the catalog carry one; the policy engine lives in `providers/offline`.
 */
export interface OfflinePolicy {
  /** Search memory first (with the user's message as the query) when a memory tool is offered. */
  searchMemoryFirst?: boolean;
  /**
   * The agent's next tool call, with arguments read from the message and the results of this turn's
   * calls so far (tool name → parsed JSON or text), so a policy can chain steps (check value → offer
   * or escalate); `undefined` = no more calls, answer now. Each tool is called at most once a turn.
   */
  mainTool?: (
    message: string,
    state: Readonly<Record<string, unknown>>,
    results?: ReadonlyMap<string, unknown>,
  ) => { name: string; args: Record<string, unknown> } | undefined;
  /** The final answer, from the message and the tool results so far (tool name → parsed JSON or text). */
  answer: (message: string, results: ReadonlyMap<string, unknown>, state: Readonly<Record<string, unknown>>) => string;
}

export interface ModelRequest {
  system?: string;
  messages: Message[];
  tools: ToolDefinition[];
  temperature?: number;
  maxTokens?: number;
  /** Aborts the call: cancellation or the run's deadline. Retries stop when it fires. */
  signal?: AbortSignal;
  /** Epoch ms after which no retry is attempted. */
  deadline?: number;
  /** The calling agent's name, for logs and the offline policy. */
  agentName?: string;
  offline?: OfflinePolicy;
  /** The session's state, read by the offline policy (`mainTool`, `answer`); providers ignore it. */
  state?: Readonly<Record<string, unknown>>;
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
