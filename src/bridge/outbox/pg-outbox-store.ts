import type pg from 'pg';
import { z } from 'zod';
import { createPgPool, type Logger, lazyMigration, logger, type PgPoolOptions, pgQuery } from '../../shared/index.js';
import type {
  InboxKey,
  NewOutboxMessage,
  OutboxFailure,
  OutboxMessage,
  OutboxStatus,
  OutboxStore,
} from './outbox-store.js';
import { truncateError } from './truncate-error.js';

/**
 * Schema steps, recorded in `ventros_migrations` as component `outbox`. Append; never edit a shipped one.
 *
 * `outbox_messages` follows the seed's table: `id`, `event_type`, `payload` (the envelope; JSON rather
 * than JSONB so the published bytes are exactly the committed ones), `status`, `retry_count`,
 * `created_at`, `published_at`, `error_message`, and a partial index on pending rows. The seed's
 * `destination_queue` is `exchange` + `routing_key` here (we publish to a topic exchange); its
 * `max_retries` is the publisher's setting, not a column. Added: `tenant_id` (every row carries its
 * tenant), `seq` (write order), `next_attempt_at` (backoff), `claimed_until` (the publisher's lease),
 * `error_type`. `id` is TEXT: the envelope's event id, a UUID in practice.
 */
const MIGRATIONS: readonly string[] = [
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
];

/** A timestamp column as epoch milliseconds, under its own name. */
const ms = (column: string, table = '') => `(extract(epoch FROM ${table}${column}) * 1000)::float8 AS ${column}`;
/** Parameter `$n` (epoch milliseconds) as a timestamp. */
const timestampOf = (n: number) => `to_timestamp($${n}::float8 / 1000)`;

/** What a row reads as; `payload::text` is the envelope as committed (the driver would parse JSON). */
const columns = (t = '') =>
  `${t}seq::float8 AS seq, ${t}id, ${t}tenant_id, ${t}event_type, ${t}payload::text AS body, ${t}exchange,
   ${t}routing_key, ${t}status, ${t}retry_count, ${ms('created_at', t)}, ${ms('next_attempt_at', t)},
   ${ms('published_at', t)}, ${ms('claimed_until', t)}, ${t}error_type, ${t}error_message`;

const HANDLED = `SELECT 1 FROM inbox_messages WHERE event_id = $1 OR (tenant_id = $2 AND message_id = $3) LIMIT 1`;

// ON CONFLICT DO NOTHING covers both the event id and (tenant, message id): of two instances committing
// one event at once, the second waits for the first and then inserts nothing. The outbox row is inserted
// only with the inbox row, in the same statement.
const COMMIT_WITH_OUTBOUND = `
  WITH inbox AS (
    INSERT INTO inbox_messages (event_id, tenant_id, message_id, outbox_id, handled_at)
    VALUES ($1, $2, $3, $4, ${timestampOf(5)})
    ON CONFLICT DO NOTHING
    RETURNING event_id
  ), outbox AS (
    INSERT INTO outbox_messages (id, tenant_id, event_type, payload, exchange, routing_key, status, created_at, next_attempt_at)
    SELECT $4, $6, $7, $8::json, $9, $10, 'pending', ${timestampOf(5)}, ${timestampOf(5)} FROM inbox
    RETURNING id
  )
  SELECT count(*)::int AS handled FROM inbox`;

const COMMIT = `
  INSERT INTO inbox_messages (event_id, tenant_id, message_id, outbox_id, handled_at)
  VALUES ($1, $2, $3, NULL, ${timestampOf(4)})
  ON CONFLICT DO NOTHING`;

// SKIP LOCKED: a row another publisher is claiming right now is skipped, not waited for.
const CLAIM = `
  UPDATE outbox_messages AS o SET claimed_until = ${timestampOf(2)}
  FROM (
    SELECT seq FROM outbox_messages
    WHERE status = 'pending' AND next_attempt_at <= ${timestampOf(1)}
      AND (claimed_until IS NULL OR claimed_until <= ${timestampOf(1)})
    ORDER BY seq LIMIT $3
    FOR UPDATE SKIP LOCKED
  ) AS due
  WHERE o.seq = due.seq
  RETURNING ${columns('o.')}`;

