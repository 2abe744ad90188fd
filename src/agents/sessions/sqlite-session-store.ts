import type Database from 'better-sqlite3';
import { GroupCommit, openSqliteStore } from '../../shared/index.js';
import type { Message } from '../model/index.js';
import { appendHeld, type HeldRow, type HeldWindow, heldWindowRows, type SessionColumns } from './held-window.js';
import { HeldWindows } from './held-windows.js';
import { type ExchangeGroup, splitExchanges } from './history-window.js';
import { loadsAsItself } from './json-plain.js';
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

/**
 * Schema migrations, applied in order on open; `PRAGMA user_version` records how many ran.
 * Append new steps; never edit a shipped one.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS agent_sessions (
     tenant_id  TEXT    NOT NULL,
     contact_id TEXT    NOT NULL,
     session_id TEXT    NOT NULL,
     state      TEXT    NOT NULL DEFAULT '{}',
     history    TEXT    NOT NULL DEFAULT '[]',
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (tenant_id, session_id)
   );
   CREATE INDEX IF NOT EXISTS agent_sessions_contact
     ON agent_sessions (tenant_id, contact_id, updated_at DESC);`,
  `CREATE INDEX IF NOT EXISTS agent_sessions_updated ON agent_sessions (updated_at);`,
  // History moves to one row per exchange (a run: the user's message, the tool rounds, the answer), so a
  // run appends one row instead of rewriting the whole history, and a load reads only the rows of the
  // window it needs. `seq` numbers messages: a row holds messages seq .. seq + message_count - 1.
  // Existing histories are split into exchanges in SQL. A rowid table, not WITHOUT ROWID: rows of ~1 KB
  // would spill into overflow pages of an index b-tree (an insert measured twice as costly).
  `CREATE TABLE agent_session_exchanges (
     tenant_id       TEXT    NOT NULL,
     session_id      TEXT    NOT NULL,
     seq             INTEGER NOT NULL,
     message_count   INTEGER NOT NULL,
     starts_exchange INTEGER NOT NULL,
     messages        TEXT    NOT NULL,
     PRIMARY KEY (tenant_id, session_id, seq)
   );
   ALTER TABLE agent_sessions ADD COLUMN next_seq INTEGER NOT NULL DEFAULT 0;
   WITH flagged AS (
     SELECT s.tenant_id, s.session_id, m.key AS seq, m.value AS message,
            (json_extract(m.value, '$.role') = 'user' AND NOT EXISTS (
              SELECT 1 FROM json_each(m.value, '$.content') AS c
              WHERE json_extract(c.value, '$.type') = 'tool_result')) AS starts
     FROM agent_sessions AS s, json_each(s.history) AS m
     WHERE json_valid(s.history) AND json_type(s.history) = 'array'
   ), numbered AS (
     SELECT *, SUM(starts) OVER (PARTITION BY tenant_id, session_id ORDER BY seq) AS exchange FROM flagged
   )
   INSERT INTO agent_session_exchanges (tenant_id, session_id, seq, message_count, starts_exchange, messages)
     SELECT tenant_id, session_id, MIN(seq), COUNT(*), exchange > 0,
            '[' || group_concat(message, ',' ORDER BY seq) || ']'
     FROM numbered GROUP BY tenant_id, session_id, exchange;
   UPDATE agent_sessions SET next_seq = json_array_length(history)
     WHERE json_valid(history) AND json_type(history) = 'array';
   ALTER TABLE agent_sessions DROP COLUMN history;`,
  // The stamp of a session row, for a process to reuse the rows it holds (see held-window.ts): `generation`
  // is drawn when the row is created, `version` counts the appends since.
  `ALTER TABLE agent_sessions ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE agent_sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;`,
  // The cap's cut, recorded instead of applied on every append (see TRIM_EVERY): rows before `kept_from`
  // are gone for every read, and deleted in batches. Rows stored so far were cut already: 0 keeps them.
  `ALTER TABLE agent_sessions ADD COLUMN kept_from INTEGER NOT NULL DEFAULT 0;`,
];

/** A row of the `load` statement. */
interface Row {
  contact_id: string;
  state: string;
  created_at: number;
  updated_at: number;
  history: string | null;
}

