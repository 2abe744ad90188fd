import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import { logger } from '../logger.js';
import { fromOtelTracer } from './otel-tracer.js';
import { ReportingSpanExporter, throttledReporter } from './reporting-exporter.js';
import type { Tracer } from './span.js';

/** `service.name` when `OTEL_SERVICE_NAME` is not set. */
export const DEFAULT_SERVICE_NAME = 'ventros-agent-host';

/** The OpenInference resource attribute Phoenix reads to pick the project of a span. */
const ATTR_PHOENIX_PROJECT_NAME = 'openinference.project.name';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const url = z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional());
const text = z.preprocess(blankToUndefined, z.string().trim().min(1).optional());
const count = (fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(fallback));

/**
 * The OpenTelemetry variables we read (the standard names and defaults of the OTel SDK spec). Other keys
 * of the environment are ignored, so both `process.env` and a `loadEnv()` result can be passed.
 */
export const TelemetryEnvSchema = z.object({
  /** Base URL of an OTLP/HTTP collector; traces go to `${endpoint}/v1/traces`. Unset → no telemetry. */
  OTEL_EXPORTER_OTLP_ENDPOINT: url,
  /** Full traces URL, used as is (wins over the base endpoint). */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url,
  OTEL_SERVICE_NAME: text,
  /**
   * The seed's Phoenix names: a Phoenix base URL (`http://phoenix:6006`) is an OTLP/HTTP endpoint whose
   * traces go to `/v1/traces`; the OTEL_* endpoints win when both are set.
   */
  PHOENIX_COLLECTOR_ENDPOINT: url,
  /** Phoenix files spans under the project named by the `openinference.project.name` resource attribute. */
  PHOENIX_PROJECT_NAME: text,
  OTEL_SDK_DISABLED: z.preprocess(blankToUndefined, z.stringbool().default(false)),
  /** Deadline of one export request, ms. */
  OTEL_EXPORTER_OTLP_TIMEOUT: count(10_000),
  /** Spans waiting for export; when full, new spans are dropped (runs never wait for telemetry). */
  OTEL_BSP_MAX_QUEUE_SIZE: count(2048),
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: count(512),
  /** Delay between two scheduled exports, ms. */
  OTEL_BSP_SCHEDULE_DELAY: count(5000),
  OTEL_BSP_EXPORT_TIMEOUT: count(30_000),
  /** The GenAI conventions' opt-in: spans carry prompts, answers, tool arguments and results (redacted). */
  OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: z.preprocess(blankToUndefined, z.stringbool().default(false)),
});

export type TelemetryEnv = z.output<typeof TelemetryEnvSchema>;

export interface TelemetryOptions {
  /** Told of failed exports (throttled: one call a minute at most). Default: a warning on the logger (stderr). */
  onExportError?: (error: Error, details: { spans: number; suppressed: number }) => void;
  /** `shutdown` gives up flushing after this long (5000 ms), so a dead collector cannot hold the exit. */
  shutdownTimeoutMs?: number;
}

/** An installed trace exporter. */
export interface Telemetry {
  /** Our tracing seam over the OpenTelemetry tracer: pass it to the runtime's `setTracer`. */
  readonly tracer: Tracer;
  /** Where spans are sent. */
  readonly url: string;
  /** `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`: pass it to `setCaptureMessageContent`. */
  readonly captureMessageContent: boolean;
  /** Exports the spans ended so far; never throws (failures go to `onExportError`). */
  forceFlush(): Promise<void>;
  /** Flushes what is queued and stops the exporter; idempotent; never throws. */
  shutdown(): Promise<void>;
}

/**
 * Installs OTLP/HTTP (JSON) trace export when `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, or the seed's `PHOENIX_COLLECTOR_ENDPOINT`) is set; returns `undefined` — nothing installed — otherwise or
 * when `OTEL_SDK_DISABLED=true`. Spans are batched in a bounded queue and exported in the background:
 * an unreachable collector costs dropped spans and a warning on stderr, never a failed run.
 * A malformed variable throws `InvalidInputError` naming it.
 *
 * @example
 * const telemetry = startTelemetry(process.env);
 * if (telemetry) setTracer(telemetry.tracer);
 * // at shutdown:
 * setTracer(undefined);
 * await telemetry?.shutdown();
 */
export function startTelemetry(
  env: Readonly<Record<string, unknown>> = process.env,
  options: TelemetryOptions = {},
): Telemetry | undefined {
  const parsed = TelemetryEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new InvalidInputError(`invalid OpenTelemetry environment: ${z.prettifyError(parsed.error)}`);
  }
  const config = parsed.data;
  if (config.OTEL_SDK_DISABLED) return undefined;
  const url = tracesUrl(config);
  if (url === undefined) return undefined;

  const log = logger.child({ component: 'telemetry' });
  const report =
    options.onExportError ??
    ((error, details) => log.warn({ err: error, url, ...details }, 'OpenTelemetry span export failed'));
  const onFailure = throttledReporter(report);
  const exporter = new ReportingSpanExporter(
    new OTLPTraceExporter({ url, timeoutMillis: config.OTEL_EXPORTER_OTLP_TIMEOUT }),
    onFailure,
  );
  const maxQueueSize = config.OTEL_BSP_MAX_QUEUE_SIZE;
  const provider = new BasicTracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: config.OTEL_SERVICE_NAME ?? DEFAULT_SERVICE_NAME,
        ...(config.PHOENIX_PROJECT_NAME ? { [ATTR_PHOENIX_PROJECT_NAME]: config.PHOENIX_PROJECT_NAME } : {}),
      }),
    ),
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        maxQueueSize,
        maxExportBatchSize: Math.min(config.OTEL_BSP_MAX_EXPORT_BATCH_SIZE, maxQueueSize),
        scheduledDelayMillis: config.OTEL_BSP_SCHEDULE_DELAY,
        exportTimeoutMillis: config.OTEL_BSP_EXPORT_TIMEOUT,
      }),
    ],
  });
  // Not registered globally: the runtime reaches the tracer through `setTracer`, and tests can start
  // several providers in one process.
  const tracer = fromOtelTracer(provider.getTracer(DEFAULT_SERVICE_NAME));
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 5000;
  const settle = (work: Promise<void>, what: string) =>
    withDeadline(work, shutdownTimeoutMs, what).catch((error: unknown) =>
      onFailure(error instanceof Error ? error : new Error(String(error)), 0),
    );
  let stopping: Promise<void> | undefined;

  return {
    tracer,
    url,
    captureMessageContent: config.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT,
    forceFlush: () => settle(provider.forceFlush(), 'flush'),
    shutdown() {
      stopping ??= settle(provider.shutdown(), 'shutdown');
      return stopping;
    },
  };
}

function tracesUrl(config: TelemetryEnv): string | undefined {
  if (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = config.OTEL_EXPORTER_OTLP_ENDPOINT ?? config.PHOENIX_COLLECTOR_ENDPOINT;
  if (!base) return undefined;
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

/** Resolves with `work`, or rejects once `ms` have passed (the timer does not hold the process open). */
function withDeadline(work: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`telemetry ${what} did not finish within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
