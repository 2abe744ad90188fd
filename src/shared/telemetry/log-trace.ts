import { AsyncLocalStorage } from 'node:async_hooks';
import { parseTraceparent } from './traceparent.js';

/** Trace fields of a log line (the OpenTelemetry log data model's names). */
export interface LogTraceFields {
  trace_id?: string;
  span_id?: string;
}

const store = new AsyncLocalStorage<LogTraceFields>();

/**
 * Runs `fn` with the span named by `traceparent` as the one log lines belong to: every line the logger
 * writes inside it (a tool's, a provider's retry warning) carries `trace_id` and `span_id`, so a log
 * search jumps to the trace. Without a valid `traceparent` it just runs `fn`.
 *
 * @example
 * const result = await runWithLogTrace(span.traceparent?.(), () => tool.execute(args, context));
 */
export function runWithLogTrace<T>(traceparent: string | undefined, fn: () => T): T {
  const parsed = traceparent === undefined ? undefined : parseTraceparent(traceparent);
  if (!parsed) return fn();
  return store.run({ trace_id: parsed.traceId, span_id: parsed.spanId }, fn);
}

/** The trace fields of the current async context (the logger's mixin). */
export function logTraceFields(): LogTraceFields {
  return store.getStore() ?? {};
}
