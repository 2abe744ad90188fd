import type pg from 'pg';
import { z } from 'zod';
import { createPgPool, type Logger, lazyMigration, logger, type PgPoolOptions, pgQuery } from '../../shared/index.js';
import type { Message } from '../model/index.js';
import { splitExchanges } from './history-window.js';
import { persistentStateJson, type Session, type SessionKey, type SessionRecord } from './session.js';
import { sessionActivityOf, sessionKeyOf } from './session-key-rows.js';
import {
  type AppendSessionOptions,
  DEFAULT_MAX_STORED_MESSAGES,
  type LoadSessionOptions,
  type SessionActivity,
  type SessionStore,
} from './session-store.js';
import { flattenRows, parseStored, sqlBound, storedHistory, storedState } from './stored-session.js';

/** Schema steps, recorded in `ventros_migrations` as component `sessions`. Append; never edit a shipped one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE agent_sessions (
     tenant_id  TEXT        NOT NULL,
     session_id TEXT        NOT NULL,
     contact_id TEXT        NOT NULL,
     state      JSON        NOT NULL DEFAULT '{}',
     next_seq   BIGINT      NOT NULL DEFAULT 0,
     created_at TIMESTAMPTZ NOT NULL,
     updated_at TIMESTAMPTZ NOT NULL,
     PRIMARY KEY (tenant_id, session_id)
   );
   CREATE INDEX agent_sessions_contact ON agent_sessions (tenant_id, contact_id, updated_at DESC);
   CREATE INDEX agent_sessions_updated ON agent_sessions (updated_at);
   -- One row per exchange (a run: the user's message, the tool rounds, the answer): a run appends one
   -- row, a load reads the rows of its window. seq numbers messages: a row holds seq .. seq + count - 1.
   CREATE TABLE agent_session_exchanges (
     tenant_id       TEXT    NOT NULL,
     session_id      TEXT    NOT NULL,
     seq             BIGINT  NOT NULL,
     message_count   INTEGER NOT NULL,
     starts_exchange BOOLEAN NOT NULL,
     messages        JSON    NOT NULL,
     PRIMARY KEY (tenant_id, session_id, seq),
     FOREIGN KEY (tenant_id, session_id) REFERENCES agent_sessions (tenant_id, session_id) ON DELETE CASCADE
   );`,
];

// JSON (not JSONB) columns keep the text as written: state keys keep their order, messages their bytes.
// The history comes back as an array of the window's rows (each an array of messages).
const LOAD = `
  SELECT s.contact_id, s.state,
         (extract(epoch FROM s.created_at) * 1000)::float8 AS created_at,
         (extract(epoch FROM s.updated_at) * 1000)::float8 AS updated_at,
         (SELECT COALESCE(json_agg(e.messages ORDER BY e.seq), '[]'::json)
          FROM agent_session_exchanges AS e
          WHERE e.tenant_id = $1 AND e.session_id = $2 AND e.seq >= (
            SELECT min(x.seq) FROM agent_session_exchanges AS x
            WHERE x.tenant_id = $1 AND x.session_id = $2 AND x.starts_exchange
              AND x.seq >= s.next_seq - $3::bigint)) AS history
  FROM agent_sessions AS s
  WHERE s.tenant_id = $1 AND s.session_id = $2`;

// One statement: the upsert reserves the message numbers under the session row's lock (so concurrent
// appends from several instances serialize), the run's exchanges go in, and the oldest rows beyond the
// cap go. The DELETE sees the rows as they were before the statement, so the new rows are never cut.
const APPEND = `
  WITH s AS (
    INSERT INTO agent_sessions AS a (tenant_id, session_id, contact_id, state, next_seq, created_at, updated_at)
    VALUES ($1, $2, $3, $4::json, $5::bigint, to_timestamp($6::float8 / 1000), to_timestamp($7::float8 / 1000))
    ON CONFLICT (tenant_id, session_id) DO UPDATE SET
      contact_id = EXCLUDED.contact_id, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at,
      next_seq = a.next_seq + EXCLUDED.next_seq
    RETURNING a.next_seq AS next
  ), added AS (
    INSERT INTO agent_session_exchanges (tenant_id, session_id, seq, message_count, starts_exchange, messages)
    SELECT $1, $2, s.next - $5::bigint + g.start, g.size, g.starts, g.messages
    FROM s, ROWS FROM (unnest($8::int[]), unnest($9::int[]), unnest($10::boolean[]), json_array_elements($11::json))
      AS g(start, size, starts, messages)
  )
  DELETE FROM agent_session_exchanges AS d
  WHERE d.tenant_id = $1 AND d.session_id = $2 AND d.seq < (
    -- Computed once; NULL (nothing to cut) while the session is under the cap.
    SELECT CASE WHEN s.next > $12::bigint THEN COALESCE((
      SELECT min(x.seq) FROM agent_session_exchanges AS x
      WHERE x.tenant_id = $1 AND x.session_id = $2 AND x.starts_exchange AND x.seq >= s.next - $12::bigint
    ), s.next - $5::bigint) END FROM s)`;

const PRUNE_BATCH = 500;
const PRUNE_MAX_BATCHES = 10_000;

const RowSchema = z.object({
  contact_id: z.string(),
  state: z.unknown(),
  created_at: z.number(),
  updated_at: z.number(),
  history: z.unknown(),
});

export interface PgSessionStoreOptions {
  /** `postgres://…` (DATABASE_URL): the store opens its own bounded pool and ends it on close. */
  url?: string;
  /** A pool to share instead (not ended on close). */
  pool?: pg.Pool;
  /** Bounds of the store's own pool (default 10 connections, 5 s statements). */
  poolOptions?: PgPoolOptions;
  /** Sessions untouched for this long are deleted (on open, then hourly). Default 30 days; `Infinity` keeps all. */
  retentionMs?: number;
  log?: Logger;
}

