import { errorMessage, type Logger, logger } from '../../shared/index.js';
import { attemptsOf, type OutboxFailure, type OutboxMessage } from './outbox-store.js';

/** The JSON body POSTed for one outbox row that failed for good (seed: "alert ops team"). */
export interface DlqAlert {
  alert: 'outbox.failed';
  /** The row's id: the published envelope's event id, what `ventros dlq reprocess <id>` takes. */
  id: string;
  event_type: string;
  tenant_id: string;
  error_type: string;
  error: string;
  attempts: number;
  max_retries: number;
  destination: { exchange: string; routing_key: string };
  failed_at: string;
  /** One line for chat webhooks (Slack and compatible read `text`). */
  text: string;
}

/** How one alert went: POSTed with a 2xx, refused or unreachable, or dropped (too many in flight). */
export type DlqAlertResult = 'sent' | 'failed' | 'dropped';

export interface DlqWebhookOptions {
  /** VENTROS_DLQ_ALERT_WEBHOOK_URL. Never logged: webhook URLs carry their secret in the path. */
  url: string;
  /** Deadline of the POST (default 5 s). */
  timeoutMs?: number;
  /** Alerts in flight at most (default 4); beyond it an alert is dropped and counted, not queued. */
  maxInFlight?: number;
  onResult?: (result: DlqAlertResult) => void;
  now?: () => number;
  log?: Logger;
}

const MAX_ERROR_CHARS = 500;

/** The alert body of a row marked `failed`. */
export function dlqAlertOf(row: OutboxMessage, failure: OutboxFailure, at: number): DlqAlert {
  const attempts = attemptsOf({ status: 'failed', retryCount: row.retryCount });
  const error = failure.errorMessage.slice(0, MAX_ERROR_CHARS);
  return {
    alert: 'outbox.failed',
    id: row.id,
    event_type: row.eventType,
    tenant_id: row.tenantId,
    error_type: failure.errorType,
    error,
    attempts,
    max_retries: row.maxRetries,
    destination: { exchange: row.exchange, routing_key: row.routingKey },
    failed_at: new Date(at).toISOString(),
    text: `Outbox message ${row.id} (${row.eventType}, tenant ${row.tenantId}) moved to the DLQ after ${attempts} attempts: ${failure.errorType}. Reprocess with \`ventros dlq reprocess ${row.id}\`.`,
  };
}

/**
 * The DLQ alert hook: one POST of a DlqAlert per row that failed for good, with a deadline and no
 * retry (a down webhook must not turn a broker outage into a storm of alert retries; the row stays in
 * the DLQ and `ventros_dlq_size` shows it), and a bound on alerts in flight. Logs the outcome, never
 * the URL.
 *
 * @example
 * const alert = dlqWebhook({ url: env.VENTROS_DLQ_ALERT_WEBHOOK_URL });
 * new OutboxPublisher({ store, publish, onFailed: alert });
 */
export function dlqWebhook(options: DlqWebhookOptions): (row: OutboxMessage, failure: OutboxFailure) => Promise<void> {
  const log = options.log ?? logger.child({ component: 'dlq-alert' });
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxInFlight = Math.max(1, options.maxInFlight ?? 4);
  const now = options.now ?? Date.now;
  let inFlight = 0;
  const done = (result: DlqAlertResult, fields: Record<string, unknown>) => {
    options.onResult?.(result);
    if (result === 'sent') log.info(fields, 'DLQ alert sent');
    else log.warn(fields, result === 'dropped' ? 'DLQ alert dropped: too many in flight' : 'DLQ alert failed');
  };
  return async (row, failure) => {
    if (inFlight >= maxInFlight) {
      done('dropped', { id: row.id });
      return;
    }
    inFlight++;
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(dlqAlertOf(row, failure, now())),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      // The body is not needed; release the connection.
      await response.body?.cancel().catch(() => undefined);
      done(response.ok ? 'sent' : 'failed', { id: row.id, status: response.status });
    } catch (error) {
      // The error's name only: a fetch failure's message and cause may name the URL.
      const reason = error instanceof Error ? error.name : errorMessage(error).slice(0, 40);
      done('failed', { id: row.id, reason });
    } finally {
      inFlight--;
    }
  };
}
