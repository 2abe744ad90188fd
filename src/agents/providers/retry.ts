import { CancelledError, DeadlineExceededError, errorMessage, sleep, VentrosError } from '../../shared/index.js';
import { classifyModelError } from './classify-error.js';
import type { ModelError, ModelProvider } from './errors.js';

/** How a provider call is retried. */
export interface RetryPolicy {
  /** Attempts in total, the first included (default 4). */
  maxAttempts: number;
  /** Backoff base: attempt n waits up to `baseDelayMs * 2^(n-1)` (default 500). */
  baseDelayMs: number;
  /** Cap of one backoff wait (default 8 000). */
  maxDelayMs: number;
  /** A `retry-after` longer than this is not waited for: the error is thrown at once (default 60 000). */
  maxRetryAfterMs: number;
  /** Source of jitter in [0, 1); injectable for tests. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
});

/** What one retried call needs to know. */
export interface RetryContext {
  provider: ModelProvider;
  /** Cancellation (or the caller's own deadline signal). */
  signal?: AbortSignal | undefined;
  /** Epoch ms: no attempt starts and no wait ends after it. */
  deadline?: number | undefined;
  policy?: Partial<RetryPolicy> | undefined;
  /** Observes each retry (logs, metrics). */
  onRetry?: ((info: { attempt: number; delayMs: number; error: ModelError }) => void) | undefined;
}

/**
 * The wait before the retry that follows failed attempt `attempt` (1-based): the provider's
 * `retry-after` when it gave one, else exponential backoff with full jitter.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

/** The typed error for a stopped call: the deadline's or the cancellation's. */
function stopError(signal: AbortSignal): VentrosError {
  const reason: unknown = signal.reason;
  if (reason instanceof VentrosError) return reason;
  return new CancelledError('model call cancelled', { reason: errorMessage(reason) });
}

/** One signal for the whole retried call: the caller's signal plus a timer for `deadline`. */
function callScope(context: RetryContext): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(context.signal?.reason);
  if (context.signal?.aborted) onAbort();
  else context.signal?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  // An infinite deadline (a standalone agent tool) arms no timer: setTimeout would clamp it to 1 ms.
  if (context.deadline !== undefined && Number.isFinite(context.deadline) && !controller.signal.aborted) {
    const deadline = context.deadline;
    const expire = () =>
      controller.abort(new DeadlineExceededError('model call passed its deadline', { provider: context.provider }));
    if (deadline <= Date.now()) expire();
    else timer = setTimeout(expire, Math.min(deadline - Date.now(), 2 ** 31 - 1));
  }
  return {
    signal: controller.signal,
    dispose: () => {
      if (timer) clearTimeout(timer);
      context.signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** Decides after a failed attempt: rethrow (typed), or the delay before the next attempt. */
function nextDelay(
  error: unknown,
  attempt: number,
  yielded: boolean,
  context: RetryContext,
  signal: AbortSignal,
): number {
  if (signal.aborted) throw stopError(signal);
  const policy = { ...DEFAULT_RETRY_POLICY, ...context.policy };
  const modelError = classifyModelError(context.provider, error);
  if (yielded || !modelError.retryable || attempt >= policy.maxAttempts) throw modelError;
  if (modelError.retryAfterMs !== undefined && modelError.retryAfterMs > policy.maxRetryAfterMs) throw modelError;
  const delayMs = backoffDelay(attempt, policy, modelError.retryAfterMs);
  if (context.deadline !== undefined && Date.now() + delayMs >= context.deadline) {
    // Waiting would only end past the deadline: say so now instead of sleeping into it.
    throw new DeadlineExceededError(`${context.provider}: deadline reached while retrying: ${modelError.message}`, {
      provider: context.provider,
      attempts: attempt,
      lastError: modelError.code,
    });
  }
  context.onRetry?.({ attempt, delayMs, error: modelError });
  return delayMs;
}

async function wait(delayMs: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(delayMs, signal);
  } catch {
    throw stopError(signal);
  }
}

/**
 * Runs `call` with retries on 429, 5xx, overload and connection failures; never past `deadline` nor
 * after `signal` aborts. Throws a `ModelError` (or `DeadlineExceededError` / `CancelledError`).
 *
 * @example
 * const message = await withRetry((signal) => client.messages.create(params, { signal }), { provider: 'anthropic' });
 */
export async function withRetry<T>(
  call: (signal: AbortSignal, attempt: number) => Promise<T>,
  context: RetryContext,
): Promise<T> {
  const scope = callScope(context);
  const maxAttempts = context.policy?.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts;
  try {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (scope.signal.aborted) throw stopError(scope.signal);
      try {
        return await call(scope.signal, attempt);
      } catch (error) {
        await wait(nextDelay(error, attempt, false, context, scope.signal), scope.signal);
      }
    }
    // Unreachable: nextDelay throws on the last attempt.
    throw new VentrosError('internal', 'retry loop ended without a result');
  } finally {
    scope.dispose();
  }
}

/**
 * Streams with the same retry rules, but only until the first item is yielded: once output has
 * reached the caller a retry would duplicate it, so later failures are thrown as they are.
 */
export async function* withStreamRetry<T>(
  open: (signal: AbortSignal, attempt: number) => AsyncIterable<T>,
  context: RetryContext,
): AsyncGenerator<T> {
  const scope = callScope(context);
  const maxAttempts = context.policy?.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts;
  try {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (scope.signal.aborted) throw stopError(scope.signal);
      let yielded = false;
      try {
        for await (const item of open(scope.signal, attempt)) {
          yielded = true;
          yield item;
        }
        // SDKs end a stream quietly when its signal aborts; that is not a complete answer.
        if (scope.signal.aborted) throw stopError(scope.signal);
        return;
      } catch (error) {
        await wait(nextDelay(error, attempt, yielded, context, scope.signal), scope.signal);
      }
    }
  } finally {
    scope.dispose();
  }
}