const DEFAULT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Sessions in PostgreSQL: tables `agent_sessions` and `agent_session_exchanges` (one row per exchange),
 * migrated on open under an advisory lock. A load is one statement (state + the history window, cut at
 * an exchange start); an append is one statement too. Several instances may share the database.
 *
 * @example
 * const sessions = new PgSessionStore({ url: env.DATABASE_URL });
 * const runner = new Runner({ sessions });
 */
export class PgSessionStore implements SessionStore {
  private readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly ready: () => Promise<void>;
  private readonly starting: Promise<void>;
  private readonly retentionMs: number;
  private readonly log: Logger;
  private pruneTimer: NodeJS.Timeout | undefined;
  private pruning: Promise<void> | undefined;
  private closed = false;

  constructor(options: PgSessionStoreOptions) {
    this.log = options.log ?? logger.child({ component: 'pg-session-store' });
    if (options.pool) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else {
      this.pool = createPgPool(options.url ?? '', { log: this.log, ...options.poolOptions });
      this.ownsPool = true;
    }
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.ready = lazyMigration(this.pool, 'sessions', MIGRATIONS, () => this.startPruning());
    // Migrate now rather than on the first run; a failure is logged here and retried by the next call.
    this.starting = this.ready().catch((error: unknown) => {
      this.log.error({ err: error }, 'session store unavailable; will retry');
    });
  }

