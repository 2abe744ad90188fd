import type Database from 'better-sqlite3';
import { z } from 'zod';
import { GroupCommit, openSqliteStore } from '../../shared/index.js';
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
import { truncateError } from './truncate-error.js';

/** Applied in order on open; `PRAGMA user_version` records how many ran. Append; never edit a shipped step. */
export const SQLITE_OUTBOX_MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS outbox_messages (
     seq             INTEGER PRIMARY KEY AUTOINCREMENT,
     id              TEXT    NOT NULL UNIQUE,
     tenant_id       TEXT    NOT NULL,
     event_type      TEXT    NOT NULL,
     exchange        TEXT    NOT NULL,
     routing_key     TEXT    NOT NULL,
     body            TEXT    NOT NULL,
     status          TEXT    NOT NULL CHECK (status IN ('pending', 'published', 'dlq')),
     retry_count     INTEGER NOT NULL DEFAULT 0,
     created_at      INTEGER NOT NULL,
     next_attempt_at INTEGER NOT NULL,
     published_at    INTEGER,
     error_type      TEXT,
     error_message   TEXT
   );
   CREATE INDEX IF NOT EXISTS outbox_messages_due ON outbox_messages (status, next_attempt_at, seq);
   CREATE TABLE IF NOT EXISTS inbox_messages (
     event_id   TEXT    PRIMARY KEY,
     tenant_id  TEXT    NOT NULL,
     message_id TEXT    NOT NULL,
     outbox_id  TEXT,
     handled_at INTEGER NOT NULL,
     UNIQUE (tenant_id, message_id)
   );
   CREATE INDEX IF NOT EXISTS inbox_messages_handled ON inbox_messages (handled_at);`,
  // Rows are claimed for a lease before publishing (see OutboxStore.claim).
  `ALTER TABLE outbox_messages ADD COLUMN claimed_until INTEGER;`,
  // The writing run's W3C trace context, sent as the published message's `traceparent` header.
  `ALTER TABLE outbox_messages ADD COLUMN traceparent TEXT;`,
  // A contact's answers are published in write order (see NewOutboxMessage.orderKey).
  `ALTER TABLE outbox_messages ADD COLUMN order_key TEXT;
   CREATE INDEX IF NOT EXISTS outbox_messages_order ON outbox_messages (order_key, seq) WHERE status = 'pending';`,
  // The seed's `failed` status and `max_retries` column. SQLite cannot alter a CHECK constraint, so the
  // table is rebuilt with every row (and its seq) kept; rows written before read max_retries 3.
  `CREATE TABLE outbox_messages_next (
     seq             INTEGER PRIMARY KEY AUTOINCREMENT,
     id              TEXT    NOT NULL UNIQUE,
     tenant_id       TEXT    NOT NULL,
     event_type      TEXT    NOT NULL,
     exchange        TEXT    NOT NULL,
     routing_key     TEXT    NOT NULL,
     body            TEXT    NOT NULL,
     status          TEXT    NOT NULL CHECK (status IN ('pending', 'published', 'failed', 'dlq')),
     retry_count     INTEGER NOT NULL DEFAULT 0,
     max_retries     INTEGER NOT NULL DEFAULT 3,
     created_at      INTEGER NOT NULL,
     next_attempt_at INTEGER NOT NULL,
     published_at    INTEGER,
     error_type      TEXT,
     error_message   TEXT,
     claimed_until   INTEGER,
     traceparent     TEXT,
     order_key       TEXT
   );
   INSERT INTO outbox_messages_next (seq, id, tenant_id, event_type, exchange, routing_key, body, status, retry_count,
     created_at, next_attempt_at, published_at, error_type, error_message, claimed_until, traceparent, order_key)
   SELECT seq, id, tenant_id, event_type, exchange, routing_key, body, status, retry_count,
     created_at, next_attempt_at, published_at, error_type, error_message, claimed_until, traceparent, order_key
   FROM outbox_messages;
   DROP TABLE outbox_messages;
   ALTER TABLE outbox_messages_next RENAME TO outbox_messages;
   CREATE INDEX outbox_messages_due ON outbox_messages (status, next_attempt_at, seq);
   CREATE INDEX outbox_messages_order ON outbox_messages (order_key, seq) WHERE status = 'pending';`,
];

const RowSchema = z.object({
  seq: z.number(),
  id: z.string(),
  tenant_id: z.string(),
  event_type: z.string(),
  exchange: z.string(),
  routing_key: z.string(),
  body: z.string(),
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

/** One `commitHandled` call, as queued for its group's transaction. */
interface HandledWrite {
  key: InboxKey;
  outbound: NewOutboxMessage | undefined;
  now: number;
}

export interface SqliteOutboxStoreOptions {
  /** Database file (created with its folder when missing), or `:memory:`. */
  path: string;
  /** `max_retries` of rows written without one (default 3; VENTROS_OUTBOX_MAX_RETRIES). */
  maxRetries?: number;
  /** Clock for `handled_at` / `created_at` (tests). */
  now?: () => number;
}

/**
 * Inbox + outbox in SQLite (better-sqlite3, WAL): tables `outbox_messages` (the seed's outbox) and
 * `inbox_messages` (event ids already answered). `commitHandled` writes both in one transaction.
 */
export class SqliteOutboxStore implements OutboxStore {
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly maxRetries: number;
  private readonly statements;
  /** The claim statement per LIMIT (see claimStatement). */
  private readonly claims = new Map<number, Database.Statement<[{ now: number; until: number }], unknown>>();
  /** Transactions built once: better-sqlite3 wraps the function anew on every `db.transaction()` call. */
  /** Commits of one event-loop turn go in one transaction (see GroupCommit). */
  private readonly handledCommits: GroupCommit<HandledWrite, boolean>;
  private readonly markPublishedTx: (ids: readonly string[], at: number) => void;

  constructor(options: SqliteOutboxStoreOptions) {
    this.db = openSqliteStore(options.path, SQLITE_OUTBOX_MIGRATIONS);
    this.now = options.now ?? Date.now;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const db = this.db;
    this.statements = {
      handled: db.prepare<[string, string, string], { found: number }>(
        `SELECT 1 AS found FROM inbox_messages WHERE event_id = ? OR (tenant_id = ? AND message_id = ?) LIMIT 1`,
      ),
      insertInbox: db.prepare<[string, string, string, string | null, number]>(
        `INSERT OR IGNORE INTO inbox_messages (event_id, tenant_id, message_id, outbox_id, handled_at)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      insertOutbox: db.prepare<
        [string, string, string, string, string, string, number, number, string | null, string | null, number]
      >(
        `INSERT INTO outbox_messages (id, tenant_id, event_type, exchange, routing_key, body, status, created_at, next_attempt_at, traceparent, order_key, max_retries)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)`,
      ),
      published: db.prepare<[number, string]>(
        `UPDATE outbox_messages SET status = 'published', published_at = ?, claimed_until = NULL,
           error_type = NULL, error_message = NULL
         WHERE id = ? AND status = 'pending'`,
      ),
      retry: db.prepare<[string, string, number, string]>(
        `UPDATE outbox_messages SET retry_count = retry_count + 1, error_type = ?, error_message = ?, next_attempt_at = ?,
           claimed_until = NULL
         WHERE id = ? AND status = 'pending'`,
      ),
      failed: db.prepare<[string, string, string]>(
        `UPDATE outbox_messages SET status = 'failed', error_type = ?, error_message = ?, claimed_until = NULL
         WHERE id = ? AND status = 'pending'`,
      ),
      get: db.prepare<[string], unknown>('SELECT * FROM outbox_messages WHERE id = ?'),
      stats: db.prepare<[], { pending: number; oldest: number | null; dlq: number }>(
        `SELECT
           (SELECT count(*) FROM outbox_messages WHERE status = 'pending') AS pending,
           (SELECT min(created_at) FROM outbox_messages WHERE status = 'pending') AS oldest,
           (SELECT count(*) FROM outbox_messages WHERE status IN ('failed', 'dlq')) AS dlq`,
      ),
      // Up to two statuses (a dead letter is `failed` or the older `dlq`); the second repeats the first otherwise.
      list: db.prepare<[string, string, number], unknown>(
        'SELECT * FROM outbox_messages WHERE status IN (?, ?) ORDER BY seq LIMIT ?',
      ),
      requeue: db.prepare<[number, string]>(
        `UPDATE outbox_messages SET status = 'pending', retry_count = 0, next_attempt_at = ?, claimed_until = NULL
         WHERE id = ? AND status IN ('failed', 'dlq')`,
      ),
      prunePublished: db.prepare<[number]>(
        `DELETE FROM outbox_messages WHERE status = 'published' AND published_at < ?`,
      ),
      pruneInbox: db.prepare<[number]>('DELETE FROM inbox_messages WHERE handled_at < ?'),
    };
    const s = this.statements;
    this.handledCommits = new GroupCommit(db, ({ key, outbound, now }: HandledWrite): boolean => {
      // The UNIQUE constraints make a concurrent duplicate a no-op here, not a second answer.
      if (s.handled.get(key.eventId, key.tenantId, key.messageId) !== undefined) return false;
      s.insertInbox.run(key.eventId, key.tenantId, key.messageId, outbound?.id ?? null, now);
      if (outbound) {
        s.insertOutbox.run(
          outbound.id,
          outbound.tenantId,
          outbound.eventType,
          outbound.exchange,
          outbound.routingKey,
          outbound.body,
          now,
          now,
          outbound.traceparent ?? null,
          outbound.orderKey ?? null,
          outbound.maxRetries ?? this.maxRetries,
        );
      }
      return true;
    });
    this.markPublishedTx = db.transaction((ids: readonly string[], at: number) => {
      for (const id of ids) s.published.run(at, id);
    });
  }

  async isHandled(key: InboxKey): Promise<boolean> {
    return this.statements.handled.get(key.eventId, key.tenantId, key.messageId) !== undefined;
  }

  async commitHandled(key: InboxKey, outbound?: NewOutboxMessage): Promise<boolean> {
    return this.handledCommits.submit({ key, outbound, now: this.now() });
  }

  async claim(now: number, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    const rows = this.claimStatement(limit)
      .all({ now, until: now + leaseMs })
      .map((raw) => RowSchema.parse(raw));
    return rows.sort((a, b) => a.seq - b.seq).map(toMessage);
  }

  /**
   * The claim with its LIMIT written into the SQL, one statement per limit (a publisher uses one): on
   * this SQLite (built with STAT4) a bound LIMIT re-plans the statement on every run, which costs about
   * as much as preparing it. Several processes may share the file: the claim is one statement, so two
   * never take one row.
   */
  private claimStatement(limit: number): Database.Statement<[{ now: number; until: number }], unknown> {
    const rows = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
    let statement = this.claims.get(rows);
    if (statement === undefined) {
      statement = this.db.prepare<[{ now: number; until: number }], unknown>(
        `UPDATE outbox_messages SET claimed_until = @until WHERE seq IN (
           SELECT seq FROM outbox_messages
           WHERE status = 'pending' AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
             AND (order_key IS NULL OR NOT EXISTS (
               SELECT 1 FROM outbox_messages earlier
               WHERE earlier.order_key = outbox_messages.order_key AND earlier.status = 'pending'
                 AND earlier.seq < outbox_messages.seq))
           ORDER BY seq LIMIT ${rows})
         RETURNING *`,
      );
      // A handful of limits in practice (the batch size, a test's); never an unbounded cache.
      if (this.claims.size >= 16) this.claims.clear();
      this.claims.set(rows, statement);
    }
    return statement;
  }

  async markPublished(id: string, at: number): Promise<void> {
    this.statements.published.run(at, id);
  }

  async markPublishedBatch(ids: readonly string[], at: number): Promise<void> {
    if (ids.length > 0) this.markPublishedTx(ids, at);
  }

  async markRetry(id: string, failure: OutboxFailure, nextAttemptAt: number): Promise<void> {
    this.statements.retry.run(failure.errorType, truncateError(failure.errorMessage), nextAttemptAt, id);
  }

  async markFailed(id: string, failure: OutboxFailure): Promise<void> {
    this.statements.failed.run(failure.errorType, truncateError(failure.errorMessage), id);
  }

  async get(id: string): Promise<OutboxMessage | undefined> {
    const row = this.statements.get.get(id);
    return row === undefined ? undefined : toMessage(RowSchema.parse(row));
  }

  async list(status: OutboxStatus | readonly OutboxStatus[], limit: number): Promise<OutboxMessage[]> {
    const statuses = typeof status === 'string' ? [status] : status;
    const [first, second] = statuses;
    if (first === undefined || statuses.length > 2) throw new Error('list takes one or two statuses');
    return this.statements.list.all(first, second ?? first, limit).map((raw) => toMessage(RowSchema.parse(raw)));
  }

  async stats(): Promise<OutboxStats> {
    const row = this.statements.stats.get();
    return {
      pending: row?.pending ?? 0,
      dlq: row?.dlq ?? 0,
      ...(row?.oldest != null ? { oldestPendingAt: row.oldest } : {}),
    };
  }

  async requeue(id: string, now: number): Promise<boolean> {
    return this.statements.requeue.run(now, id).changes > 0;
  }

  async prune(before: number): Promise<number> {
    return this.db.transaction(
      () => this.statements.prunePublished.run(before).changes + this.statements.pruneInbox.run(before).changes,
    )();
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    // Commits still queued for this turn are written, not lost with the connection.
    this.handledCommits.flush();
    this.db.close();
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
