import { withCircuitBreaker } from './circuit-breaker.js';
import type { Embedder } from './embedder.js';
import { GeminiEmbedder, type GeminiEmbedderOptions } from './gemini-embedder.js';
import { LocalEmbedder } from './local-embedder.js';

/** The variables `createEmbedder` reads (a `loadEnv()` result or `process.env` both fit). */
export interface EmbedderEnv {
  GEMINI_API_KEY?: string | undefined;
  GEMINI_BASE_URL?: string | undefined;
}

/**
 * Gemini embeddings when `GEMINI_API_KEY` is set (behind a 30 s circuit breaker), else the local hashing embedder (no key, no
 * download). The two spaces differ (`id`), so stored vectors are re-indexed when it changes.
 *
 * @example
 * const embedder = createEmbedder(loadEnv());
 */
export function createEmbedder(
  env: EmbedderEnv = process.env,
  options: Omit<GeminiEmbedderOptions, 'apiKey' | 'baseUrl'> = {},
): Embedder {
  const apiKey = env.GEMINI_API_KEY?.trim();
  if (!apiKey) return new LocalEmbedder();
  const baseUrl = env.GEMINI_BASE_URL?.trim();
  // During an outage each caller falls back (docs/EMBEDDINGS.md); the breaker spares each one the retries.
  return withCircuitBreaker(new GeminiEmbedder({ ...options, apiKey, ...(baseUrl ? { baseUrl } : {}) }));
}