  async load(key: SessionKey, options: LoadSessionOptions = {}): Promise<Session | undefined> {
    await this.ready();
    const { rows } = await pgQuery(this.pool, {
      name: 'ventros_session_load',
      text: LOAD,
      values: [key.tenantId, key.sessionId, sqlBound(options.historyWindow)],
    });
    if (rows.length === 0) return undefined;
    return parseStored(key, () => {
      const row = RowSchema.parse(rows[0]);
      const session: Session = {
        tenantId: key.tenantId,
        contactId: row.contact_id,
        sessionId: key.sessionId,
        state: storedState(row.state),
        history: storedHistory(flattenRows(row.history)),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
      if (options.historyWindow !== undefined) session.historyLimit = options.historyWindow;
      return session;
    });
  }

  async append(session: SessionRecord, messages: readonly Message[], options: AppendSessionOptions = {}) {
    await this.ready();
    const groups = splitExchanges(messages);
    await pgQuery(this.pool, {
      name: 'ventros_session_append',
      text: APPEND,
      values: [
        session.tenantId,
        session.sessionId,
        session.contactId,
        persistentStateJson(session.state),
        messages.length,
        session.createdAt,
        session.updatedAt,
        groups.map((g) => g.offset),
        groups.map((g) => g.messages.length),
        groups.map((g) => g.startsExchange),
        JSON.stringify(groups.map((g) => g.messages)),
        sqlBound(options.maxMessages ?? DEFAULT_MAX_STORED_MESSAGES),
      ],
    });
  }

  async delete(key: SessionKey): Promise<void> {
    await this.ready();
    // The messages go with the row (ON DELETE CASCADE).
    await pgQuery(this.pool, {
      text: 'DELETE FROM agent_sessions WHERE tenant_id = $1 AND session_id = $2',
      values: [key.tenantId, key.sessionId],
    });
  }

  async list(tenantId: string, contactId?: string): Promise<SessionKey[]> {
    await this.ready();
    const { rows } = await pgQuery(
      this.pool,
      contactId === undefined
        ? {
            text: 'SELECT tenant_id, contact_id, session_id FROM agent_sessions WHERE tenant_id = $1 ORDER BY updated_at DESC',
            values: [tenantId],
          }
        : {
            text: `SELECT tenant_id, contact_id, session_id FROM agent_sessions
                   WHERE tenant_id = $1 AND contact_id = $2 ORDER BY updated_at DESC`,
            values: [tenantId, contactId],
          },
    );
    return rows.map(sessionKeyOf);
  }

  async listUpdatedSince(since: number, limit: number): Promise<SessionActivity[]> {
    await this.ready();
    // On the agent_sessions_updated index.
    const { rows } = await pgQuery(this.pool, {
      text: `SELECT tenant_id, contact_id, session_id, (extract(epoch FROM updated_at) * 1000)::float8 AS updated_at
             FROM agent_sessions WHERE updated_at >= to_timestamp($1::float8 / 1000)
             ORDER BY updated_at DESC LIMIT $2`,
      values: [since, sqlBound(limit)],
    });
    return rows.map(sessionActivityOf);
  }

  /** Deletes sessions not updated within the retention window, in batches (each under the statement timeout). */
  async prune(now = Date.now()): Promise<number> {
    await this.ready();
    if (!Number.isFinite(this.retentionMs)) return 0;
    let pruned = 0;
    for (let batch = 0; batch < PRUNE_MAX_BATCHES; batch++) {
      const { rowCount } = await pgQuery(this.pool, {
        text: `DELETE FROM agent_sessions WHERE (tenant_id, session_id) IN (
                 SELECT tenant_id, session_id FROM agent_sessions
                 WHERE updated_at < to_timestamp($1::float8 / 1000) LIMIT $2)`,
        values: [now - this.retentionMs, PRUNE_BATCH],
      });
      pruned += rowCount ?? 0;
      if ((rowCount ?? 0) < PRUNE_BATCH) break;
    }
    return pruned;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.starting;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.pruning;
    if (this.ownsPool) await this.pool.end();
  }

  private startPruning(): void {
    if (!Number.isFinite(this.retentionMs) || this.closed) return;
    const prune = () => {
      if (this.pruning) return;
      this.pruning = this.prune()
        .then(() => undefined)
        .catch((error: unknown) => this.log.warn({ err: error }, 'pruning old sessions failed'))
        .finally(() => {
          this.pruning = undefined;
        });
    };
    prune();
    this.pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }
}
