import { CancelledError, DeadlineExceededError } from './errors.js';

/**
 * A signal that aborts when any input aborts or when `timeoutMs` passes, whichever is first.
 * The reason tells which: a `DeadlineExceededError` for the timeout, the input's reason otherwise.
 */
export function deadlineSignal(timeoutMs: number | undefined, ...signals: Array<AbortSignal | undefined>): AbortSignal {
  const inputs = signals.filter((s): s is AbortSignal => s !== undefined);
  if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DeadlineExceededError(`deadline of ${timeoutMs} ms exceeded`, { timeoutMs })),
      Math.max(0, timeoutMs),
    );
    // Don't keep the process alive for a deadline nobody waits on any more.
    timer.unref?.();
    inputs.push(controller.signal);
  }
  if (inputs.length === 0) return new AbortController().signal;
  if (inputs.length === 1) return inputs[0] as AbortSignal;
  return AbortSignal.any(inputs);
}

/** Throws the signal's reason as a typed error if it has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

/** The typed error for an aborted signal. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new CancelledError(typeof reason === 'string' ? reason : 'cancelled');
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
