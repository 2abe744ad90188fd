import {
  type Attributes,
  context,
  type Span as OtelSpan,
  type Tracer as OtelTracer,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { Span, SpanAttributes, SpanKindName, Tracer } from './span.js';
import { formatTraceparent, parseTraceparent } from './traceparent.js';

const KINDS: Record<SpanKindName, SpanKind> = {
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

/** Our span over an OpenTelemetry span; the tracer recognises it as a parent. */
class OtelSpanAdapter implements Span {
  readonly inner: OtelSpan;

  constructor(inner: OtelSpan) {
    this.inner = inner;
  }

  setAttribute(key: string, value: string | number | boolean): void {
    this.inner.setAttribute(key, value);
  }

  recordError(error: unknown): void {
    const described = describeError(error);
    if (error instanceof Error) this.inner.recordException(error);
    else this.inner.recordException({ name: described.type, message: described.message });
    this.inner.setAttribute('error.type', described.type);
    this.inner.setStatus({ code: SpanStatusCode.ERROR, message: described.message });
  }

  end(): void {
    this.inner.end();
  }

  traceparent(): string | undefined {
    const { traceId, spanId, traceFlags } = this.inner.spanContext();
    return trace.isSpanContextValid(this.inner.spanContext())
      ? formatTraceparent({ traceId, spanId, flags: traceFlags })
      : undefined;
  }
}

/**
 * Adapts an OpenTelemetry API tracer to our `Tracer` seam. A `parent` this adapter started nests the new
 * span under it (explicitly: async generators do not carry an async context across `yield`); without
 * one the span joins the active OpenTelemetry context, so a run nests under an instrumented caller.
 *
 * @example
 * setTracer(fromOtelTracer(provider.getTracer('ventros-agent-host')));
 */
export function fromOtelTracer(tracer: OtelTracer): Tracer {
  return {
    startSpan(name: string, attributes?: SpanAttributes, parent?: Span, kind: SpanKindName = 'internal'): Span {
      const parentContext =
        parent instanceof OtelSpanAdapter ? trace.setSpan(context.active(), parent.inner) : context.active();
      const options = { kind: KINDS[kind], attributes: definedAttributes(attributes) };
      return new OtelSpanAdapter(tracer.startSpan(name, options, parentContext));
    },
    continueTrace(traceparent: string): Span | undefined {
      const parsed = parseTraceparent(traceparent);
      if (!parsed) return undefined;
      const remote = { traceId: parsed.traceId, spanId: parsed.spanId, traceFlags: parsed.flags, isRemote: true };
      return new OtelSpanAdapter(trace.wrapSpanContext(remote));
    },
  };
}

/** The OpenTelemetry span under one of ours (to propagate a run's trace context), if it is one. */
export function otelSpanOf(span: Span): OtelSpan | undefined {
  return span instanceof OtelSpanAdapter ? span.inner : undefined;
}

function definedAttributes(attributes: SpanAttributes | undefined): Attributes {
  const out: Attributes = {};
  if (attributes) for (const [key, value] of Object.entries(attributes)) if (value !== undefined) out[key] = value;
  return out;
}

/** `error.type`: our typed errors' stable `code`, else the error's class name. */
function describeError(error: unknown): { type: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { type: typeof code === 'string' && code !== '' ? code : error.name, message: error.message };
  }
  if (typeof error === 'string') return { type: 'error', message: error };
  // Anything else may be arbitrary data: name its kind, never serialize it into the trace.
  return { type: 'error', message: `a non-Error value (${typeof error}) was thrown` };
}