const PRUNE_BATCH = 1_000;
const PRUNE_MAX_BATCHES = 10_000;

const RowSchema = z.object({
  seq: z.number(),
  id: z.string(),
  tenant_id: z.string(),
  event_type: z.string(),
  body: z.string(),
  exchange: z.string(),
  routing_key: z.string(),
  status: z.enum(['pending', 'published', 'dlq']),
  retry_count: z.number(),
  created_at: z.number(),
  next_attempt_at: z.number(),
  published_at: z.number().nullable(),
  claimed_until: z.number().nullable(),
  error_type: z.string().nullable(),
  error_message: z.string().nullable(),
});

export interface PgOutboxStoreOptions {
  /** `postgres://…` (DATABASE_URL): the store opens its own bounded pool and ends it on close. */
  url?: string;
  /** A pool to share instead (not ended on close). */
  pool?: pg.Pool;
  /** Bounds of the store's own pool (default 5 connections, 5 s statements). */
  poolOptions?: PgPoolOptions;
  /** Clock for `handled_at` / `created_at` (tests). */
  now?: () => number;
  log?: Logger;
}

/**
 * Inbox + outbox in PostgreSQL: `outbox_messages` (the seed's table) and `inbox_messages`, migrated on
 * open under an advisory lock. `commitHandled` is one statement; `claim` takes rows with
 * `FOR UPDATE SKIP LOCKED` and a lease, so the publishers of several instances share the rows.
 *
 * @example
 * const outbox = new PgOutboxStore({ url: env.DATABASE_URL });
 */
export class PgOutboxStore implements OutboxStore {
  private readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly ready: () => Promise<void>;
  private readonly starting: Promise<void>;
  private readonly now: () => number;
  private closed = false;

  constructor(options: PgOutboxStoreOptions) {
    const log = options.log ?? logger.child({ component: 'pg-outbox-store' });
    if (options.pool) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else {
      this.pool = createPgPool(options.url ?? '', { max: 5, log, ...options.poolOptions });
      this.ownsPool = true;
    }
    this.now = options.now ?? Date.now;
    this.ready = lazyMigration(this.pool, 'outbox', MIGRATIONS);
    // Migrate now rather than on the first message; a failure is logged here and retried by the next call.
    this.starting = this.ready().catch((error: unknown) => {
      log.error({ err: error }, 'outbox store unavailable; will retry');
    });
  }

  async isHandled(key: InboxKey): Promise<boolean> {
    const { rowCount } = await this.query('ventros_inbox_handled', HANDLED, [key.eventId, key.tenantId, key.messageId]);
    return (rowCount ?? 0) > 0;
  }

  async commitHandled(key: InboxKey, outbound?: NewOutboxMessage): Promise<boolean> {
    const now = this.now();
    if (!outbound) {
      const { rowCount } = await this.query('ventros_inbox_commit', COMMIT, [
        key.eventId,
        key.tenantId,
        key.messageId,
        now,
      ]);
      return (rowCount ?? 0) > 0;
    }
    const { rows } = await this.query('ventros_inbox_commit_outbound', COMMIT_WITH_OUTBOUND, [
      key.eventId,
      key.tenantId,
      key.messageId,
      outbound.id,
      now,
      outbound.tenantId,
      outbound.eventType,
      outbound.body,
      outbound.exchange,
      outbound.routingKey,
    ]);
    return (rows[0] as { handled?: number } | undefined)?.handled === 1;
  }

  async claim(now: number, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    const { rows } = await this.query('ventros_outbox_claim', CLAIM, [now, now + leaseMs, limit]);
    return rows
      .map((raw) => RowSchema.parse(raw))
      .sort((a, b) => a.seq - b.seq)
      .map(toMessage);
  }

  async markPublished(id: string, at: number): Promise<void> {
    await this.query(
      'ventros_outbox_published',
      `UPDATE outbox_messages SET status = 'published', published_at = ${timestampOf(1)}, claimed_until = NULL,
         error_type = NULL, error_message = NULL
       WHERE id = $2 AND status = 'pending'`,
      [at, id],
    );
  }

