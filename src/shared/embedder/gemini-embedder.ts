import type { GoogleGenAI } from '@google/genai';
import { abortReason, sleep } from '../abort.js';
import { errorMessage, InvalidInputError, VentrosError } from '../errors.js';
import type { Embedder } from './embedder.js';

/** Options of {@link GeminiEmbedder}. */
export interface GeminiEmbedderOptions {
  apiKey: string;
  /** Defaults to `GEMINI_BASE_URL`, else the public API. */
  baseUrl?: string;
  /** Default `text-embedding-004`. */
  model?: string;
  /** Output dimensionality (default 768). */
  dimensions?: number;
  /** Texts per request; the API takes at most 100 (default 100). */
  batchSize?: number;
  /** Attempts per batch on 429/5xx/connection failures (default 4). */
  maxAttempts?: number;
  /** Backoff base in ms (default 500); full jitter, doubled per attempt, capped at 8 s. */
  baseDelayMs?: number;
  /** Per-attempt HTTP timeout (default 30 000 ms). */
  timeoutMs?: number;
}

function statusOf(error: unknown): number | undefined {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

function retryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return status === 429 || status === 408 || status >= 500;
  return error instanceof TypeError; // fetch's connection failures
}

function l2Normalise(values: readonly number[]): Float32Array {
  const vector = Float32Array.from(values);
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += (vector[i] as number) ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) / norm;
  return vector;
}

/**
 * Gemini embeddings (`text-embedding-004`, 768 dimensions) through `@google/genai`: batched,
 * retried on 429/5xx, L2-normalised so `cosine` is a dot product. Lives in `shared/` because the
 * memory server and the router both embed; it cannot use the agents' model retry, so it carries a
 * small one of its own.
 *
 * @example
 * const embedder = new GeminiEmbedder({ apiKey: process.env.GEMINI_API_KEY! });
 * const [vector] = await embedder.embed(['quero cancelar meu plano']);
 */
export class GeminiEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  readonly model: string;
  private readonly options: GeminiEmbedderOptions;
  private client: Promise<GoogleGenAI> | undefined;

  constructor(options: GeminiEmbedderOptions) {
    if (!options.apiKey) throw new InvalidInputError('GeminiEmbedder needs an API key: set GEMINI_API_KEY');
    this.options = options;
    this.model = options.model ?? 'text-embedding-004';
    this.dimensions = options.dimensions ?? 768;
    this.id = `gemini:${this.model}:${this.dimensions}`;
  }

  /** The SDK is loaded on first use: everything imports `shared/`, few processes embed with Gemini. */
  private getClient(): Promise<GoogleGenAI> {
    const { apiKey, timeoutMs } = this.options;
    const baseUrl = this.options.baseUrl ?? process.env.GEMINI_BASE_URL;
    this.client ??= import('@google/genai').then(
      ({ GoogleGenAI }) =>
        new GoogleGenAI({
          vertexai: false,
          apiKey,
          httpOptions: { timeout: timeoutMs ?? 30_000, ...(baseUrl ? { baseUrl } : {}) },
        }),
    );
    return this.client;
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const size = Math.max(1, Math.min(100, this.options.batchSize ?? 100));
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += size) out.push(...(await this.embedBatch(texts.slice(i, i + size), signal)));
    return out;
  }

  private async embedBatch(batch: readonly string[], signal: AbortSignal | undefined): Promise<Float32Array[]> {
    const maxAttempts = Math.max(1, this.options.maxAttempts ?? 4);
    const client = await this.getClient();
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortReason(signal);
      try {
        const response = await client.models.embedContent({
          model: this.model,
          contents: [...batch],
          config: { outputDimensionality: this.dimensions, ...(signal ? { abortSignal: signal } : {}) },
        });
        const embeddings = response.embeddings ?? [];
        if (embeddings.length !== batch.length) {
          throw new VentrosError('internal', `gemini embeddings: asked ${batch.length}, got ${embeddings.length}`);
        }
        return embeddings.map((e) => {
          const values = e.values ?? [];
          if (values.length !== this.dimensions) {
            throw new VentrosError(
              'internal',
              `gemini embeddings: expected ${this.dimensions} dimensions, got ${values.length}`,
            );
          }
          return l2Normalise(values);
        });
      } catch (error) {
        if (signal?.aborted) throw abortReason(signal);
        if (error instanceof VentrosError) throw error;
        const status = statusOf(error);
        if (!retryable(error) || attempt >= maxAttempts) {
          const code = status === 429 ? 'resource_exhausted' : retryable(error) ? 'unavailable' : 'internal';
          throw new VentrosError(code, `gemini embeddings failed: ${errorMessage(error)}`, {
            cause: error,
            details: { provider: 'gemini', attempts: attempt, ...(status === undefined ? {} : { status }) },
          });
        }
        const ceiling = Math.min(8_000, (this.options.baseDelayMs ?? 500) * 2 ** (attempt - 1));
        await sleep(Math.floor(Math.random() * ceiling), signal);
      }
    }
  }
}
