import { z } from 'zod';
import type { OutboxMessage } from './outbox-store.js';

// The SQL of PgOutboxStore: its schema steps, its statements and how a row reads back.

/**
 * Schema steps, recorded in `ventros_migrations` as component `outbox`. Append; never edit a shipped one.
 *
 * `outbox_messages` follows the seed's table: `id`, `event_type`, `payload` (the envelope; JSON rather
 * than JSONB so the published bytes are exactly the committed ones), `status`, `retry_count`,
 * `created_at`, `published_at`, `error_message`, and a partial index on pending rows (`max_retries` and
 * the `failed` status since step 4). The seed's `destination_queue` is `exchange` + `routing_key` here
 * (we publish to a topic exchange). Added: `tenant_id` (every row carries its
 * tenant), `seq` (write order), `next_attempt_at` (backoff), `claimed_until` (the publisher's lease),
 * `error_type`. `id` is TEXT: the envelope's event id, a UUID in practice.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE outbox_messages (
     seq             BIGSERIAL    NOT NULL UNIQUE,
     id              TEXT         PRIMARY KEY,
     tenant_id       TEXT         NOT NULL,
     event_type      VARCHAR(100) NOT NULL,
     payload         JSON         NOT NULL,
     exchange        TEXT         NOT NULL,
     routing_key     TEXT         NOT NULL,
     status          VARCHAR(20)  NOT NULL CHECK (status IN ('pending', 'published', 'dlq')),
     retry_count     INTEGER      NOT NULL DEFAULT 0,
     created_at      TIMESTAMPTZ  NOT NULL,
     next_attempt_at TIMESTAMPTZ  NOT NULL,
     claimed_until   TIMESTAMPTZ,
     published_at    TIMESTAMPTZ,
     error_type      TEXT,
     error_message   TEXT
   );
   CREATE INDEX outbox_messages_pending ON outbox_messages (seq) WHERE status = 'pending';
   CREATE INDEX outbox_messages_status ON outbox_messages (status, seq);
   CREATE INDEX outbox_messages_published ON outbox_messages (published_at) WHERE status = 'published';
   CREATE TABLE inbox_messages (
     event_id   TEXT        PRIMARY KEY,
     tenant_id  TEXT        NOT NULL,
     message_id TEXT        NOT NULL,
     outbox_id  TEXT,
     handled_at TIMESTAMPTZ NOT NULL,
     UNIQUE (tenant_id, message_id)
   );
   CREATE INDEX inbox_messages_handled ON inbox_messages (handled_at);`,
  // The writing run's W3C trace context, sent as the published message's `traceparent` header.
  `ALTER TABLE outbox_messages ADD COLUMN traceparent TEXT;`,
  // A contact's answers are published in write order (see NewOutboxMessage.orderKey).
  `ALTER TABLE outbox_messages ADD COLUMN order_key TEXT;
   CREATE INDEX outbox_messages_order ON outbox_messages (order_key, seq) WHERE status = 'pending';`,
  // The seed's `failed` status (retries exhausted) and per-row `max_retries`; rows written before read 3.
  `ALTER TABLE outbox_messages DROP CONSTRAINT IF EXISTS outbox_messages_status_check;
   ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_status_check
     CHECK (status IN ('pending', 'published', 'failed', 'dlq'));
   ALTER TABLE outbox_messages ADD COLUMN max_retries INTEGER NOT NULL DEFAULT 3;`,
];

/** A timestamp column as epoch milliseconds, under its own name. */
const ms = (column: string, table = '') => `(extract(epoch FROM ${table}${column}) * 1000)::float8 AS ${column}`;
/** Parameter `$n` (epoch milliseconds) as a timestamp. */
export const timestampOf = (n: number) => `to_timestamp($${n}::float8 / 1000)`;

/** What a row reads as; `payload::text` is the envelope as committed (the driver would parse JSON). */
export const columns = (t = '') =>
  `${t}seq::float8 AS seq, ${t}id, ${t}tenant_id, ${t}event_type, ${t}payload::text AS body, ${t}exchange,
   ${t}routing_key, ${t}status, ${t}retry_count, ${t}max_retries, ${ms('created_at', t)}, ${ms('next_attempt_at', t)},
   ${ms('published_at', t)}, ${ms('claimed_until', t)}, ${t}error_type, ${t}error_message, ${t}traceparent, ${t}order_key`;

