import type Database from 'better-sqlite3';
import { z } from 'zod';
import { openSqliteStore } from '../../shared/index.js';
import { AgentError } from '../errors.js';
import type { Message } from '../model/index.js';
import { persistentState, type Session, type SessionKey } from './session.js';
import type { SessionStore } from './session-store.js';

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
];

const RowSchema = z.object({
  tenant_id: z.string(),
  contact_id: z.string(),
  session_id: z.string(),
  state: z.string(),
  history: z.string(),
  created_at: z.number(),
  updated_at: z.number(),
});

const KeyRowSchema = RowSchema.pick({ tenant_id: true, contact_id: true, session_id: true });

const StoredStateSchema = z.record(z.string(), z.unknown());
// History is written only by this store from typed Messages; a shallow check catches corruption.
const StoredHistorySchema = z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.array(z.unknown()) }));

export interface SqliteSessionStoreOptions {
  /** Database file (created with its folder when missing), or `:memory:`. */
  path: string;
  /**
   * Sessions untouched for this long are deleted (on open, then hourly), so one-off conversations do
   * not pile up forever. Default 30 days; `Infinity` keeps everything.
   */
  retentionMs?: number;
}

const DEFAULT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Sessions in SQLite (better-sqlite3, WAL), table `agent_sessions`. Statements are prepared once.
 * Calls are synchronous under the hood; the Runner saves once per run, never inside the tool loop.
 */
export class SqliteSessionStore implements SessionStore {
  private readonly db: Database.Database;
  private readonly selectOne: Database.Statement<[string, string]>;
  private readonly upsert: Database.Statement<[string, string, string, string, string, number, number]>;
  private readonly deleteOne: Database.Statement<[string, string]>;
  private readonly listByTenant: Database.Statement<[string]>;
  private readonly listByContact: Database.Statement<[string, string]>;
  private readonly deleteOlder: Database.Statement<[number]>;
  private readonly retentionMs: number;
  private readonly pruneTimer: NodeJS.Timeout | undefined;

  constructor(options: SqliteSessionStoreOptions) {
    this.db = openSqliteStore(options.path, MIGRATIONS);
    this.selectOne = this.db.prepare('SELECT * FROM agent_sessions WHERE tenant_id = ? AND session_id = ?');
    this.upsert = this.db.prepare(
      `INSERT INTO agent_sessions (tenant_id, contact_id, session_id, state, history, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, session_id) DO UPDATE SET
         contact_id = excluded.contact_id, state = excluded.state, history = excluded.history,
         updated_at = excluded.updated_at`,
    );
    this.deleteOne = this.db.prepare('DELETE FROM agent_sessions WHERE tenant_id = ? AND session_id = ?');
    this.listByTenant = this.db.prepare(
      'SELECT tenant_id, contact_id, session_id FROM agent_sessions WHERE tenant_id = ? ORDER BY updated_at DESC',
    );
    this.listByContact = this.db.prepare(
      `SELECT tenant_id, contact_id, session_id FROM agent_sessions
       WHERE tenant_id = ? AND contact_id = ? ORDER BY updated_at DESC`,
    );
    this.deleteOlder = this.db.prepare('DELETE FROM agent_sessions WHERE updated_at < ?');
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    if (Number.isFinite(this.retentionMs)) {
      this.prune();
      this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS);
      this.pruneTimer.unref();
    }
  }

  /** Deletes sessions not updated within the retention window; returns how many. */
  prune(now = Date.now()): number {
    if (!Number.isFinite(this.retentionMs)) return 0;
    return this.deleteOlder.run(now - this.retentionMs).changes;
  }

  async load(key: SessionKey): Promise<Session | undefined> {
    const raw = this.selectOne.get(key.tenantId, key.sessionId);
    if (raw === undefined) return undefined;
    return toSession(RowSchema.parse(raw));
  }

  async save(session: Session): Promise<void> {
    this.upsert.run(
      session.tenantId,
      session.contactId,
      session.sessionId,
      JSON.stringify(persistentState(session.state)),
      JSON.stringify(session.history),
      session.createdAt,
      session.updatedAt,
    );
  }

  async delete(key: SessionKey): Promise<void> {
    this.deleteOne.run(key.tenantId, key.sessionId);
  }

  async list(tenantId: string, contactId?: string): Promise<SessionKey[]> {
    const rows =
      contactId === undefined ? this.listByTenant.all(tenantId) : this.listByContact.all(tenantId, contactId);
    return rows.map((raw) => {
      const row = KeyRowSchema.parse(raw);
      return { tenantId: row.tenant_id, contactId: row.contact_id, sessionId: row.session_id };
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toSession(row: z.infer<typeof RowSchema>): Session {
  try {
    return {
      tenantId: row.tenant_id,
      contactId: row.contact_id,
      sessionId: row.session_id,
      state: StoredStateSchema.parse(JSON.parse(row.state)),
      history: StoredHistorySchema.parse(JSON.parse(row.history)) as Message[],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  } catch (error) {
    throw new AgentError('session_corrupt', `stored session "${row.session_id}" cannot be read`, {
      cause: error,
      details: { tenantId: row.tenant_id, sessionId: row.session_id },
    });
  }
}
