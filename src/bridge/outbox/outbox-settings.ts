import type { Env } from '../../shared/index.js';
import { type DlqAlertResult, dlqWebhook } from './dlq-alert.js';
import { DEFAULT_OUTBOX_BACKOFF, type OutboxPublisherOptions } from './outbox-publisher.js';
import type { OutboxMessage } from './outbox-store.js';

/** Counters the failure hook feeds (`ventros_outbox_failed_total`, `ventros_dlq_alerts_total`). */
export interface OutboxFailureCounters {
  failed?(row: OutboxMessage): void;
  alert?(result: DlqAlertResult): void;
}

/**
 * The publisher settings the environment asks for: the retry base (VENTROS_OUTBOX_RETRY_BASE_MS,
 * default 2 s: 2, 4, 8 s) and the failure hook — the counters, and the webhook alert when
 * VENTROS_DLQ_ALERT_WEBHOOK_URL is set. (How many retries a row gets is its `max_retries`, written by the
 * store from VENTROS_OUTBOX_MAX_RETRIES.)
 */
export function outboxPublisherSettings(
  env: Partial<Pick<Env, 'VENTROS_OUTBOX_RETRY_BASE_MS' | 'VENTROS_DLQ_ALERT_WEBHOOK_URL'>>,
  counters: OutboxFailureCounters = {},
): Pick<OutboxPublisherOptions, 'backoff' | 'onFailed'> {
  const alert = env.VENTROS_DLQ_ALERT_WEBHOOK_URL
    ? dlqWebhook({ url: env.VENTROS_DLQ_ALERT_WEBHOOK_URL, onResult: (result) => counters.alert?.(result) })
    : undefined;
  const backoff = {
    ...DEFAULT_OUTBOX_BACKOFF,
    ...(env.VENTROS_OUTBOX_RETRY_BASE_MS ? { baseMs: env.VENTROS_OUTBOX_RETRY_BASE_MS } : {}),
  };
  if (!alert && !counters.failed) return { backoff };
  return {
    backoff,
    async onFailed(row, failure) {
      counters.failed?.(row);
      await alert?.(row, failure);
    },
  };
}