  async markRetry(id: string, failure: OutboxFailure, nextAttemptAt: number): Promise<void> {
    await this.query(
      'ventros_outbox_retry',
      `UPDATE outbox_messages SET retry_count = retry_count + 1, error_type = $1, error_message = $2,
         next_attempt_at = ${timestampOf(3)}, claimed_until = NULL
       WHERE id = $4 AND status = 'pending'`,
      [failure.errorType, truncateError(failure.errorMessage), nextAttemptAt, id],
    );
  }

  async markDlq(id: string, failure: OutboxFailure): Promise<void> {
    await this.query(
      'ventros_outbox_dlq',
      `UPDATE outbox_messages SET status = 'dlq', retry_count = retry_count + 1, error_type = $1, error_message = $2,
         claimed_until = NULL
       WHERE id = $3 AND status = 'pending'`,
      [failure.errorType, truncateError(failure.errorMessage), id],
    );
  }

  async get(id: string): Promise<OutboxMessage | undefined> {
    const { rows } = await this.query('ventros_outbox_get', `SELECT ${columns()} FROM outbox_messages WHERE id = $1`, [
      id,
    ]);
    return rows.length === 0 ? undefined : toMessage(RowSchema.parse(rows[0]));
  }

  async list(status: OutboxStatus, limit: number): Promise<OutboxMessage[]> {
    const { rows } = await this.query(
      'ventros_outbox_list',
      `SELECT ${columns()} FROM outbox_messages WHERE status = $1 ORDER BY seq LIMIT $2`,
      [status, limit],
    );
    return rows.map((raw) => toMessage(RowSchema.parse(raw)));
  }

  async requeue(id: string, now: number): Promise<boolean> {
    const { rowCount } = await this.query(
      'ventros_outbox_requeue',
      `UPDATE outbox_messages SET status = 'pending', retry_count = 0, next_attempt_at = ${timestampOf(1)},
         claimed_until = NULL
       WHERE id = $2 AND status = 'dlq'`,
      [now, id],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Deletes published rows and inbox entries older than `before`, in batches (each under the statement timeout). */
  async prune(before: number): Promise<number> {
    const batches = [
      `DELETE FROM outbox_messages WHERE seq IN (
         SELECT seq FROM outbox_messages WHERE status = 'published' AND published_at < ${timestampOf(1)} LIMIT $2)`,
      `DELETE FROM inbox_messages WHERE event_id IN (
         SELECT event_id FROM inbox_messages WHERE handled_at < ${timestampOf(1)} LIMIT $2)`,
    ];
    let pruned = 0;
    for (const text of batches) {
      for (let batch = 0; batch < PRUNE_MAX_BATCHES; batch++) {
        const { rowCount } = await this.query(undefined, text, [before, PRUNE_BATCH]);
        pruned += rowCount ?? 0;
        if ((rowCount ?? 0) < PRUNE_BATCH) break;
      }
    }
    return pruned;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.starting;
    if (this.ownsPool) await this.pool.end();
  }

  /** One statement after the schema is ready; named statements are prepared once per connection. */
  private async query(name: string | undefined, text: string, values: unknown[]): Promise<pg.QueryResult> {
    await this.ready();
    return pgQuery(this.pool, name === undefined ? { text, values } : { name, text, values });
  }
}

function toMessage(row: z.infer<typeof RowSchema>): OutboxMessage {
  const message: OutboxMessage = {
    id: row.id,
    tenantId: row.tenant_id,
    eventType: row.event_type,
    exchange: row.exchange,
    routingKey: row.routing_key,
    body: row.body,
    status: row.status,
    retryCount: row.retry_count,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
  };
  if (row.published_at !== null) message.publishedAt = row.published_at;
  if (row.claimed_until !== null) message.claimedUntil = row.claimed_until;
  if (row.error_type !== null) message.errorType = row.error_type;
  if (row.error_message !== null) message.errorMessage = row.error_message;
  return message;
}
