import { errorMessage, VentrosError } from '../errors.js';
import { logger } from '../logger.js';
import { type EmbeddingConsumer, embeddingFallbacks } from '../telemetry/embedding-metrics.js';
import type { Embedder } from './embedder.js';

/** An embedder could not embed (provider outage, rate limit, bad answer): the caller should fall back. */
export class EmbeddingUnavailableError extends VentrosError {
  readonly embedderId: string;
  constructor(embedderId: string, cause: unknown) {
    super('unavailable', `embedder ${embedderId} is unavailable: ${errorMessage(cause)}`, {
      cause,
      details: { embedder: embedderId },
    });
    this.name = 'EmbeddingUnavailableError';
    this.embedderId = embedderId;
  }
}

/**
 * Whether a failed `embed` is an outage to fall back from. Not when the caller's signal ended it: a
 * cancelled or timed-out run must stop, not carry on without embeddings.
 */
export function isEmbeddingOutage(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return false;
  if (error instanceof VentrosError && (error.code === 'cancelled' || error.code === 'deadline_exceeded')) return false;
  return !(error instanceof Error && error.name === 'AbortError');
}

/**
 * Records one fallback: a warning log (embedder, consumer, what was done instead, the error) and
 * `ventros_embedding_fallbacks_total{consumer, embedder}`.
 */
export function reportEmbeddingFallback(
  consumer: EmbeddingConsumer,
  embedderId: string,
  error: unknown,
  fallback: string,
): void {
  embeddingFallbacks.inc({ consumer, embedder: embedderId });
  logger.warn({ consumer, embedder: embedderId, fallback, err: errorMessage(error) }, 'embedding failed; falling back');
}

/**
 * The same embedder, whose failures (other than the caller's cancellation) are typed
 * {@link EmbeddingUnavailableError}s, so a caller can tell an embedding outage from its own errors.
 *
 * @example
 * const router = await SemanticRouter.create({ embedder: typedOutages(createEmbedder(env)) });
 */
export function typedOutages(embedder: Embedder): Embedder {
  return {
    id: embedder.id,
    dimensions: embedder.dimensions,
    async embed(texts, signal) {
      try {
        return await embedder.embed(texts, signal);
      } catch (error) {
        if (error instanceof EmbeddingUnavailableError || !isEmbeddingOutage(error, signal)) throw error;
        throw new EmbeddingUnavailableError(embedder.id, error);
      }
    },
  };
}
