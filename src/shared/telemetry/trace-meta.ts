import { formatTraceparent, parseTraceparent } from './traceparent.js';

/**
 * The `_meta` key carrying W3C trace context on an MCP request (the OpenTelemetry MCP conventions'
 * choice), so a stdio or HTTP tool server continues the caller's trace.
 */
export const META_TRACEPARENT = 'traceparent';

/**
 * `meta` with the caller's `traceparent` added (a new object; `meta` is not changed). Kept apart from
 * the trusted keys (`trusted-meta.ts`): trace context is a hint for observability, never for authority.
 *
 * @example
 * params._meta = withTraceparent(params._meta, context.traceparent);
 */
export function withTraceparent<T extends Record<string, unknown>>(
  meta: T | undefined,
  traceparent: string | undefined,
): T | undefined {
  if (traceparent === undefined || parseTraceparent(traceparent) === undefined) return meta;
  return { ...(meta ?? ({} as T)), [META_TRACEPARENT]: traceparent };
}

/** The valid `traceparent` of a request's `_meta` (it came over the wire: anything else is ignored). */
export function traceparentOfMeta(meta: unknown): string | undefined {
  if (meta === null || typeof meta !== 'object') return undefined;
  const parsed = parseTraceparent((meta as Record<string, unknown>)[META_TRACEPARENT]);
  return parsed ? formatTraceparent(parsed) : undefined;
}
