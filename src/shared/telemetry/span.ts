/**
 * The tracing seam: the part of an OpenTelemetry tracer the layers use. It lives in `shared` (with no
 * imports) so the agents' `tracing.ts`, the tool servers and the OpenTelemetry adapter here agree on one
 * definition.
 */

/** Attribute values a span accepts (the OpenTelemetry subset); `undefined` values are skipped. */
export type SpanAttributes = Record<string, string | number | boolean | undefined>;

/** OpenTelemetry's span kinds: `server` for a request we serve, `client` for one we send. */
export type SpanKindName = 'internal' | 'server' | 'client' | 'producer' | 'consumer';

/** The part of an OpenTelemetry span the runtime uses. */
export interface Span {
  setAttribute(key: string, value: string | number | boolean): void;
  /** Records the failure on the span and marks it failed (status ERROR). */
  recordError(error: unknown): void;
  end(): void;
  /** This span's W3C `traceparent` (to carry the trace to another process); undefined when not traced. */
  traceparent?(): string | undefined;
}

/** Starts spans. `parent` (a span this tracer started, or `continueTrace`'s) nests the new span under it. */
export interface Tracer {
  startSpan(name: string, attributes?: SpanAttributes, parent?: Span, kind?: SpanKindName): Span;
  /**
   * A stand-in for a span of another process, named by its W3C `traceparent`: spans started under it
   * continue that trace. Undefined when the header is malformed.
   */
  continueTrace?(traceparent: string): Span | undefined;
}