export const HANDLED = `SELECT 1 FROM inbox_messages WHERE event_id = $1 OR (tenant_id = $2 AND message_id = $3) LIMIT 1`;

// ON CONFLICT DO NOTHING covers both the event id and (tenant, message id): of two instances committing
// one event at once, the second waits for the first and then inserts nothing. The outbox row is inserted
// only with the inbox row, in the same statement.
export const COMMIT_WITH_OUTBOUND = `
  WITH inbox AS (
    INSERT INTO inbox_messages (event_id, tenant_id, message_id, outbox_id, handled_at)
    VALUES ($1, $2, $3, $4, ${timestampOf(5)})
    ON CONFLICT DO NOTHING
    RETURNING event_id
  ), outbox AS (
    INSERT INTO outbox_messages (id, tenant_id, event_type, payload, exchange, routing_key, status, created_at, next_attempt_at, traceparent, order_key, max_retries)
    SELECT $4, $6, $7, $8::json, $9, $10, 'pending', ${timestampOf(5)}, ${timestampOf(5)}, $11, $12, $13 FROM inbox
    RETURNING id
  )
  SELECT count(*)::int AS handled FROM inbox`;

export const COMMIT = `
  INSERT INTO inbox_messages (event_id, tenant_id, message_id, outbox_id, handled_at)
  VALUES ($1, $2, $3, NULL, ${timestampOf(4)})
  ON CONFLICT DO NOTHING`;

// SKIP LOCKED: a row another publisher is claiming right now is skipped, not waited for.
export const CLAIM = `
  UPDATE outbox_messages AS o SET claimed_until = ${timestampOf(2)}
  FROM (
    SELECT seq FROM outbox_messages
    WHERE status = 'pending' AND next_attempt_at <= ${timestampOf(1)}
      AND (claimed_until IS NULL OR claimed_until <= ${timestampOf(1)})
      AND (order_key IS NULL OR NOT EXISTS (
        SELECT 1 FROM outbox_messages earlier
        WHERE earlier.order_key = outbox_messages.order_key AND earlier.status = 'pending'
          AND earlier.seq < outbox_messages.seq))
    ORDER BY seq LIMIT $3
    FOR UPDATE SKIP LOCKED
  ) AS due
  WHERE o.seq = due.seq
  RETURNING ${columns('o.')}`;

export const PRUNE_BATCH = 1_000;
export const PRUNE_MAX_BATCHES = 10_000;

export const RowSchema = z.object({
  seq: z.number(),
  id: z.string(),
  tenant_id: z.string(),
  event_type: z.string(),
  body: z.string(),
  exchange: z.string(),
  routing_key: z.string(),
  status: z.enum(['pending', 'published', 'failed', 'dlq']),
  retry_count: z.number(),
  max_retries: z.number(),
  created_at: z.number(),
  next_attempt_at: z.number(),
  published_at: z.number().nullable(),
  claimed_until: z.number().nullable(),
  error_type: z.string().nullable(),
  error_message: z.string().nullable(),
  traceparent: z.string().nullable().optional(),
  order_key: z.string().nullable().optional(),
});

/** A row as the interface's record. */
export function toMessage(row: z.infer<typeof RowSchema>): OutboxMessage {
  const message: OutboxMessage = {
    id: row.id,
    tenantId: row.tenant_id,
    eventType: row.event_type,
    exchange: row.exchange,
    routingKey: row.routing_key,
    body: row.body,
    status: row.status,
    retryCount: row.retry_count,
    maxRetries: row.max_retries,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
  };
  if (row.published_at !== null) message.publishedAt = row.published_at;
  if (row.claimed_until !== null) message.claimedUntil = row.claimed_until;
  if (row.error_type !== null) message.errorType = row.error_type;
  if (row.error_message !== null) message.errorMessage = row.error_message;
  if (row.traceparent) message.traceparent = row.traceparent;
  if (row.order_key) message.orderKey = row.order_key;
  return message;
}
