import Anthropic from '@anthropic-ai/sdk';
import type {
  ContentPart,
  Message,
  Model,
  ModelRequest,
  ModelResponse,
  ModelStreamEvent,
  StopReason,
  ToolUsePart,
  Usage,
} from '../../model/index.js';
import { ModelError } from '../errors.js';
import { type RetryPolicy, withRetry, withStreamRetry } from '../retry.js';
import { sendsTopP } from './anthropic-sampling.js';

/** Options of {@link AnthropicModel}. */
export interface AnthropicModelOptions {
  /** e.g. `claude-sonnet-4-6` (default). */
  model?: string;
  /** Defaults to `ANTHROPIC_API_KEY` (read by the SDK). */
  apiKey?: string;
  /** Defaults to `ANTHROPIC_BASE_URL` (read by the SDK), else the public API. */
  baseURL?: string;
  /** `max_tokens` when the request sets none (default 4096). */
  maxTokens?: number;
  /** Per-attempt HTTP timeout (default 120 000 ms); the request's deadline still bounds the whole call. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-4-6';

const STOP_REASONS: Record<string, StopReason> = {
  end_turn: 'end_turn',
  tool_use: 'tool_use',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  refusal: 'refusal',
};

function toStopReason(reason: string | null | undefined): StopReason {
  return (reason && STOP_REASONS[reason]) || 'other';
}

function toBlock(part: ContentPart): Anthropic.ContentBlockParam | undefined {
  switch (part.type) {
    case 'text':
      // The API rejects empty text blocks.
      return part.text ? { type: 'text', text: part.text } : undefined;
    case 'tool_use':
      return { type: 'tool_use', id: part.id, name: part.name, input: part.input };
    case 'tool_result':
      return {
        type: 'tool_result',
        tool_use_id: part.toolUseId,
        content: part.content,
        ...(part.isError ? { is_error: true } : {}),
      };
  }
}

/** Our neutral messages as Messages API params (empty messages dropped: the API refuses them). */
export function toAnthropicMessages(messages: readonly Message[]): Anthropic.MessageParam[] {
  const out: Anthropic.MessageParam[] = [];
  for (const message of messages) {
    const blocks = message.content.map(toBlock).filter((b): b is Anthropic.ContentBlockParam => b !== undefined);
    // tool_result blocks must open a user message.
    if (message.role === 'user')
      blocks.sort((a, b) => Number(b.type === 'tool_result') - Number(a.type === 'tool_result'));
    if (blocks.length > 0) out.push({ role: message.role, content: blocks });
  }
  return out;
}

function parseToolInput(json: string, name: string): Record<string, unknown> {
  if (json.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Fall through to the typed error.
  }
  throw new ModelError('internal', `anthropic: malformed input for tool ${name}`, {
    provider: 'anthropic',
    retryable: false,
  });
}

/**
 * Claude through the official SDK (Messages API). Tool calls come from the structured `tool_use`
 * blocks; retries are ours (the SDK's are off), bounded by the request's deadline and signal.
 *
 * @example
 * const model = new AnthropicModel({ model: 'claude-sonnet-4-6' });
 * const response = await model.generate({ system: 'Be brief.', messages: [userText('Oi')], tools: [] });
 */
export class AnthropicModel implements Model {
  readonly id: string;
  readonly provider = 'anthropic' as const;
  readonly model: string;
  private readonly client: Anthropic;
  private readonly options: AnthropicModelOptions;

  constructor(options: AnthropicModelOptions = {}) {
    this.options = options;
    this.model = options.model ?? DEFAULT_ANTHROPIC_MODEL;
    this.id = `anthropic:${this.model}`;
    this.client = new Anthropic({
      ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
      maxRetries: 0,
      timeout: options.timeoutMs ?? 120_000,
    });
  }

