import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { embeddingFallbacks } from '../../shared/telemetry/embedding-metrics.js';

/**
 * Prometheus metrics of one HTTP app, in the app-level registry `/metrics` serves (the agents' and
 * operational metrics register there too). Its own registry unless given one, so several apps (tests)
 * don't collide.
 */
export class HttpMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly requestSeconds: Histogram<'method' | 'route'>;
  readonly executions: Counter<'agent' | 'outcome'>;

  constructor(options: { processMetrics?: boolean; registry?: Registry } = {}) {
    this.registry = options.registry ?? new Registry();
    this.requests = new Counter({
      name: 'ventros_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [this.registry],
    });
    this.requestSeconds = new Histogram({
      name: 'ventros_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.executions = new Counter({
      name: 'ventros_agent_executions_total',
      help: 'Agent executions by agent that answered and outcome',
      labelNames: ['agent', 'outcome'] as const,
      registers: [this.registry],
    });
    // Process-wide: the memory server and the router count their embedding fallbacks there.
    this.registry.registerMetric(embeddingFallbacks);
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'ventros_' });
  }
}
