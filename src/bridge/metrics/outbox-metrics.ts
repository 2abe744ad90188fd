import { Counter, type Registry } from 'prom-client';
import type { DlqAlertResult, OutboxFailureCounters, OutboxMessage } from '../outbox/index.js';

/**
 * Counters of outbox rows given up on, fed by the publisher's failure hook (`ventros_dlq_size` is the
 * gauge of how many wait in the DLQ now; these count what happened): `ventros_outbox_failed_total` by
 * event type (a bounded set), and `ventros_dlq_alerts_total` by how the webhook alert went.
 */
export class OutboxMetrics implements OutboxFailureCounters {
  readonly failedTotal: Counter<'event_type'>;
  readonly alertsTotal: Counter<'result'>;

  constructor(registry: Registry) {
    this.failedTotal = new Counter({
      name: 'ventros_outbox_failed_total',
      help: 'Outbox rows marked failed after their last retry (moved to the DLQ)',
      labelNames: ['event_type'] as const,
      registers: [registry],
    });
    this.alertsTotal = new Counter({
      name: 'ventros_dlq_alerts_total',
      help: 'DLQ webhook alerts (VENTROS_DLQ_ALERT_WEBHOOK_URL) by result: sent, failed, dropped',
      labelNames: ['result'] as const,
      registers: [registry],
    });
  }

  failed(row: OutboxMessage): void {
    this.failedTotal.inc({ event_type: row.eventType });
  }

  alert(result: DlqAlertResult): void {
    this.alertsTotal.inc({ result });
  }
}