  private params(request: ModelRequest): Anthropic.MessageCreateParamsNonStreaming {
    return {
      model: this.model,
      max_tokens: request.maxTokens ?? this.options.maxTokens ?? 4096,
      messages: toAnthropicMessages(request.messages),
      ...(request.system ? { system: request.system } : {}),
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(request.topP === undefined || !sendsTopP(this.model, request) ? {} : { top_p: request.topP }),
      ...(request.tools.length > 0
        ? {
            tools: request.tools.map((t) => ({
              name: t.name,
              description: t.description,
              input_schema: { ...t.inputSchema, type: 'object' as const },
            })),
          }
        : {}),
    };
  }

  private retryContext(request: ModelRequest) {
    return {
      provider: 'anthropic' as const,
      signal: request.signal,
      deadline: request.deadline,
      policy: this.options.retry,
    };
  }

  async generate(request: ModelRequest): Promise<ModelResponse> {
    const params = this.params(request);
    const message = await withRetry(
      (signal) => this.client.messages.create(params, { signal }),
      this.retryContext(request),
    );
    const content: ContentPart[] = [];
    for (const block of message.content) {
      if (block.type === 'text') content.push({ type: 'text', text: block.text });
      else if (block.type === 'tool_use') {
        const input = block.input;
        content.push({
          type: 'tool_use',
          id: block.id,
          name: block.name,
          input: typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {},
        });
      }
    }
    return {
      content,
      stopReason: toStopReason(message.stop_reason),
      usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens },
      model: message.model,
    };
  }

  stream(request: ModelRequest): AsyncIterable<ModelStreamEvent> {
    const params: Anthropic.MessageCreateParamsStreaming = { ...this.params(request), stream: true };
    return withStreamRetry((signal) => this.streamOnce(params, signal), this.retryContext(request));
  }

  /** One streamed attempt: text deltas as they come, each tool_use once its JSON is complete, then `done`. */
  private async *streamOnce(
    params: Anthropic.MessageCreateParamsStreaming,
    signal: AbortSignal,
  ): AsyncGenerator<ModelStreamEvent> {
    const stream = await this.client.messages.create(params, { signal });
    const blocks = new Map<number, { text: string } | { tool: ToolUsePart; json: string }>();
    const usage: Usage = { inputTokens: 0, outputTokens: 0 };
    let stopReason: StopReason = 'other';
    let model = this.model;
    for await (const event of stream) {
      switch (event.type) {
        case 'message_start':
          model = event.message.model;
          usage.inputTokens = event.message.usage.input_tokens;
          usage.outputTokens = event.message.usage.output_tokens;
          break;
        case 'content_block_start': {
          const block = event.content_block;
          if (block.type === 'text') {
            blocks.set(event.index, { text: block.text });
            if (block.text) yield { type: 'text_delta', text: block.text };
          } else if (block.type === 'tool_use') {
            blocks.set(event.index, {
              tool: { type: 'tool_use', id: block.id, name: block.name, input: {} },
              json: '',
            });
          }
          break;
        }
        case 'content_block_delta': {
          const block = blocks.get(event.index);
          if (event.delta.type === 'text_delta' && block && 'text' in block) {
            block.text += event.delta.text;
            yield { type: 'text_delta', text: event.delta.text };
          } else if (event.delta.type === 'input_json_delta' && block && 'json' in block) {
            block.json += event.delta.partial_json;
          }
          break;
        }
        case 'content_block_stop': {
          const block = blocks.get(event.index);
          if (block && 'tool' in block) {
            block.tool.input = parseToolInput(block.json, block.tool.name);
            yield { type: 'tool_use', part: block.tool };
          }
          break;
        }
        case 'message_delta':
          stopReason = toStopReason(event.delta.stop_reason);
          usage.outputTokens = event.usage.output_tokens;
          if (typeof event.usage.input_tokens === 'number') usage.inputTokens = event.usage.input_tokens;
          break;
        default:
          break;
      }
    }
    if (signal.aborted) return; // the retry wrapper turns this into the typed stop error
    const content: ContentPart[] = [...blocks.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, block]) => ('tool' in block ? block.tool : { type: 'text' as const, text: block.text }))
      .filter((part) => part.type !== 'text' || part.text !== '');
    yield { type: 'done', response: { content, stopReason, usage, model } };
  }
}
