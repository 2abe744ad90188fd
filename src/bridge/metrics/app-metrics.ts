import { Registry } from 'prom-client';
import { HttpMetrics } from '../http/metrics.js';
import { AgentMetrics } from './agent-metrics.js';
import { type OpsSources, registerOpsMetrics } from './ops-metrics.js';
import { OutboxMetrics } from './outbox-metrics.js';

/** The metrics of one served application: one registry, served at `/metrics`. */
export interface AppMetrics {
  readonly registry: Registry;
  readonly http: HttpMetrics;
  /** The runtime's observer: pass it to `createApp({ observer })`. */
  readonly agents: AgentMetrics;
  /** Outbox rows failed for good and DLQ alerts: pass to `outboxPublisherSettings`. */
  readonly outbox: OutboxMetrics;
  /** Adds the scrape-time gauges (outbox, DLQ, MCP servers) once their sources exist. */
  addSources(sources: OpsSources): void;
}

/**
 * One app-level registry with the HTTP, agent and (once given their sources) operational metrics.
 *
 * @example
 * const metrics = createAppMetrics({ processMetrics: true, categoryOf: (name) => categories.get(name) });
 * const app = await createApp({ observer: metrics.agents });
 * metrics.addSources({ outbox, servers: () => app.host.status() });
 * createHttpApp({ app, metrics: metrics.http, ... });
 */
export function createAppMetrics(
  options: { processMetrics?: boolean; categoryOf?: (agent: string) => string | undefined } = {},
): AppMetrics {
  const registry = new Registry();
  const http = new HttpMetrics({ registry, ...(options.processMetrics ? { processMetrics: true } : {}) });
  const agents = new AgentMetrics({ registry, ...(options.categoryOf ? { categoryOf: options.categoryOf } : {}) });
  const outbox = new OutboxMetrics(registry);
  return { registry, http, agents, outbox, addSources: (sources) => registerOpsMetrics(registry, sources) };
}
