/** Attribute values a span accepts (the OpenTelemetry subset). */
export type SpanAttributes = Record<string, string | number | boolean | undefined>;

/** The part of an OpenTelemetry span the runtime uses. */
export interface Span {
  setAttribute(key: string, value: string | number | boolean): void;
  recordError(error: unknown): void;
  end(): void;
}

/** Starts spans. The default does nothing; an OpenTelemetry adapter can be installed with `setTracer`. */
export interface Tracer {
  startSpan(name: string, attributes?: SpanAttributes): Span;
}

const NOOP_SPAN: Span = { setAttribute() {}, recordError() {}, end() {} };
const NOOP_TRACER: Tracer = { startSpan: () => NOOP_SPAN };

let current: Tracer = NOOP_TRACER;

/** Installs the process-wide tracer (e.g. an OpenTelemetry bridge; none ships yet, so runs use the no-op tracer). */
export function setTracer(tracer: Tracer | undefined): void {
  current = tracer ?? NOOP_TRACER;
}

/** The active tracer. */
export function getTracer(): Tracer {
  return current;
}

/** A span that is open until `end`; `duration_ms` is recorded on end. */
export interface OpenSpan {
  readonly span: Span;
  end(error?: unknown): void;
}

/**
 * Opens a span; the caller ends it (for async generators, where `withSpan`'s callback shape does not
 * fit). Costs nothing with the default no-op tracer.
 */
export function openSpan(name: string, attributes?: SpanAttributes): OpenSpan {
  if (current === NOOP_TRACER) return NOOP_OPEN_SPAN;
  const span = current.startSpan(name, attributes);
  const started = performance.now();
  return {
    span,
    end(error?: unknown) {
      if (error !== undefined) span.recordError(error);
      span.setAttribute('duration_ms', performance.now() - started);
      span.end();
    },
  };
}

const NOOP_OPEN_SPAN: OpenSpan = { span: NOOP_SPAN, end() {} };

/**
 * Runs `fn` inside a span: records its duration, and its error when it throws (then rethrows).
 *
 * @example
 * const response = await withSpan('model.generate', { agent: 'sales' }, () => model.generate(request));
 */
export async function withSpan<T>(
  name: string,
  attributes: SpanAttributes,
  fn: (span: Span) => Promise<T> | T,
): Promise<T> {
  const open = openSpan(name, attributes);
  try {
    const value = await fn(open.span);
    open.end();
    return value;
  } catch (error) {
    open.end(error);
    throw error;
  }
}
