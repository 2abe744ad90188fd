import { randomUUID } from 'node:crypto';
import {
  type Content,
  FinishReason,
  type GenerateContentConfig,
  type GenerateContentResponse,
  GoogleGenAI,
  type Part,
} from '@google/genai';
import type {
  ContentPart,
  Message,
  Model,
  ModelRequest,
  ModelResponse,
  ModelStreamEvent,
  StopReason,
  Usage,
} from '../../model/index.js';
import { type RetryPolicy, withRetry, withStreamRetry } from '../retry.js';
import { toGeminiSchema } from './gemini-schema.js';

/** Options of {@link GeminiModel}. */
export interface GeminiModelOptions {
  /** e.g. `gemini-2.5-flash` (default). */
  model?: string;
  /** Defaults to `GEMINI_API_KEY`. */
  apiKey?: string;
  /** Defaults to `GEMINI_BASE_URL` (genai's `httpOptions.baseUrl`), else the public API. */
  baseUrl?: string;
  /** Per-attempt HTTP timeout (default 120 000 ms); the request's deadline still bounds the whole call. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash';

/** Prefix of the ids we make up for Gemini function calls that came without one. */
const GENERATED_ID_PREFIX = 'gemini-call-';

function toStopReason(reason: FinishReason | undefined, hasToolUse: boolean): StopReason {
  if (hasToolUse) return 'tool_use';
  switch (reason) {
    case FinishReason.STOP:
      return 'end_turn';
    case FinishReason.MAX_TOKENS:
      return 'max_tokens';
    case FinishReason.SAFETY:
    case FinishReason.PROHIBITED_CONTENT:
    case FinishReason.BLOCKLIST:
    case FinishReason.SPII:
    case FinishReason.RECITATION:
      return 'refusal';
    default:
      return 'other';
  }
}

/** Our ids for calls Gemini gave none are ours alone: don't send them back as if Gemini made them. */
function providerId(id: string): { id?: string } {
  return id.startsWith(GENERATED_ID_PREFIX) ? {} : { id };
}

/** Gemini wants a part's `thoughtSignature` back on the same part, untouched. */
function signed(signature: string | undefined): { thoughtSignature?: string } {
  return signature === undefined ? {} : { thoughtSignature: signature };
}

function toPart(part: ContentPart): Part | undefined {
  switch (part.type) {
    case 'text':
      // An empty text part only matters when it carries a signature (streamed answers end with one).
      return part.text || part.signature !== undefined ? { text: part.text, ...signed(part.signature) } : undefined;
    case 'tool_use':
      return { functionCall: { ...providerId(part.id), name: part.name, args: part.input }, ...signed(part.signature) };
    case 'tool_result':
      return {
        functionResponse: {
          ...providerId(part.toolUseId),
          name: part.toolName,
          response: part.isError ? { error: part.content } : { output: part.content },
        },
      };
  }
}

/**
 * Gemini's documented stand-in for a missing signature. Gemini 3 rejects a model turn whose first
 * function call is unsigned — calls that another provider or an offline policy made (a handoff, a
 * model switch mid-session) never had one.
 */
export const SKIP_SIGNATURE_VALIDATOR = 'skip_thought_signature_validator';

/** Options of {@link toGeminiContents}. */
export interface GeminiContentsOptions {
  /** Sign each model turn's unsigned first function call with {@link SKIP_SIGNATURE_VALIDATOR}. */
  fillMissingSignatures?: boolean;
}

/** Gemini 1.x/2.x accept unsigned calls; later models validate signatures. */
export function requiresSignatures(model: string): boolean {
  return !/^(models\/)?gemini-[12][.-]/.test(model);
}

/**
 * Our neutral messages as Gemini contents (`assistant` → `model`; tool results → functionResponse
 * parts). Signatures go back on the parts they came with.
 */
export function toGeminiContents(messages: readonly Message[], options: GeminiContentsOptions = {}): Content[] {
  const out: Content[] = [];
  for (const message of messages) {
    const parts = message.content.map(toPart).filter((p): p is Part => p !== undefined);
    if (parts.length === 0) continue;
    const role = message.role === 'assistant' ? 'model' : 'user';
    const firstCall = parts.find((p) => p.functionCall !== undefined);
    if (options.fillMissingSignatures && role === 'model' && firstCall && firstCall.thoughtSignature === undefined) {
      firstCall.thoughtSignature = SKIP_SIGNATURE_VALIDATOR;
    }
    out.push({ role, parts });
  }
  return out;
}

function usageOf(response: GenerateContentResponse): Usage | undefined {
  const meta = response.usageMetadata;
  if (!meta) return undefined;
  return {
    inputTokens: meta.promptTokenCount ?? 0,
    outputTokens: (meta.candidatesTokenCount ?? 0) + (meta.thoughtsTokenCount ?? 0),
  };
}

/**
 * The text and function calls of one (possibly partial) response, thought parts left out. A part's
 * `thoughtSignature` (Gemini 2.5/3) is kept as `signature` on the part it came with, so it goes back
 * on the same part next turn; an empty text part is kept only when it carries one.
 */
function partsOf(response: GenerateContentResponse): ContentPart[] {
  const out: ContentPart[] = [];
  for (const part of response.candidates?.[0]?.content?.parts ?? []) {
    if (part.thought) continue;
    const signature = part.thoughtSignature || undefined;
    const call = part.functionCall?.name ? part.functionCall : undefined;
    const textSignature = call ? undefined : signature;
    if (typeof part.text === 'string' && (part.text || textSignature !== undefined)) {
      out.push({ type: 'text', text: part.text, ...(textSignature === undefined ? {} : { signature: textSignature }) });
    }
    if (call?.name) {
      out.push({
        type: 'tool_use',
        id: call.id || `${GENERATED_ID_PREFIX}${randomUUID()}`,
        name: call.name,
        input: call.args ?? {},
        ...(signature === undefined ? {} : { signature }),
      });
    }
  }
  return out;
}

/** Adds a streamed part: text continues the open text part; a signature closes the part it arrives on. */
function appendStreamed(content: ContentPart[], part: ContentPart): void {
  const last = content[content.length - 1];
  if (part.type === 'text' && last?.type === 'text' && last.signature === undefined) {
    last.text += part.text;
    if (part.signature !== undefined) last.signature = part.signature;
  } else {
    content.push(part.type === 'text' ? { ...part } : part);
  }
}

/**
 * Gemini through `@google/genai` (generateContent / generateContentStream, function calling).
 * Function calls get generated ids when Gemini sends none; tool results go back as functionResponse
 * parts named after the tool. Retries are ours (genai's are off by default), bounded like Anthropic's.
 *
 * @example
 * const model = new GeminiModel({ model: 'gemini-2.5-flash', apiKey: process.env.GEMINI_API_KEY });
 */
export class GeminiModel implements Model {
  readonly id: string;
  readonly provider = 'gemini' as const;
  readonly model: string;
  private readonly client: GoogleGenAI;
  private readonly options: GeminiModelOptions;

