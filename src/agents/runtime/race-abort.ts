import { abortReason } from '../../shared/index.js';

const noop = () => {};
const abortPromises = new WeakMap<AbortSignal, Promise<never>>();

/** One rejecting promise per signal, shared by every race on it (no listener per call). */
function abortPromise(signal: AbortSignal): Promise<never> {
  let promise = abortPromises.get(signal);
  if (promise === undefined) {
    promise = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
    });
    promise.catch(noop);
    abortPromises.set(signal, promise);
  }
  return promise;
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts — even when the
 * callee ignores the signal (a model adapter or tool that never looks at it cannot stall a run).
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  // A late rejection of the losing promise must not become an unhandled rejection.
  promise.catch(noop);
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return Promise.race([promise, abortPromise(signal)]);
}
