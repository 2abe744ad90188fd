/** A W3C trace context (https://www.w3.org/TR/trace-context/): who the parent span is. */
export interface TraceParent {
  traceId: string;
  spanId: string;
  /** Bit 0: sampled. */
  flags: number;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * Parses a `traceparent` header; undefined when it is malformed, version `ff`, or has all-zero ids (the
 * spec says to ignore those and start a new trace).
 *
 * @example
 * parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
 */
export function parseTraceparent(value: unknown): TraceParent | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TRACEPARENT.exec(value.trim().toLowerCase());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (!traceId || !spanId || !flags || /^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, flags: Number.parseInt(flags, 16) };
}

/** The `traceparent` header of a trace context (version 00). */
export function formatTraceparent(parent: TraceParent): string {
  return `00-${parent.traceId}-${parent.spanId}-${(parent.flags & 0xff).toString(16).padStart(2, '0')}`;
}

/** A `traceparent` header value from a header bag (HTTP, gRPC metadata, AMQP headers), if valid. */
export function traceparentFrom(
  headers: { get(name: string): unknown } | Record<string, unknown> | undefined,
): string | undefined {
  if (!headers) return undefined;
  const raw =
    typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get(name: string): unknown }).get('traceparent')
      : (headers as Record<string, unknown>).traceparent;
  const value = Array.isArray(raw) ? raw[0] : raw;
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  const parsed = parseTraceparent(text);
  return parsed ? formatTraceparent(parsed) : undefined;
}
