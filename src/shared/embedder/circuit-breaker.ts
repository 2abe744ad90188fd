import type { Embedder } from './embedder.js';
import { EmbeddingUnavailableError, isEmbeddingOutage } from './embedding-fallback.js';

/** Options of {@link withCircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** How long after a failure calls fail fast without reaching the provider (default 30 000 ms). */
  cooldownMs?: number;
  /** Clock (tests). */
  now?: () => number;
}

/**
 * The embedder, failing fast during an outage: after a failed call (the provider's own retries spent),
 * calls within `cooldownMs` throw {@link EmbeddingUnavailableError} at once, so each message's fallback
 * does not first wait out the retries again; the first call after the cool-down tries the provider
 * (and closes the breaker when it answers). Cancellation by the caller never opens it.
 *
 * @example
 * const embedder = withCircuitBreaker(new GeminiEmbedder({ apiKey }), { cooldownMs: 30_000 });
 */
export function withCircuitBreaker(embedder: Embedder, options: CircuitBreakerOptions = {}): Embedder {
  const cooldownMs = options.cooldownMs ?? 30_000;
  const now = options.now ?? Date.now;
  let openUntil = 0;
  let lastError: unknown;
  return {
    id: embedder.id,
    dimensions: embedder.dimensions,
    async embed(texts, signal) {
      if (now() < openUntil) throw new EmbeddingUnavailableError(embedder.id, lastError ?? 'recent failure');
      try {
        const vectors = await embedder.embed(texts, signal);
        openUntil = 0;
        return vectors;
      } catch (error) {
        if (isEmbeddingOutage(error, signal)) {
          openUntil = now() + cooldownMs;
          lastError = error;
        }
        throw error;
      }
    },
  };
}
