export {
  activeTracer,
  captureMessageContent,
  NOOP_SPAN,
  NOOP_TRACER,
  setActiveTracer,
  setCaptureMessageContent,
} from './active-tracer.js';
export { contentAttribute, redactPersonalData } from './redact.js';
export type { Span, SpanAttributes, SpanKindName, Tracer } from './span.js';
export { startTelemetry, type Telemetry } from './start-telemetry.js';
export { META_TRACEPARENT, traceparentOfMeta, withTraceparent } from './trace-meta.js';
export { formatTraceparent, parseTraceparent, type TraceParent, traceparentFrom } from './traceparent.js';
