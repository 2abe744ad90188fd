import { Gauge, type Registry } from 'prom-client';
import type { ApprovalService } from '../../agents/application/index.js';

const NAME = 'ventros_approvals_pending';

/**
 * `ventros_approvals_pending{tenant}`: the approvals queue, read from the store at each scrape (so it
 * is right across instances sharing PostgreSQL). Registered once per registry.
 */
export function registerApprovalMetrics(registry: Registry, approvals: ApprovalService): void {
  if (registry.getSingleMetric(NAME)) return;
  new Gauge({
    name: NAME,
    help: 'Gated actions waiting for a person, by tenant',
    labelNames: ['tenant'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [tenant, count] of await approvals.pendingCounts()) this.set({ tenant }, count);
    },
  });
}