/** The `load` row, checked by hand (a zod parse per load showed in CPU profiles); throws when corrupt. */
function loadedRow(raw: unknown): Row {
  const row = raw as Partial<Record<keyof Row, unknown>>;
  if (
    typeof row.contact_id !== 'string' ||
    typeof row.state !== 'string' ||
    typeof row.created_at !== 'number' ||
    typeof row.updated_at !== 'number' ||
    (row.history !== null && typeof row.history !== 'string')
  ) {
    throw new TypeError('stored session row has unexpected columns');
  }
  return row as Row;
}

export interface SqliteSessionStoreOptions {
  /** Database file (created with its folder when missing), or `:memory:`. */
  path: string;
  /**
   * Sessions untouched for this long are deleted (on open, then hourly), so one-off conversations do
   * not pile up forever. Default 30 days; `Infinity` keeps everything.
   */
  retentionMs?: number;
  /** What the windows this process holds may take, in characters of their JSON (see held-windows.ts). */
  heldWindowChars?: number;
}

const DEFAULT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * What the windows this process holds may take, in characters of their rows' JSON: at most ~42 MB of
 * heap (~2.6 bytes a character, see held-windows.ts), ~28 MB for ~1,600 of the bridge bench's sessions
 * (~10,000 characters a window); several hundred windows of long conversations.
 */
const HELD_WINDOW_CHARS = 16_000_000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/**
 * The rows an append's cut dropped are deleted on every TRIM_EVERY-th append of a session (by its
 * version), not on each: a delete frees a page and rewrites the index and freelist pages around it
 * (3 of the ~10 pages an append wrote to the WAL), and a batch of deletes rewrites them once. Until
 * then `kept_from` hides them, so a session holds at most this many appends beyond its cap.
 */
const TRIM_EVERY = 8;

/**
 * One append as queued for its group's transaction (see GroupCommit): what it writes, serialized when
 * `append` is called, as a transaction of its own took it.
 */
interface AppendWrite {
  /** The session's key in `held`. */
  id: string;
  key: KeyParams;
  contact: string;
  state: string;
  created: number;
  updated: number;
  count: number;
  max: number;
  exchanges: readonly SerializedExchange[];
}

interface SerializedExchange extends ExchangeGroup {
  text: string;
}

/** What an append wrote: the session row's new stamp and columns, and the exchange rows it inserted. */
interface AppendedRows {
  columns: SessionColumns;
  generation: number;
  version: number;
  next: number;
  first: number;
  rows: HeldRow[];
  /** The messages of each row, as the caller gave them. */
  messages: Message[][];
}

/** The row the upsert returns. */
interface UpsertedRow {
  contact_id: string;
  created_at: number;
  updated_at: number;
  next_seq: number;
  generation: number;
  version: number;
  kept_from: number;
}

interface KeyParams {
  tenant: string;
  session: string;
}

/**
 * Sessions in SQLite (better-sqlite3, WAL): table `agent_sessions` (contact, state, timestamps, the next
 * message number) and `agent_session_exchanges` (one row per exchange, a JSON array of its messages).
 * A load reads the session row and the rows of the window; an append upserts the session row (moving
 * its `kept_from` past the oldest rows beyond the cap) and inserts the run's exchange — one
 * transaction, older rows untouched until a batch deletes the dropped ones (see TRIM_EVERY).
 */
export class SqliteSessionStore implements SessionStore {
  private readonly db: Database.Database;
  private readonly statements;
  /** Appends of one event-loop turn share one commit; `held` follows each, in order, once committed. */
  private readonly appends: GroupCommit<AppendWrite, AppendedRows>;
  private readonly retentionMs: number;
  /** Per session: the window rows this process holds, see held-window.ts. */
  private readonly held: HeldWindows;
  private readonly pruneTimer: NodeJS.Timeout | undefined;

