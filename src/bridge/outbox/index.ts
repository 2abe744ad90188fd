export { type Backoff, backoffDelay } from './backoff.js';
export { contactOrderKey } from './contact-order-key.js';
export { type DlqAlert, type DlqAlertResult, dlqAlertOf, dlqWebhook } from './dlq-alert.js';
export { openOutboxStore } from './open-outbox-store.js';
export {
  DEFAULT_OUTBOX_BACKOFF,
  OutboxPublisher,
  type OutboxPublisherOptions,
  type PublishFn,
} from './outbox-publisher.js';
export { type OutboxFailureCounters, outboxPublisherSettings } from './outbox-settings.js';
export {
  attemptsOf,
  DEAD_LETTER_STATUSES,
  DEFAULT_MAX_RETRIES,
  type InboxKey,
  type NewOutboxMessage,
  type OutboxFailure,
  type OutboxMessage,
  type OutboxStats,
  type OutboxStatus,
  type OutboxStore,
} from './outbox-store.js';
export { PgOutboxStore, type PgOutboxStoreOptions } from './pg-outbox-store.js';
export { SqliteOutboxStore, type SqliteOutboxStoreOptions } from './sqlite-outbox-store.js';
