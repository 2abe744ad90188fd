/**
 * Lifecycle of an outbox row (the seed's `pending, published, failed, dlq`): written `pending`, then
 * `published`, or `failed` once its retries are exhausted (`max_retries`). `failed` rows are the outbox's
 * dead letters: `ventros dlq` lists and reprocesses them and `ventros_dlq_size` counts them. `dlq` is what
 * versions before the `failed` status wrote for the same thing; such rows stay readable and are treated
 * alike (DEAD_LETTER_STATUSES).
 */
export type OutboxStatus = 'pending' | 'published' | 'failed' | 'dlq';

/** The statuses of rows given up on: the outbox's dead letters. */
export const DEAD_LETTER_STATUSES: readonly OutboxStatus[] = ['failed', 'dlq'];

/**
 * Publish attempts a row had: a `failed` row keeps retry_count at the retries spent (the failing attempt
 * is one more); a `dlq` row of an older version counted every attempt in retry_count.
 */
export function attemptsOf(row: Pick<OutboxMessage, 'status' | 'retryCount'>): number {
  return row.status === 'failed' ? row.retryCount + 1 : row.retryCount;
}

/** The seed's default: 3 retries after the first attempt (at 2, 4 and 8 s). */
export const DEFAULT_MAX_RETRIES = 3;

/** Identity of one inbound message: its event id, and the CRM's message id within the tenant. */
export interface InboxKey {
  eventId: string;
  tenantId: string;
  messageId: string;
}

/** An outbound message to write in the same transaction that marks its inbound message handled. */
export interface NewOutboxMessage {
  /** Also the published envelope's `event_id`: consumers dedupe by it. */
  id: string;
  tenantId: string;
  eventType: string;
  exchange: string;
  routingKey: string;
  /** The whole envelope, already encoded (JSON). */
  body: string;
  /** W3C trace context of the run that wrote it: published as the message's `traceparent` header. */
  traceparent?: string;
  /**
   * Rows with the same key (a contact's answers: `tenant/contact`) are published one at a time, in the
   * order they were written, by whichever instance claims them; rows without a key in any order.
   */
  orderKey?: string;
  /** Retries after the first failed publish before the row is `failed` (default: the store's, 3). */
  maxRetries?: number;
}

/** A stored outbox row. Times are epoch milliseconds. */
export interface OutboxMessage extends NewOutboxMessage {
  status: OutboxStatus;
  /** Failed publishes retried so far (at `failed`: the retries spent, so attempts = retryCount + 1). */
  retryCount: number;
  /** The row's own `max_retries` column (rows written before it existed read 3). */
  maxRetries: number;
  createdAt: number;
  nextAttemptAt: number;
  publishedAt?: number;
  /** Set while a publisher holds the row (see `OutboxStore.claim`); past it, anyone may claim it again. */
  claimedUntil?: number;
  errorType?: string;
  errorMessage?: string;
}

/** What the outbox holds now, for metrics. */
export interface OutboxStats {
  /** Rows waiting to be published (`pending`). */
  pending: number;
  /** When the oldest pending row was written (epoch ms); absent when none waits. */
  oldestPendingAt?: number;
  /** Rows given up on: `failed` (and `dlq` from older versions). */
  dlq: number;
}

/** Why a publish failed, as recorded on the row. */
export interface OutboxFailure {
  errorType: string;
  errorMessage: string;
}

/**
 * The transactional inbox + outbox behind the RabbitMQ bridge. Inbox and outbox share one store so that
 * "mark the inbound message handled" and "write the answer" are one transaction. SQLite is the default
 * implementation; PostgreSQL (several instances on one database) fits the same interface.
 *
 * Rows are published by whoever claims them: a claim holds a row for a lease, so the publishers of
 * several instances never publish one row at the same time, and the row of a publisher that crashed is
 * claimed again once its lease expires (published twice only in that window, with the same event id).
 */
export interface OutboxStore {
  /** True when a message with this event id, or this tenant's message id, was already handled. */
  isHandled(key: InboxKey): Promise<boolean>;
  /**
   * Marks the inbound message handled and, when given, writes the outbound row — atomically. Returns
   * false (and writes nothing) when the message was already handled, e.g. by a concurrent redelivery.
   */
  commitHandled(key: InboxKey, outbound?: NewOutboxMessage): Promise<boolean>;
  /**
   * Claims up to `limit` pending rows due at `now` that nobody holds (or whose claim expired), oldest
   * first, until `now + leaseMs`: until then no other claim returns them. The lease must outlast a
   * publish attempt. A row whose order key has an earlier row still pending is not claimed: a contact's
   * next answer waits until the one before it is published (or given up on), whichever instance holds it. `markPublished`, `markRetry` and `markFailed` end the claim.
   */
  claim(now: number, limit: number, leaseMs: number): Promise<OutboxMessage[]>;
  markPublished(id: string, at: number): Promise<void>;
  /**
   * `markPublished` for several rows in one write: the publisher marks a pass's confirmed rows together
   * (one commit instead of one a row). Rows no longer pending are skipped, as there.
   */
  markPublishedBatch(ids: readonly string[], at: number): Promise<void>;
  /** Records a failed attempt and when to try again; releases the claim. */
  markRetry(id: string, failure: OutboxFailure, nextAttemptAt: number): Promise<void>;
  /** Gives up on a row once its retries are exhausted: status `failed`, with the last error (retry_count unchanged). */
  markFailed(id: string, failure: OutboxFailure): Promise<void>;
  get(id: string): Promise<OutboxMessage | undefined>;
  /** Rows with a status (or any of several), oldest first, at most `limit`. */
  list(status: OutboxStatus | readonly OutboxStatus[], limit: number): Promise<OutboxMessage[]>;
  /** Pending count, oldest pending row, dead-letter count (one cheap query on the status index). */
  stats(): Promise<OutboxStats>;
  /** A dead letter (`failed` or `dlq`) back to `pending` with a fresh retry budget; false when no such row exists. */
  requeue(id: string, now: number): Promise<boolean>;
  /** Deletes published rows and inbox entries older than `before`; returns how many rows went. */
  prune(before: number): Promise<number>;
  close(): Promise<void>;
}
