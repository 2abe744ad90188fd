import type { Model, ModelRequest, ModelResponse, ModelStreamEvent } from '../model/index.js';
import { ModelError, ModelUnavailableError } from './errors.js';

export interface ModelCircuitBreakerOptions {
  /** Consecutive outages (each after the provider's own retries) that open the breaker (default 5). */
  failureThreshold?: number;
  /** How long an open breaker fails calls at once before letting them try again (default 30 000 ms). */
  cooldownMs?: number;
  /** Told once each time the breaker opens (logs, metrics). */
  onOpen?: (details: { model: string; failures: number; cooldownMs: number; error: unknown }) => void;
  /** Clock (tests). */
  now?: () => number;
}

/** An outage of the provider, as opposed to a refusal of this request (bad request, key, cancellation). */
const isOutage = (error: unknown) => ModelError.isInstance(error) && error.code === 'unavailable';

/**
 * The model, failing fast while its provider is down. Every call already retries with backoff
 * (`withRetry`); when `failureThreshold` calls in a row still end in an outage, the breaker opens and,
 * for `cooldownMs`, calls fail at once with `unavailable` (and a retry-after of the time left) instead of
 * each spending its retries and its deadline — so at 100 messages a second a dead provider costs
 * deferred messages, not a pile of runs waiting on sockets. After the cool-down calls go through again:
 * one success closes the breaker, one more outage opens it again at once. Rate limits, bad requests and
 * cancellations never count.
 */
export function withModelCircuitBreaker(model: Model, options: ModelCircuitBreakerOptions = {}): Model {
  const threshold = options.failureThreshold ?? 5;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openUntil = 0;

  const refuseWhileOpen = () => {
    const left = openUntil - now();
    if (left <= 0) return;
    throw new ModelUnavailableError(
      `${model.provider}: unavailable (${failures} failed calls in a row); not calling it for another ${Math.ceil(left / 1000)} s`,
      { provider: model.provider, retryAfterMs: left },
    );
  };
  const succeeded = () => {
    failures = 0;
    openUntil = 0;
  };
  const failed = (error: unknown) => {
    if (!isOutage(error)) return;
    failures++;
    if (failures >= threshold) {
      openUntil = now() + cooldownMs;
      options.onOpen?.({ model: model.id, failures, cooldownMs, error });
    }
  };

  return {
    id: model.id,
    provider: model.provider,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      refuseWhileOpen();
      try {
        const response = await model.generate(request);
        succeeded();
        return response;
      } catch (error) {
        failed(error);
        throw error;
      }
    },
    async *stream(request: ModelRequest): AsyncIterable<ModelStreamEvent> {
      refuseWhileOpen();
      let answered = false;
      try {
        for await (const event of model.stream(request)) {
          if (!answered) {
            answered = true;
            succeeded();
          }
          yield event;
        }
      } catch (error) {
        // Once the provider answered it is up; a stream cut later is not an outage of the provider.
        if (!answered) failed(error);
        throw error;
      }
    },
  };
}
