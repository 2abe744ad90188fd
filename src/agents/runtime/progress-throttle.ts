import type { ToolProgress } from '../tool.js';

/** At most one progress event per call in this window. */
export const PROGRESS_INTERVAL_MS = 100;

/** Options of {@link throttleProgress}; the clock is injectable for tests. */
export interface ProgressThrottleOptions {
  intervalMs?: number;
  /** Monotonic ms (default `performance.now`). */
  now?: () => number;
}

/** The reporting end handed to a tool, and the close the runtime calls when the call ends. */
export interface ProgressThrottle {
  report(progress: ToolProgress): void;
  /** Sends the report still held back (so the last one always arrives), then ignores later reports. */
  close(): void;
}

/**
 * Rate-limits one call's progress reports: the first goes out at once, later ones at most once per
 * interval, and the newest report held back wins — a fast server's burst costs one event per window,
 * never a lost final value. Reports with a non-finite `progress` are dropped.
 *
 * @example
 * const throttle = throttleProgress((p) => emit(progressEvent(p)));
 * context.onProgress = throttle.report;
 * try { await tool.execute(args, context); } finally { throttle.close(); }
 */
export function throttleProgress(
  send: (progress: ToolProgress) => void,
  options: ProgressThrottleOptions = {},
): ProgressThrottle {
  const intervalMs = options.intervalMs ?? PROGRESS_INTERVAL_MS;
  const now = options.now ?? (() => performance.now());
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let pending: ToolProgress | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const cancelTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const flush = () => {
    cancelTimer();
    if (pending === undefined) return;
    const progress = pending;
    pending = undefined;
    lastSentAt = now();
    send(progress);
  };

  return {
    report(progress) {
      if (closed || !Number.isFinite(progress.progress)) return;
      pending = copyOf(progress);
      const wait = lastSentAt + intervalMs - now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    close() {
      if (closed) return;
      flush();
      closed = true;
    },
  };
}

/** Only the known fields, so a tool's object (and later changes to it) never reach the event stream. */
function copyOf(progress: ToolProgress): ToolProgress {
  const copy: ToolProgress = { progress: progress.progress };
  if (typeof progress.total === 'number' && Number.isFinite(progress.total)) copy.total = progress.total;
  if (typeof progress.message === 'string') copy.message = progress.message;
  return copy;
}
