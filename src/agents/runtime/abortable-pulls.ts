import { onAbort } from '../../shared/abort-callbacks.js';
import { abortReason } from '../../shared/index.js';

const noop = () => {};

/** The pulls of one stream, each ending as soon as the signal aborts (see {@link abortablePulls}). */
export interface AbortablePulls<T, R> {
  /** The iterator's next result, or a rejection with the signal's reason as soon as it aborts. */
  next(): Promise<IteratorResult<T, R>>;
  /** The stream is over: leaves nothing on the signal. */
  release(): void;
}

/**
 * `raceAbort` for the many pulls of one stream (a model's chunks): one abort callback for the whole
 * stream, and each pull settles its promise with its own resolving functions — no closures per chunk.
 * An adapter stuck in `next()` still cannot stall the run.
 */
export function abortablePulls<T, R>(iterator: AsyncIterator<T, R>, signal: AbortSignal): AbortablePulls<T, R> {
  // The reject of the pull in flight (a settled one's after it ends: calling it then does nothing).
  let rejectPull: ((reason: unknown) => void) | undefined;
  const unlink = onAbort(signal, () => rejectPull?.(abortReason(signal)));
  return {
    next() {
      const pulled = iterator.next();
      if (signal.aborted) {
        // A late rejection of the abandoned pull must not become an unhandled rejection.
        pulled.catch(noop);
        return Promise.reject(abortReason(signal));
      }
      return new Promise<IteratorResult<T, R>>((resolve, reject) => {
        rejectPull = reject;
        pulled.then(resolve, reject);
      });
    },
    release() {
      unlink();
      rejectPull = undefined;
    },
  };
}
