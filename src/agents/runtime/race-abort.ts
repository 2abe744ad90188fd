import { abortCallbacksOf } from '../../shared/abort-callbacks.js';
import { abortReason } from '../../shared/index.js';

const noop = () => {};

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts — even when the
 * callee ignores the signal (a model adapter or tool that never looks at it cannot stall a run).
 *
 * Not `Promise.race` against one rejecting promise per signal: each race would leave a reaction on that
 * run-long promise, keeping the race's settled result (a streamed chunk, a tool's answer) reachable
 * until the run ends, so it survived young-generation GCs and got promoted. Here the race's abort
 * callback is removed as soon as `promise` settles.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // A late rejection of the losing promise must not become an unhandled rejection.
    promise.catch(noop);
    return Promise.reject(abortReason(signal));
  }
  const waiting = abortCallbacksOf(signal);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(abortReason(signal));
    waiting.add(abort);
    // Handles a late rejection too (after an abort won, the reject below does nothing).
    promise.then(
      (value) => {
        waiting.delete(abort);
        resolve(value);
      },
      (error: unknown) => {
        waiting.delete(abort);
        reject(error);
      },
    );
  });
}
