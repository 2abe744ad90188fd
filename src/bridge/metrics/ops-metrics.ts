import { Counter, Gauge, type Registry } from 'prom-client';
import type { ServerStatus } from '../../host/index.js';
import { logger } from '../../shared/index.js';
import type { OutboxStats } from '../outbox/index.js';

/** What the operational gauges read at each scrape; every source is optional. */
export interface OpsSources {
  /** The outbox (serve with RabbitMQ or PostgreSQL). */
  outbox?: { stats(): Promise<OutboxStats> };
  /** The MCP host's servers. */
  servers?: () => readonly ServerStatus[];
  /** Epoch ms now (tests). */
  now?: () => number;
}

/**
 * Gauges read at scrape time: outbox depth and the age of its oldest pending row, the DLQ (outbox rows
 * given up on), MCP servers up or down and their restarts (pending approvals: `http/approval-metrics.ts`). A source that fails keeps
 * its last value and logs a warning; a scrape never fails because of it.
 *
 * @example
 * registerOpsMetrics(registry, { outbox, servers: () => app.host.status() });
 */
export function registerOpsMetrics(registry: Registry, sources: OpsSources): void {
  const registers = [registry];
  const now = sources.now ?? Date.now;
  const log = logger.child({ component: 'metrics' });
  const { outbox, servers } = sources;

  if (outbox) {
    // One query serves the three gauges of a scrape: the first collect reads, the others reuse it.
    let reading: Promise<OutboxStats | undefined> | undefined;
    const read = () => {
      reading ??= outbox
        .stats()
        .catch((error: unknown) => {
          log.warn({ err: error }, 'reading outbox stats for /metrics failed');
          return undefined;
        })
        .finally(() => setTimeout(() => (reading = undefined), 0).unref());
      return reading;
    };
    new Gauge({
      name: 'ventros_outbox_depth',
      help: 'Outbox rows waiting to be published',
      registers,
      async collect() {
        const stats = await read();
        if (stats) this.set(stats.pending);
      },
    });
    new Gauge({
      name: 'ventros_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest outbox row waiting to be published (0 when none waits)',
      registers,
      async collect() {
        const stats = await read();
        if (stats)
          this.set(stats.oldestPendingAt === undefined ? 0 : Math.max(0, now() - stats.oldestPendingAt) / 1000);
      },
    });
    new Gauge({
      name: 'ventros_dlq_size',
      help: 'Outbox rows given up on (status failed, or dlq from older versions), waiting for `ventros dlq reprocess`',
      registers,
      async collect() {
        const stats = await read();
        if (stats) this.set(stats.dlq);
      },
    });
  }

  if (servers) {
    new Gauge({
      name: 'ventros_mcp_server_up',
      help: 'MCP server state: 1 ready, 0 otherwise (connecting, restarting, failed, closed)',
      labelNames: ['server', 'kind', 'state'] as const,
      registers,
      collect() {
        this.reset();
        for (const status of servers()) {
          if (status.state === 'disabled') continue;
          this.set({ server: status.name, kind: status.kind, state: status.state }, status.state === 'ready' ? 1 : 0);
        }
      },
    });
    // The host counts restarts per connection; the counter follows it by adding what grew since the last scrape.
    const seen = new Map<string, number>();
    new Counter({
      name: 'ventros_mcp_server_restarts_total',
      help: 'MCP server restarts after a crash',
      labelNames: ['server'] as const,
      registers,
      collect() {
        for (const status of servers()) {
          const before = seen.get(status.name) ?? 0;
          if (!seen.has(status.name)) this.inc({ server: status.name }, 0);
          if (status.restarts > before) this.inc({ server: status.name }, status.restarts - before);
          seen.set(status.name, status.restarts);
        }
      },
    });
  }
}