  constructor(options: SqliteSessionStoreOptions) {
    this.db = openSqliteStore(options.path, MIGRATIONS);
    this.held = new HeldWindows(options.heldWindowChars ?? HELD_WINDOW_CHARS);
    const db = this.db;
    this.statements = {
      // The session row with its window, one result row per exchange row: the rows from the first
      // exchange start at or after message `next_seq - window` and `kept_from` (one row with NULL
      // messages when none).
      load: db
        .prepare<[KeyParams & { window: number }], unknown[]>(
          `SELECT s.contact_id, s.state, s.created_at, s.updated_at, e.messages,
                  s.next_seq, s.generation, s.version, e.seq, e.starts_exchange
           FROM agent_sessions AS s LEFT JOIN agent_session_exchanges AS e
             ON e.tenant_id = s.tenant_id AND e.session_id = s.session_id AND e.seq >= (
               SELECT x.seq FROM agent_session_exchanges AS x
               WHERE x.tenant_id = s.tenant_id AND x.session_id = s.session_id AND x.starts_exchange = 1
                 AND x.seq >= MAX(s.next_seq - @window, s.kept_from)
               ORDER BY x.seq LIMIT 1)
           WHERE s.tenant_id = @tenant AND s.session_id = @session
           ORDER BY e.seq`,
        )
        .raw(),
      // The session row alone, with its stamp: a load that holds the rows of its window reads only this.
      stamp: db
        .prepare<[KeyParams], unknown[]>(
          `SELECT contact_id, state, created_at, updated_at, next_seq, generation, version
           FROM agent_sessions WHERE tenant_id = @tenant AND session_id = @session`,
        )
        .raw(),
      // Past the cap (`max` messages), the cut moves `kept_from` to the first exchange start at or after
      // message `next_seq - max` (of the rows still kept), but never into the append's own messages (from
      // the old `next_seq` on, not inserted yet: without such a start, every older row goes). A new
      // session keeps everything, as a cut never drops an append's own messages.
      upsert: db.prepare<
        [KeyParams & { contact: string; state: string; created: number; updated: number; count: number; max: number }],
        UpsertedRow
      >(
        `INSERT INTO agent_sessions (tenant_id, contact_id, session_id, state, created_at, updated_at, next_seq,
                                     generation, version, kept_from)
         VALUES (@tenant, @contact, @session, @state, @created, @updated, @count, random() >> 11, 0, 0)
         ON CONFLICT (tenant_id, session_id) DO UPDATE SET
           contact_id = excluded.contact_id, state = excluded.state, updated_at = excluded.updated_at,
           next_seq = agent_sessions.next_seq + excluded.next_seq, version = agent_sessions.version + 1,
           kept_from = CASE WHEN agent_sessions.next_seq + excluded.next_seq > @max
             THEN MIN(agent_sessions.next_seq, COALESCE((
               SELECT x.seq FROM agent_session_exchanges AS x
               WHERE x.tenant_id = @tenant AND x.session_id = @session AND x.starts_exchange = 1
                 AND x.seq >= MAX(agent_sessions.next_seq + excluded.next_seq - @max, agent_sessions.kept_from)
               ORDER BY x.seq LIMIT 1), agent_sessions.next_seq))
             ELSE agent_sessions.kept_from END
         RETURNING contact_id, created_at, updated_at, next_seq, generation, version, kept_from`,
      ),
      insertExchange: db.prepare<[KeyParams & { seq: number; count: number; starts: number; messages: string }]>(
        `INSERT INTO agent_session_exchanges (tenant_id, session_id, seq, message_count, starts_exchange, messages)
         VALUES (@tenant, @session, @seq, @count, @starts, @messages)`,
      ),
      // The rows the cuts dropped (see TRIM_EVERY).
      trim: db.prepare<[KeyParams & { kept: number }]>(
        'DELETE FROM agent_session_exchanges WHERE tenant_id = @tenant AND session_id = @session AND seq < @kept',
      ),
      deleteOne: db.prepare<[KeyParams]>(
        'DELETE FROM agent_sessions WHERE tenant_id = @tenant AND session_id = @session',
      ),
      deleteExchanges: db.prepare<[KeyParams]>(
        'DELETE FROM agent_session_exchanges WHERE tenant_id = @tenant AND session_id = @session',
      ),
      listByTenant: db.prepare<[string], unknown>(
        'SELECT tenant_id, contact_id, session_id FROM agent_sessions WHERE tenant_id = ? ORDER BY updated_at DESC',
      ),
      listByContact: db.prepare<[string, string], unknown>(
        `SELECT tenant_id, contact_id, session_id FROM agent_sessions
         WHERE tenant_id = ? AND contact_id = ? ORDER BY updated_at DESC`,
      ),
      // On the agent_sessions_updated index.
      listUpdatedSince: db.prepare<[number, number], unknown>(
        `SELECT tenant_id, contact_id, session_id, updated_at FROM agent_sessions
         WHERE updated_at >= ? ORDER BY updated_at DESC LIMIT ?`,
      ),
      pruneExchanges: db.prepare<[number]>(
        `DELETE FROM agent_session_exchanges WHERE (tenant_id, session_id) IN (
           SELECT tenant_id, session_id FROM agent_sessions WHERE updated_at < ?)`,
      ),
      pruneSessions: db.prepare<[number]>('DELETE FROM agent_sessions WHERE updated_at < ?'),
      // Changes when another connection commits (never for this one's own writes).
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    };
    const s = this.statements;
    const write = ({ key, contact, state, created, updated, count, max, exchanges }: AppendWrite): AppendedRows => {
      const row = s.upsert.get({ ...key, contact, state, created, updated, count, max });
      const next = row?.next_seq ?? count;
      const first = next - count;
      const rows: HeldRow[] = [];
      const appendedMessages: Message[][] = [];
      for (const exchange of exchanges) {
        const seq = first + exchange.offset;
        s.insertExchange.run({
          ...key,
          seq,
          count: exchange.messages.length,
          starts: exchange.startsExchange ? 1 : 0,
          messages: exchange.text,
        });
        rows.push({
          seq,
          startsExchange: exchange.startsExchange,
          chars: exchange.text.length,
          text: exchange.text,
          messages: undefined,
        });
        appendedMessages.push(exchange.messages);
      }
      if (row !== undefined && row.kept_from > 0 && row.version % TRIM_EVERY === 0) {
        s.trim.run({ ...key, kept: row.kept_from });
      }
      return {
        // The state as bound: SQLite gives back the text it was given (JSON.stringify writes well-formed UTF-16).
        columns: [row?.contact_id, state, row?.created_at, row?.updated_at],
        generation: row?.generation ?? 0,
        version: row?.version ?? 0,
        next,
        first,
        rows,
        messages: appendedMessages,
      };
    };
    this.appends = new GroupCommit(db, write, {
      committed: (request, appended) => this.mirrorAppend(request, appended),
      // Whatever is stored, the next load reads it.
      failed: (request) => this.held.delete(request.id),
    });
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    if (Number.isFinite(this.retentionMs)) {
      this.pruneNow();
      this.pruneTimer = setInterval(() => this.pruneNow(), PRUNE_EVERY_MS);
      this.pruneTimer.unref();
    }
  }

