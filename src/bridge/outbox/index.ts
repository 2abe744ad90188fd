export { type Backoff, backoffDelay } from './backoff.js';
export { contactOrderKey } from './contact-order-key.js';
export { openOutboxStore } from './open-outbox-store.js';
export { OutboxPublisher, type OutboxPublisherOptions, type PublishFn } from './outbox-publisher.js';
export type {
  InboxKey,
  NewOutboxMessage,
  OutboxFailure,
  OutboxMessage,
  OutboxStats,
  OutboxStatus,
  OutboxStore,
} from './outbox-store.js';
export { PgOutboxStore, type PgOutboxStoreOptions } from './pg-outbox-store.js';
export { SqliteOutboxStore, type SqliteOutboxStoreOptions } from './sqlite-outbox-store.js';
