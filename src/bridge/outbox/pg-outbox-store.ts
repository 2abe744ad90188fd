import type pg from 'pg';
import { createPgPool, type Logger, lazyMigration, logger, type PgPoolOptions, pgQuery } from '../../shared/index.js';
import {
  DEFAULT_MAX_RETRIES,
  type InboxKey,
  type NewOutboxMessage,
  type OutboxFailure,
  type OutboxMessage,
  type OutboxStats,
  type OutboxStatus,
  type OutboxStore,
} from './outbox-store.js';
import {
  CLAIM,
  COMMIT,
  COMMIT_WITH_OUTBOUND,
  columns,
  HANDLED,
  MIGRATIONS,
  PRUNE_BATCH,
  PRUNE_MAX_BATCHES,
  RowSchema,
  timestampOf,
  toMessage,
} from './pg-outbox-sql.js';
import { truncateError } from './truncate-error.js';

export interface PgOutboxStoreOptions {
  /** `postgres://…` (DATABASE_URL): the store opens its own bounded pool and ends it on close. */
  url?: string;
  /** A pool to share instead (not ended on close). */
  pool?: pg.Pool;
  /** Bounds of the store's own pool (default 5 connections, 5 s statements). */
  poolOptions?: PgPoolOptions;
  /** `max_retries` of rows written without one (default 3; VENTROS_OUTBOX_MAX_RETRIES). */
  maxRetries?: number;
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
  private readonly maxRetries: number;
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
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
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
      outbound.traceparent ?? null,
      outbound.orderKey ?? null,
      outbound.maxRetries ?? this.maxRetries,
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

  async markPublishedBatch(ids: readonly string[], at: number): Promise<void> {
    if (ids.length === 0) return;
    await this.query(
      'ventros_outbox_published_batch',
      `UPDATE outbox_messages SET status = 'published', published_at = ${timestampOf(1)}, claimed_until = NULL,
         error_type = NULL, error_message = NULL
       WHERE id = ANY($2::text[]) AND status = 'pending'`,
      [at, ids],
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

  async markFailed(id: string, failure: OutboxFailure): Promise<void> {
    await this.query(
      'ventros_outbox_failed',
      `UPDATE outbox_messages SET status = 'failed', error_type = $1, error_message = $2, claimed_until = NULL
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

  async list(status: OutboxStatus | readonly OutboxStatus[], limit: number): Promise<OutboxMessage[]> {
    const statuses = typeof status === 'string' ? [status] : [...status];
    const { rows } = await this.query(
      'ventros_outbox_list',
      `SELECT ${columns()} FROM outbox_messages WHERE status = ANY($1::text[]) ORDER BY seq LIMIT $2`,
      [statuses, limit],
    );
    return rows.map((raw) => toMessage(RowSchema.parse(raw)));
  }

  async stats(): Promise<OutboxStats> {
    const { rows } = await this.query(
      'ventros_outbox_stats',
      `SELECT
         (SELECT count(*) FROM outbox_messages WHERE status = 'pending')::float8 AS pending,
         (SELECT (extract(epoch FROM min(created_at)) * 1000)::float8 FROM outbox_messages WHERE status = 'pending') AS oldest,
         (SELECT count(*) FROM outbox_messages WHERE status IN ('failed', 'dlq'))::float8 AS dlq`,
      [],
    );
    const row = rows[0] as { pending?: number; oldest?: number | null; dlq?: number } | undefined;
    return {
      pending: Number(row?.pending ?? 0),
      dlq: Number(row?.dlq ?? 0),
      ...(row?.oldest != null ? { oldestPendingAt: Number(row.oldest) } : {}),
    };
  }

  async requeue(id: string, now: number): Promise<boolean> {
    const { rowCount } = await this.query(
      'ventros_outbox_requeue',
      `UPDATE outbox_messages SET status = 'pending', retry_count = 0, next_attempt_at = ${timestampOf(1)},
         claimed_until = NULL
       WHERE id = $2 AND status IN ('failed', 'dlq')`,
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
