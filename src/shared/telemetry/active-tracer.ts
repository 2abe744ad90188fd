import type { Span, Tracer } from './span.js';

export const NOOP_SPAN: Span = { setAttribute() {}, recordError() {}, end() {} };
export const NOOP_TRACER: Tracer = { startSpan: () => NOOP_SPAN };

let current: Tracer = NOOP_TRACER;
let capture = false;

/**
 * Installs the process-wide tracer (`startTelemetry(env)?.tracer` exports to OpenTelemetry); `undefined`
 * restores the no-op tracer. The agents' runtime and the tool servers both start their spans on it.
 */
export function setActiveTracer(tracer: Tracer | undefined): void {
  current = tracer ?? NOOP_TRACER;
}

/** The process-wide tracer (a no-op one until telemetry starts). */
export function activeTracer(): Tracer {
  return current;
}

/**
 * Whether spans carry message content (prompts, answers, tool arguments and results), redacted — the
 * GenAI conventions' opt-in, `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true`. Off by default:
 * a trace then holds ids, names, counts and timings only.
 */
export function setCaptureMessageContent(on: boolean): void {
  capture = on;
}

export function captureMessageContent(): boolean {
  return capture;
}
