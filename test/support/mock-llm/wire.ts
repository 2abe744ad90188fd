import { LocalEmbedder } from '../../../src/shared/index.js';
import type { MockLlmRequest, MockTurn } from './types.js';

/** What the server writes: one JSON answer, or a list of SSE frames. */
export type Reply =
  | { kind: 'json'; status: number; headers: Record<string, string>; body: unknown }
  | { kind: 'sse'; headers: Record<string, string>; frames: string[] };

const JSON_HEADERS = { 'content-type': 'application/json' };
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

/** Words with their trailing spaces: several deltas per answer, in order. */
export function textChunks(text: string): string[] {
  return text.split(/(?<=\s)/).filter(Boolean);
}

function jsonChunks(json: string, size = 12): string[] {
  const out: string[] = [];
  for (let i = 0; i < json.length; i += size) out.push(json.slice(i, i + size));
  return out;
}

function usageOf(turn: MockTurn, request: MockLlmRequest): { input: number; output: number } {
  if (turn.usage) return turn.usage;
  const out = (turn.text ?? '').length + JSON.stringify(turn.toolCalls ?? []).length;
  return { input: Math.ceil(JSON.stringify(request.body).length / 4), output: Math.max(1, Math.ceil(out / 4)) };
}

function stopOf(turn: MockTurn): NonNullable<MockTurn['stopReason']> {
  return turn.stopReason ?? (turn.toolCalls?.length ? 'tool_use' : 'end_turn');
}

const ANTHROPIC_ERRORS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};
const GEMINI_STATUSES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  529: 'UNAVAILABLE',
};

function retryHeaders(turn: MockTurn): Record<string, string> {
  return turn.retryAfterSeconds === undefined ? {} : { 'retry-after': String(turn.retryAfterSeconds) };
}

/** Anthropic's error JSON (`{type: "error", error: {type, message}}`). */
export function anthropicError(status: number, message: string, turn: MockTurn = {}): Reply {
  const type = ANTHROPIC_ERRORS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return {
    kind: 'json',
    status,
    headers: { ...JSON_HEADERS, 'request-id': 'req_mock', ...retryHeaders(turn) },
    body: { type: 'error', error: { type, message }, request_id: 'req_mock' },
  };
}

/** Google's error JSON (`{error: {code, message, status, details}}`), RetryInfo included when asked. */
export function geminiError(status: number, message: string, turn: MockTurn = {}): Reply {
  const details =
    turn.retryAfterSeconds === undefined
      ? []
      : [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${turn.retryAfterSeconds}s` }];
  return {
    kind: 'json',
    status,
    headers: { ...JSON_HEADERS, ...retryHeaders(turn) },
    body: { error: { code: status, message, status: GEMINI_STATUSES[status] ?? 'UNKNOWN', details } },
  };
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A Messages API answer: JSON, or the SSE event sequence the real API streams. */
export function anthropicReply(turn: MockTurn, request: MockLlmRequest, ids: () => string): Reply {
  const usage = usageOf(turn, request);
  const stop = stopOf(turn);
  const blocks: Array<{ type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown }> =
    [];
  if (turn.text) blocks.push({ type: 'text', text: turn.text });
  for (const call of turn.toolCalls ?? [])
    blocks.push({ type: 'tool_use', id: `toolu_mock_${ids()}`, name: call.name, input: call.input });
  const message = {
    id: `msg_mock_${ids()}`,
    type: 'message',
    role: 'assistant',
    model: request.model,
    stop_sequence: null,
    usage: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
  if (!request.stream)
    return {
      kind: 'json',
      status: 200,
      headers: JSON_HEADERS,
      body: { ...message, content: blocks, stop_reason: stop },
    };

  const frames = [
    sse('message_start', {
      type: 'message_start',
      message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 1 } },
    }),
    sse('ping', { type: 'ping' }),
  ];
  blocks.forEach((block, index) => {
    if (block.type === 'text') {
      frames.push(
        sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }),
      );
      for (const text of textChunks(block.text)) {
        frames.push(
          sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }),
        );
      }
    } else {
      frames.push(
        sse('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        }),
      );
      for (const partial_json of jsonChunks(JSON.stringify(block.input))) {
        frames.push(
          sse('content_block_delta', {
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json },
          }),
        );
      }
    }
    frames.push(sse('content_block_stop', { type: 'content_block_stop', index }));
  });
  frames.push(
    sse('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stop, stop_sequence: null },
      usage: { output_tokens: usage.output },
    }),
    sse('message_stop', { type: 'message_stop' }),
  );
  return { kind: 'sse', headers: SSE_HEADERS, frames };
}

const FINISH: Record<string, string> = { max_tokens: 'MAX_TOKENS', refusal: 'SAFETY' };

/** A generateContent answer, or the `alt=sse` chunks of streamGenerateContent. Function calls carry no id, as from the real API. */
export function geminiReply(turn: MockTurn, request: MockLlmRequest): Reply {
  const usage = usageOf(turn, request);
  const usageMetadata = {
    promptTokenCount: usage.input,
    candidatesTokenCount: usage.output,
    totalTokenCount: usage.input + usage.output,
  };
  const finishReason = FINISH[stopOf(turn)] ?? 'STOP';
  const signature = turn.thoughtSignature;
  const calls = (turn.toolCalls ?? []).map((c, i) => ({
    functionCall: { name: c.name, args: c.input },
    ...(signature !== undefined && i === 0 ? { thoughtSignature: signature } : {}),
  }));
  // Without calls, Gemini signs the answer's last text part instead.
  const textSignature = signature !== undefined && calls.length === 0 ? { thoughtSignature: signature } : {};
  const chunk = (parts: unknown[], last: boolean) => ({
    candidates: [{ content: { role: 'model', parts }, index: 0, ...(last ? { finishReason } : {}) }],
    usageMetadata,
    modelVersion: request.model,
  });
  if (!request.stream) {
    return {
      kind: 'json',
      status: 200,
      headers: JSON_HEADERS,
      body: chunk([...(turn.text ? [{ text: turn.text, ...textSignature }] : []), ...calls], true),
    };
  }
  const pieces: unknown[][] = textChunks(turn.text ?? '').map((text) => [{ text }]);
  if (calls.length > 0) pieces.push(calls);
  // Streamed, the signature of a text answer comes alone in a closing chunk with empty text.
  else if (signature !== undefined) pieces.push([{ text: '', ...textSignature }]);
  if (pieces.length === 0) pieces.push([]);
  const frames = pieces.map((parts, i) => `data: ${JSON.stringify(chunk(parts, i === pieces.length - 1))}\r\n\r\n`);
  return { kind: 'sse', headers: SSE_HEADERS, frames };
}

/** Deterministic, not unit-length vectors (so the embedder's normalisation is exercised). */
export function geminiEmbedReply(request: MockLlmRequest, method: string): Reply {
  const body = request.body as { requests?: Array<{ outputDimensionality?: number }>; outputDimensionality?: number };
  const dims = body.requests?.[0]?.outputDimensionality ?? body.outputDimensionality ?? 768;
  const embedder = new LocalEmbedder(dims);
  const vectors = request.texts.map((t) => ({ values: Array.from(embedder.embedOne(t), (v) => v * 2.5) }));
  const payload = method === 'embedContent' ? { embedding: vectors[0] } : { embeddings: vectors };
  return { kind: 'json', status: 200, headers: JSON_HEADERS, body: payload };
}