  async load(key: SessionKey, options: LoadSessionOptions = {}): Promise<Session | undefined> {
    const window = sqlBound(options.historyWindow);
    const id = heldId(key);
    const held = this.held.get(id);
    // Read before any row, so a commit of another connection after it shows in the next load's.
    const dataVersion = this.statements.dataVersion.get() as number;
    if (held !== undefined) {
      if (held.dataVersion !== dataVersion) {
        // Another connection wrote since: the session row alone tells whether it wrote this session.
        const row = this.statements.stamp.get({ tenant: key.tenantId, session: key.sessionId });
        if (row === undefined) {
          this.held.delete(id);
          return undefined;
        }
        if (row[5] === held.generation && row[6] === held.version && row[4] === held.nextSeq) {
          held.columns = [row[0], row[1], row[2], row[3]];
          held.dataVersion = dataVersion;
        }
      }
      // When its stamp is the one held, so are its columns and the rows of the window.
      const rows = held.dataVersion === dataVersion ? heldWindowRows(held, window) : undefined;
      if (rows !== undefined) {
        // The largest window asked is kept, so loads of different windows do not undo each other.
        held.window = Math.max(held.window, window);
        this.held.touch(id, held);
        return parseStored(key, () => this.session(key, held.columns, heldHistory(rows), options));
      }
    }
    return this.loadRows(key, window, options, dataVersion);
  }

