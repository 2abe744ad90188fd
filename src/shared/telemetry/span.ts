/**
 * The tracing seam: the part of an OpenTelemetry tracer the runtime uses. It lives in `shared` (with no
 * imports) so the agents' `tracing.ts` and the OpenTelemetry adapter here agree on one definition.
 */

/** Attribute values a span accepts (the OpenTelemetry subset); `undefined` values are skipped. */
export type SpanAttributes = Record<string, string | number | boolean | undefined>;

/** The part of an OpenTelemetry span the runtime uses. */
export interface Span {
  setAttribute(key: string, value: string | number | boolean): void;
  /** Records the failure on the span and marks it failed (status ERROR). */
  recordError(error: unknown): void;
  end(): void;
}

/** Starts spans. `parent` (a span this tracer started) nests the new span under it. */
export interface Tracer {
  startSpan(name: string, attributes?: SpanAttributes, parent?: Span): Span;
}
