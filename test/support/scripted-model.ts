import type {
  ContentPart,
  Model,
  ModelRequest,
  ModelResponse,
  ModelStreamEvent,
  StopReason,
  Usage,
} from '../../src/agents/model/index.js';
import { abortReason } from '../../src/shared/index.js';

/** A tool call the scripted model makes. */
export interface ScriptedToolCall {
  name: string;
  args?: Record<string, unknown>;
  /** Call id (default `call_<turn>_<index>`). */
  id?: string;
}

/** One scripted model turn. */
export interface ScriptedReply {
  text?: string;
  toolCalls?: ScriptedToolCall[];
  usage?: Usage;
  stopReason?: StopReason;
  /** Throw this instead of answering (a provider failure). */
  error?: Error;
  /** Never answer: wait until the request's signal aborts (a hung provider). */
  hang?: boolean;
}

/** A turn: plain text, a reply, or a function of the request (to answer from what the model was sent). */
export type ScriptedTurn =
  | string
  | ScriptedReply
  | ((request: ModelRequest, call: number) => string | ScriptedReply | Promise<string | ScriptedReply>);

export interface ScriptedModelOptions {
  id?: string;
  /** Characters per streamed text delta (default 8). */
  chunkSize?: number;
}

const DEFAULT_USAGE: Usage = { inputTokens: 10, outputTokens: 5 };

/**
 * An in-process `Model` that plays a script: each call consumes the next turn (or asks a function).
 * It records every request, so tests can assert what the agent sent. Streams text in small deltas.
 *
 * @example
 * const model = new ScriptedModel([{ toolCalls: [{ name: 'lookup', args: { id: 1 } }] }, 'Found it.']);
 */
export class ScriptedModel implements Model {
  readonly id: string;
  readonly provider = 'offline' as const;
  /** Every request, in call order. */
  readonly requests: ModelRequest[] = [];
  private readonly script: ScriptedTurn[] | ((request: ModelRequest, call: number) => ScriptedTurn);
  private readonly chunkSize: number;

  constructor(
    script: ScriptedTurn[] | ((request: ModelRequest, call: number) => ScriptedTurn),
    options: ScriptedModelOptions = {},
  ) {
    this.script = script;
    this.id = options.id ?? 'scripted';
    this.chunkSize = options.chunkSize ?? 8;
  }

  /** How many calls were made. */
  get calls(): number {
    return this.requests.length;
  }

  async generate(request: ModelRequest): Promise<ModelResponse> {
    const call = this.requests.length;
    this.requests.push(request);
    if (request.signal?.aborted) throw abortReason(request.signal);
    let turn: ScriptedTurn | undefined = Array.isArray(this.script) ? this.script[call] : this.script(request, call);
    if (turn === undefined) throw new Error(`ScriptedModel: the script has no turn ${call + 1}`);
    if (typeof turn === 'function') turn = await turn(request, call);
    const reply: ScriptedReply = typeof turn === 'string' ? { text: turn } : turn;
    if (reply.hang) await waitForAbort(request.signal);
    if (reply.error) throw reply.error;
    const content: ContentPart[] = [];
    if (reply.text) content.push({ type: 'text', text: reply.text });
    (reply.toolCalls ?? []).forEach((tc, index) => {
      content.push({
        type: 'tool_use',
        id: tc.id ?? `call_${call + 1}_${index + 1}`,
        name: tc.name,
        input: tc.args ?? {},
      });
    });
    const hasTools = (reply.toolCalls?.length ?? 0) > 0;
    return {
      content,
      stopReason: reply.stopReason ?? (hasTools ? 'tool_use' : 'end_turn'),
      usage: reply.usage ?? DEFAULT_USAGE,
      model: this.id,
    };
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelStreamEvent> {
    const response = await this.generate(request);
    for (const part of response.content) {
      if (part.type === 'text') {
        for (let i = 0; i < part.text.length; i += this.chunkSize) {
          yield { type: 'text_delta', text: part.text.slice(i, i + this.chunkSize) };
        }
      } else if (part.type === 'tool_use') {
        yield { type: 'tool_use', part };
      }
    }
    yield { type: 'done', response };
  }
}

function waitForAbort(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return; // no signal: hangs for good, as a broken provider would
    if (signal.aborted) return reject(abortReason(signal));
    signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
}