  constructor(options: GeminiModelOptions = {}) {
    this.options = options;
    this.model = options.model ?? DEFAULT_GEMINI_MODEL;
    this.id = `gemini:${this.model}`;
    const baseUrl = options.baseUrl ?? process.env.GEMINI_BASE_URL;
    const apiKey = options.apiKey ?? process.env.GEMINI_API_KEY;
    this.client = new GoogleGenAI({
      vertexai: false,
      ...(apiKey === undefined ? {} : { apiKey }),
      httpOptions: { timeout: options.timeoutMs ?? 120_000, ...(baseUrl ? { baseUrl } : {}) },
    });
  }

  private config(request: ModelRequest, signal: AbortSignal): GenerateContentConfig {
    const declarations = request.tools.map((tool) => {
      const parameters = toGeminiSchema(tool.inputSchema);
      return { name: tool.name, description: tool.description, ...(parameters ? { parameters } : {}) };
    });
    return {
      abortSignal: signal,
      ...(request.system ? { systemInstruction: request.system } : {}),
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(request.topP === undefined ? {} : { topP: request.topP }),
      ...(request.maxTokens === undefined ? {} : { maxOutputTokens: request.maxTokens }),
      ...(declarations.length > 0 ? { tools: [{ functionDeclarations: declarations }] } : {}),
    };
  }

  private retryContext(request: ModelRequest) {
    return {
      provider: 'gemini' as const,
      signal: request.signal,
      deadline: request.deadline,
      policy: this.options.retry,
    };
  }

  private contents(request: ModelRequest): Content[] {
    return toGeminiContents(request.messages, { fillMissingSignatures: requiresSignatures(this.model) });
  }

  async generate(request: ModelRequest): Promise<ModelResponse> {
    const contents = this.contents(request);
    const response = await withRetry(
      (signal) =>
        this.client.models.generateContent({ model: this.model, contents, config: this.config(request, signal) }),
      this.retryContext(request),
    );
    const content = partsOf(response);
    const hasToolUse = content.some((p) => p.type === 'tool_use');
    return {
      content,
      stopReason: response.promptFeedback?.blockReason
        ? 'refusal'
        : toStopReason(response.candidates?.[0]?.finishReason, hasToolUse),
      usage: usageOf(response) ?? { inputTokens: 0, outputTokens: 0 },
      model: response.modelVersion ?? this.model,
    };
  }

  stream(request: ModelRequest): AsyncIterable<ModelStreamEvent> {
    const contents = this.contents(request);
    return withStreamRetry((signal) => this.streamOnce(request, contents, signal), this.retryContext(request));
  }

  /** One streamed attempt: text deltas and whole function calls as chunks arrive, then `done`. */
  private async *streamOnce(
    request: ModelRequest,
    contents: Content[],
    signal: AbortSignal,
  ): AsyncGenerator<ModelStreamEvent> {
    const stream = await this.client.models.generateContentStream({
      model: this.model,
      contents,
      config: this.config(request, signal),
    });
    const content: ContentPart[] = [];
    let usage: Usage = { inputTokens: 0, outputTokens: 0 };
    let finishReason: FinishReason | undefined;
    let blocked = false;
    let model = this.model;
    for await (const chunk of stream) {
      for (const part of partsOf(chunk)) {
        appendStreamed(content, part);
        if (part.type === 'text' && part.text) yield { type: 'text_delta', text: part.text };
        else if (part.type === 'tool_use') yield { type: 'tool_use', part };
      }
      // usageMetadata is cumulative: the last one counts.
      usage = usageOf(chunk) ?? usage;
      finishReason = chunk.candidates?.[0]?.finishReason ?? finishReason;
      blocked ||= Boolean(chunk.promptFeedback?.blockReason);
      model = chunk.modelVersion ?? model;
    }
    if (signal.aborted) return; // the retry wrapper turns this into the typed stop error
    const hasToolUse = content.some((p) => p.type === 'tool_use');
    const stopReason = blocked ? 'refusal' : toStopReason(finishReason, hasToolUse);
    yield { type: 'done', response: { content, stopReason, usage, model } };
  }
}
