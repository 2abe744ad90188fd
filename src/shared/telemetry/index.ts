export { fromOtelTracer, otelSpanOf } from './otel-tracer.js';
export { ReportingSpanExporter, throttledReporter } from './reporting-exporter.js';
export type { Span, SpanAttributes, Tracer } from './span.js';
export {
  DEFAULT_SERVICE_NAME,
  startTelemetry,
  type Telemetry,
  type TelemetryEnv,
  TelemetryEnvSchema,
  type TelemetryOptions,
} from './start-telemetry.js';
