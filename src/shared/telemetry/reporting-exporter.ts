import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

type ExportCallback = Parameters<SpanExporter['export']>[1];
type ExportResult = Parameters<ExportCallback>[0];

// `ExportResultCode.SUCCESS` of @opentelemetry/core (not a direct dependency of ours).
const SUCCESS = 0;

/**
 * Wraps an exporter so that failed exports are reported (the SDK only tells its `diag` logger, which
 * is silent by default) and a throwing exporter becomes a failed result instead of an exception.
 */
export class ReportingSpanExporter implements SpanExporter {
  private readonly inner: SpanExporter;
  private readonly onFailure: (error: Error, spans: number) => void;

  constructor(inner: SpanExporter, onFailure: (error: Error, spans: number) => void) {
    this.inner = inner;
    this.onFailure = onFailure;
  }

  export(spans: ReadableSpan[], resultCallback: ExportCallback): void {
    const done = (result: ExportResult) => {
      if (result.code !== SUCCESS) {
        this.onFailure(result.error ?? new Error('span export failed'), spans.length);
      }
      resultCallback(result);
    };
    try {
      this.inner.export(spans, done);
    } catch (error) {
      done({ code: 1, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/**
 * Reports the first failure at once, then at most one line per `intervalMs` with how many failures
 * were folded into it, so a collector that is down does not flood stderr.
 */
export function throttledReporter(
  report: (error: Error, details: { spans: number; suppressed: number }) => void,
  intervalMs = 60_000,
): (error: Error, spans: number) => void {
  let lastAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  let suppressedSpans = 0;
  return (error, spans) => {
    const now = Date.now();
    if (now - lastAt < intervalMs) {
      suppressed++;
      suppressedSpans += spans;
      return;
    }
    lastAt = now;
    report(error, { spans: spans + suppressedSpans, suppressed });
    suppressed = 0;
    suppressedSpans = 0;
  };
}
