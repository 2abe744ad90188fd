import { abortReason } from '../../shared/index.js';

const noop = () => {};

type AbortCallback = () => void;

/**
 * The callbacks waiting on each signal. A signal gets ONE 'abort' listener, which calls them; a caller
 * adds and removes its callback here (a Set entry) instead of adding and removing a DOM listener per
 * call (node's EventTarget allocates a listener record and walks a list each time: it showed in CPU
 * profiles at one race per streamed chunk and per tool call).
 */
const waitingBySignal = new WeakMap<AbortSignal, Set<AbortCallback>>();

function waitingOn(signal: AbortSignal): Set<AbortCallback> {
  let waiting = waitingBySignal.get(signal);
  if (waiting === undefined) {
    const callbacks = new Set<AbortCallback>();
    signal.addEventListener(
      'abort',
      () => {
        for (const callback of callbacks) {
          try {
            callback();
          } catch (error) {
            // As an EventTarget listener's throw: reported, and the other callbacks still run.
            queueMicrotask(() => {
              throw error;
            });
          }
        }
        callbacks.clear();
      },
      { once: true },
    );
    waitingBySignal.set(signal, callbacks);
    waiting = callbacks;
  }
  return waiting;
}

/**
 * Calls `callback` once when `signal` aborts, unless the returned `unlink` was called first. Nothing of
 * the caller stays reachable from the signal after `unlink`.
 */
export function onAbort(signal: AbortSignal, callback: AbortCallback): () => void {
  const waiting = waitingOn(signal);
  waiting.add(callback);
  return () => {
    waiting.delete(callback);
  };
}

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
  const waiting = waitingOn(signal);
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