  /** The load that reads the window's rows (reusing held rows of the same generation and number). */
  private loadRows(
    key: SessionKey,
    window: number,
    options: LoadSessionOptions,
    dataVersion: number,
  ): Session | undefined {
    const rows = this.statements.load.all({ tenant: key.tenantId, session: key.sessionId, window });
    const first = rows[0];
    const id = heldId(key);
    if (first === undefined) {
      this.held.delete(id);
      return undefined;
    }
    return parseStored(key, () => this.session(key, first, this.windowHistory(id, window, rows, dataVersion), options));
  }

  private session(key: SessionKey, raw: readonly unknown[], history: Message[], options: LoadSessionOptions): Session {
    const row = loadedRow({
      contact_id: raw[0],
      state: raw[1],
      created_at: raw[2],
      updated_at: raw[3],
      history: null,
    });
    const session: Session = {
      tenantId: key.tenantId,
      contactId: row.contact_id,
      sessionId: key.sessionId,
      state: storedState(JSON.parse(row.state)),
      history,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    if (options.historyWindow !== undefined) session.historyLimit = options.historyWindow;
    return session;
  }

  /**
   * The window's messages from the rows the load read, which this process then holds (see
   * held-window.ts). A row is written once and never changed, and a session reloaded after another
   * writer's append reads mostly rows it held: a row held with the same number, of the same generation
   * (a session deleted and written again gets another), is the row read and keeps its messages.
   * Messages are never mutated once in a history (see in-memory-session-store.ts), so loads may share them.
   */
  private windowHistory(id: string, window: number, rows: readonly unknown[][], dataVersion: number): Message[] {
    const first = rows[0] as unknown[];
    const previous = this.held.get(id);
    const known = previous !== undefined && previous.generation === first[6] ? previous.rows : [];
    const held: HeldWindow = {
      nextSeq: first[5] as number,
      generation: first[6] as number,
      version: first[7] as number,
      coveredFrom: (first[5] as number) - window,
      rows: [],
      window,
      columns: [first[0], first[1], first[2], first[3]],
      dataVersion,
    };
    let k = 0;
    for (const row of rows) {
      const text = row[4];
      if (text === null && rows.length === 1) break;
      if (typeof text !== 'string') throw new TypeError('stored exchange row has no messages');
      const seq = row[8] as number;
      while (k < known.length && (known[k] as HeldRow).seq < seq) k++;
      const candidate = known[k];
      let messages = candidate?.seq === seq ? candidate.messages : undefined;
      if (messages === undefined) {
        const parsed: unknown = JSON.parse(text);
        if (!Array.isArray(parsed)) {
          // Not an array of messages: read all rows as a load always has (see flattenRows); hold nothing.
          this.held.delete(id);
          return storedHistory(flattenRows(rows.map((r) => JSON.parse(r[4] as string))));
        }
        messages = storedHistory(parsed);
      }
      held.rows.push({ seq, startsExchange: row[9] === 1, chars: text.length, text: undefined, messages });
    }
    this.held.touch(id, held);
    return heldHistory(held.rows);
  }

  /** Resolves once the append is committed, with the appends of the same event-loop turn (see GroupCommit). */
  async append(session: SessionRecord, messages: readonly Message[], options: AppendSessionOptions = {}) {
    const id = heldId(session);
    let request: AppendWrite;
    try {
      request = {
        id,
        key: { tenant: session.tenantId, session: session.sessionId },
        contact: session.contactId,
        state: persistentStateJson(session.state),
        created: session.createdAt,
        updated: session.updatedAt,
        count: messages.length,
        max: sqlBound(options.maxMessages ?? DEFAULT_MAX_STORED_MESSAGES),
        exchanges: splitExchanges(messages).map((group) => ({ ...group, text: JSON.stringify(group.messages) })),
      };
    } catch (error) {
      this.held.delete(id);
      throw error;
    }
    await this.appends.submit(request);
  }

  /**
   * Mirrors a committed append onto what this process holds, which stays valid when this append was the
   * only write since (the version says so; two appends of one group follow each other, in order): the
   * next load then reads the session row alone. Otherwise that load reads the rows.
   */
  private mirrorAppend({ id, max }: AppendWrite, appended: AppendedRows): void {
    const held = this.held.get(id);
    if (held === undefined) return;
    const mirrored =
      held.generation === appended.generation &&
      held.version === appended.version - 1 &&
      held.nextSeq === appended.first &&
      appendHeld(held, { version: appended.version, nextSeq: appended.next }, appended.rows, appended.first, max);
    if (!mirrored) {
      this.held.delete(id);
      return;
    }
    // Its data version stays: valid before the append, and the append is this connection's own.
    held.columns = appended.columns;
    // Counted again with the rows it gained and let go.
    this.held.touch(id, held);
    // The run's own messages, when a load would give back the same from the text: the next load neither
    // parses the text nor copies the messages (they are the store's once appended, see SessionStore).
    appended.rows.forEach((row, i) => {
      const messages = appended.messages[i] as Message[];
      if (loadsAsItself(messages)) {
        row.messages = messages;
        row.text = undefined;
      }
    });
  }

  async delete(key: SessionKey): Promise<void> {
    const params = { tenant: key.tenantId, session: key.sessionId };
    // Appends called before the delete are written before it.
    this.appends.flush();
    this.held.delete(heldId(key));
    this.db.transaction(() => {
      this.statements.deleteExchanges.run(params);
      this.statements.deleteOne.run(params);
    })();
  }

  async list(tenantId: string, contactId?: string): Promise<SessionKey[]> {
    const s = this.statements;
    const rows = contactId === undefined ? s.listByTenant.all(tenantId) : s.listByContact.all(tenantId, contactId);
    return rows.map(sessionKeyOf);
  }

  async listUpdatedSince(since: number, limit: number): Promise<SessionActivity[]> {
    return this.statements.listUpdatedSince.all(since, sqlBound(limit)).map(sessionActivityOf);
  }

  async prune(now = Date.now()): Promise<number> {
    return this.pruneNow(now);
  }

  close(): void {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    if (!this.db.open) return;
    // Appends still queued for this turn are written, not lost with the connection.
    this.appends.flush();
    this.db.close();
  }

  /** Deletes sessions (and their messages) not updated within the retention window; returns how many. */
  private pruneNow(now = Date.now()): number {
    if (!Number.isFinite(this.retentionMs) || !this.db.open) return 0;
    const before = now - this.retentionMs;
    // Appends called before the prune are written before it (each decides on its own `updatedAt`).
    this.appends.flush();
    const pruned = this.db.transaction(() => {
      this.statements.pruneExchanges.run(before);
      return this.statements.pruneSessions.run(before).changes;
    })();
    // This connection's own deletes leave the data version as it was: let go of what may be gone.
    if (pruned > 0) this.held.clear();
    return pruned;
  }
}

function heldId(key: { tenantId: string; sessionId: string }): string {
  return `${key.tenantId}\u0000${key.sessionId}`;
}

/** The messages of a held row, parsed (and checked) on first use; its text is let go then. */
function rowMessages(row: HeldRow): Message[] {
  let messages = row.messages;
  if (messages === undefined) {
    messages = storedHistory(JSON.parse(row.text as string));
    row.messages = messages;
    row.text = undefined;
  }
  return messages;
}

/** The messages of held rows, oldest first, parsing (and checking) each row on first use. */
function heldHistory(rows: readonly HeldRow[]): Message[] {
  const history: Message[] = [];
  for (const row of rows) {
    for (const message of rowMessages(row)) history.push(message);
  }
  return history;
}
