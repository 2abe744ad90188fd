import { onAbort } from '../../shared/abort-callbacks.js';
import { ToolTimeoutError } from '../errors.js';
import { raceAbort } from './race-abort.js';

/** What bounds one tool call: its own deadline and the end of the run. */
export interface ToolCallBound {
  /** The tool's signal: fires at the call's deadline or when the run ends. */
  readonly signal: AbortSignal;
  /**
   * Settles with the tool's promise, or rejects as soon as the signal fires (a `ToolTimeoutError` at
   * the call's deadline, the run's reason at its end) — a tool that ignores its signal cannot stall the run.
   */
  race<T>(running: Promise<T>): Promise<T>;
  /** The call is over: stops its timer and leaves nothing on the run's signal. */
  release(): void;
}

const noop = () => {};

/**
 * Bounds a tool call that may run `timeoutMs` inside a run whose `runSignal` fires by `runDeadline`
 * (epoch ms). When the run's deadline comes first, the call's own deadline can never be what stops it:
 * the tool gets the run's signal as is — no controller, timer or listener per call (each showed in CPU
 * and allocation profiles; the default 30 s tool timeout always outlasts the default 30 s run).
 */
export function boundToolCall(
  runSignal: AbortSignal,
  runDeadline: number,
  toolName: string,
  timeoutMs: number,
): ToolCallBound {
  if (Date.now() + timeoutMs >= runDeadline) {
    return { signal: runSignal, race: (running) => raceAbort(running, runSignal), release: noop };
  }
  const controller = new AbortController();
  const signal = controller.signal;
  const timer = setTimeout(() => controller.abort(new ToolTimeoutError(toolName, timeoutMs)), timeoutMs);
  const unlink = onAbort(runSignal, () => controller.abort(runSignal.reason));
  return {
    signal,
    race: (running) => raceAbort(running, signal),
    release() {
      clearTimeout(timer);
      unlink();
    },
  };
}
