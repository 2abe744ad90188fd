import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { embeddingFallbacks } from '../../shared/telemetry/embedding-metrics.js';

/** Prometheus metrics of one HTTP app. Its own registry, so several apps (tests) don't collide. */
export class HttpMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'ventros_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly requestSeconds = new Histogram({
    name: 'ventros_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly executions = new Counter({
    name: 'ventros_agent_executions_total',
    help: 'Agent executions by agent that answered and outcome',
    labelNames: ['agent', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    // Process-wide: the memory server and the router count their embedding fallbacks there.
    this.registry.registerMetric(embeddingFallbacks);
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'ventros_' });
  }
}
