import { activeTracer, NOOP_SPAN, NOOP_TRACER, setActiveTracer } from '../../shared/telemetry/active-tracer.js';
import type { Span, SpanAttributes, SpanKindName, Tracer } from '../../shared/telemetry/span.js';

// The seam's types are defined once in `shared` (where the OpenTelemetry adapter lives) and re-exported here.
export type { Span, SpanAttributes, Tracer };

/**
 * Installs the process-wide tracer (`startTelemetry(env)?.tracer` from `src/shared/telemetry` exports
 * to OpenTelemetry); `undefined` restores the default no-op tracer. In-process tool servers share it.
 */
export function setTracer(tracer: Tracer | undefined): void {
  setActiveTracer(tracer);
}

/** The active tracer. */
export function getTracer(): Tracer {
  return activeTracer();
}

/**
 * A stand-in for the caller's span in another process (its W3C `traceparent`), for `enterSpan`: spans
 * opened under it continue the caller's trace. Undefined without a tracer or for a malformed header.
 */
export function continueTrace(traceparent: string): Span | undefined {
  return activeTracer().continueTrace?.(traceparent);
}

/** A span that is open until `end`; `duration_ms` is recorded on end. */
export interface OpenSpan {
  readonly span: Span;
  /** Ends the span (once; later calls do nothing), recording `error` when given. */
  end(error?: unknown): void;
}

/**
 * Opens a span; the caller ends it (for async generators, where `withSpan`'s callback shape does not
 * fit). `parent` nests it (see `currentSpanOf`). Costs nothing with the default no-op tracer.
 */
export function openSpan(name: string, attributes?: SpanAttributes, parent?: Span, kind?: SpanKindName): OpenSpan {
  const current = activeTracer();
  if (current === NOOP_TRACER) return NOOP_OPEN_SPAN;
  const span = current.startSpan(name, attributes, parent === NOOP_SPAN ? undefined : parent, kind);
  const started = performance.now();
  let ended = false;
  return {
    span,
    end(error?: unknown) {
      if (ended) return;
      ended = true;
      if (error !== undefined) span.recordError(error);
      span.setAttribute('duration_ms', performance.now() - started);
      span.end();
    },
  };
}

const NOOP_OPEN_SPAN: OpenSpan = { span: NOOP_SPAN, end() {} };

/** A span's name and attributes, as `agentSpan`, `chatSpan` and `toolSpan` describe them. */
export interface SpanDescription {
  name: string;
  attributes: SpanAttributes;
}

/**
 * `openSpan` for a span whose name and attributes cost something to build (a dozen `gen_ai.*` fields
 * per model or tool call): `describe` runs only when a tracer is installed, so runs without tracing
 * (the default) build none of them.
 */
export function openDescribedSpan(describe: () => SpanDescription, parent?: Span, kind?: SpanKindName): OpenSpan {
  if (activeTracer() === NOOP_TRACER) return NOOP_OPEN_SPAN;
  const { name, attributes } = describe();
  return openSpan(name, attributes, parent, kind);
}

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
  parent?: Span,
): Promise<T> {
  const open = openSpan(name, attributes, parent);
  try {
    const value = await fn(open.span);
    open.end();
    return value;
  } catch (error) {
    open.end(error);
    throw error;
  }
}

// The innermost open span of a run context, under a symbol key: invisible to JSON and logs, and copied
// by the object spreads that derive branch and child contexts, so they nest under the span that was
// current when they were made. Async generators lose AsyncLocalStorage context across `yield`, hence this.
const CURRENT_SPAN: unique symbol = Symbol('ventros.current-span');
type SpanCarrier = { [CURRENT_SPAN]?: Span };

/** The span that new spans of this run context nest under (undefined at a run's root). */
export function currentSpanOf(ctx: object): Span | undefined {
  return (ctx as SpanCarrier)[CURRENT_SPAN];
}

/**
 * Makes `span` the current span of `ctx` until the returned `exit` is called (idempotent), which
 * restores the previous one. Nest enter/exit like a stack on one context object.
 */
export function enterSpan(ctx: object, span: Span): () => void {
  if (span === NOOP_SPAN) return noop;
  const carrier = ctx as SpanCarrier;
  const previous = carrier[CURRENT_SPAN];
  carrier[CURRENT_SPAN] = span;
  let exited = false;
  return () => {
    if (exited) return;
    exited = true;
    if (carrier[CURRENT_SPAN] === span) carrier[CURRENT_SPAN] = previous;
  };
}

const noop = () => {};
