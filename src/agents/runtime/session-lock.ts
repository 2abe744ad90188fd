import { abortReason } from '../../shared/index.js';

/**
 * Serializes work per key with a promise chain: runs on one session wait their turn, runs on
 * different sessions do not wait for each other. Keys are forgotten once their chain drains, so the
 * map only holds sessions that are busy right now.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits for the key; resolves with the release function. Rejects if `signal` aborts while waiting. */
  async acquire(key: string, signal?: AbortSignal): Promise<() => void> {
    const previous = this.tails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous ? previous.then(() => mine) : mine;
    this.tails.set(key, tail);
    const releaseAndForget = () => {
      release();
      // Only the last holder's tail clears the key; a later waiter has replaced it otherwise.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    if (previous) {
      try {
        await waitOrAbort(previous, signal);
      } catch (error) {
        // Keep the chain intact: our slot passes on as soon as the holder before us releases.
        void previous.then(releaseAndForget);
        throw error;
      }
    }
    return releaseAndForget;
  }

  /** Keys with a holder or waiters (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}

function waitOrAbort(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
