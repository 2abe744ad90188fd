/** Which API a request spoke. `embed` turns are only consumed by Gemini embedding requests. */
export type MockProvider = 'anthropic' | 'gemini';

/** One scripted answer of the mock. */
export interface MockTurn {
  text?: string;
  toolCalls?: Array<{ name: string; input: Record<string, unknown> }>;
  /** Default: `tool_use` when there are tool calls, else `end_turn`. */
  stopReason?: 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'refusal';
  usage?: { input: number; output: number };
  /** An error answer with this HTTP status (429, 500, 503, 529, 400, 401 ...). */
  status?: number;
  /** Sent as `retry-after` (and as Gemini's RetryInfo) with an error answer. */
  retryAfterSeconds?: number;
  /** Custom message of an error answer. */
  errorMessage?: string;
  /** Wait before answering (cancellation and deadline tests). */
  delayMs?: number;
  /** Wait between streamed events. */
  chunkDelayMs?: number;
  /** Only this provider consumes the turn (`embed`: only embedding requests). Default: any chat request. */
  provider?: MockProvider | 'embed';
  /**
   * Gemini only: a `thoughtSignature` the answer carries, as Gemini 2.5/3 send it — on the first
   * functionCall part (parallel calls: only the first one is signed), or, with no calls, on the last
   * text part (streamed: in a closing chunk with empty text). Anthropic ignores it.
   */
  thoughtSignature?: string;
}

/** A part of a recorded message, the same for both providers (`signature`: Gemini's `thoughtSignature` sent back). */
export type MockPart =
  | { type: 'text'; text: string; signature?: string }
  | { type: 'tool_use'; id?: string; name: string; input: Record<string, unknown>; signature?: string }
  | { type: 'tool_result'; toolUseId?: string; name?: string; content: string; isError: boolean };

/** Every request the mock received, parsed. */
export interface MockLlmRequest {
  provider: MockProvider;
  kind: 'chat' | 'embed';
  method: string;
  /** Path with query, e.g. `/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`. */
  path: string;
  headers: Record<string, string>;
  /** The raw JSON body. */
  body: unknown;
  model: string;
  stream: boolean;
  /** The system prompt (Anthropic `system`, Gemini `systemInstruction`). */
  system?: string;
  /** Tools as sent: Anthropic `input_schema` or Gemini `parameters` (the cleaned schema). */
  tools: Array<{ name: string; description?: string; schema: unknown }>;
  messages: Array<{ role: 'user' | 'assistant'; parts: MockPart[] }>;
  /** Tool results in the last message: what the agent sent back this round. */
  toolResults: Array<Extract<MockPart, { type: 'tool_result' }>>;
  /** Text of the last user message that had text. */
  lastUserText: string;
  /** Embedding requests: the texts. */
  texts: string[];
  temperature?: number;
  maxTokens?: number;
}

/** Computes a turn from the request (benchmarks, loops); `undefined` = no answer (HTTP 500). */
export type MockHandler = (request: MockLlmRequest) => MockTurn | undefined;
