type AbortCallback = () => void;

/**
 * The callbacks waiting on each signal. A signal gets ONE 'abort' listener, which calls them; a caller
 * adds and removes its callback here (a Set entry) instead of adding and removing a DOM listener per
 * call (node's EventTarget allocates a listener record and an options object and walks a list each
 * time: it showed in CPU and allocation profiles at one race per streamed chunk and per tool call).
 */
const waitingBySignal = new WeakMap<AbortSignal, Set<AbortCallback>>();

/** The callbacks of `signal`, registering its one listener on first use. */
export function abortCallbacksOf(signal: AbortSignal): Set<AbortCallback> {
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
  const waiting = abortCallbacksOf(signal);
  waiting.add(callback);
  return () => {
    waiting.delete(callback);
  };
}
