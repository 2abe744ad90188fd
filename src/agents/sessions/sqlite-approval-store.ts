import type Database from 'better-sqlite3';
import { openSqliteStore } from '../../shared/index.js';
import type { ApprovalDecisionRecord, ApprovalRecord, ApprovalStatus, ApprovalStore } from './approval-store.js';
import { approvalOfRow, approvalParams } from './stored-approval.js';

/** Schema steps (`PRAGMA user_version`). Append; never edit a shipped one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE agent_approvals (
     id                TEXT    PRIMARY KEY,
     tenant_id         TEXT    NOT NULL,
     contact_id        TEXT    NOT NULL,
     session_id        TEXT    NOT NULL,
     agent             TEXT    NOT NULL,
     entry_agent       TEXT    NOT NULL,
     tool              TEXT    NOT NULL,
     arguments         TEXT    NOT NULL,
     reason            TEXT    NOT NULL,
     status            TEXT    NOT NULL,
     requested_at      INTEGER NOT NULL,
     expires_at        INTEGER NOT NULL,
     decided_at        INTEGER,
     decided_by        TEXT,
     note              TEXT,
     decided_arguments TEXT,
     resumed_at        INTEGER,
     origin            TEXT    NOT NULL,
     run               TEXT    NOT NULL
   );
   CREATE INDEX agent_approvals_tenant ON agent_approvals (tenant_id, status, requested_at DESC);
   CREATE INDEX agent_approvals_expiry ON agent_approvals (status, expires_at);`,
];

/**
 * Approvals in SQLite (`approvals.db` next to `sessions.db`): one row per gated call, its paused run as
 * JSON. A decision is one conditional UPDATE (`WHERE status = 'pending'`), so only one decider wins.
 */
export class SqliteApprovalStore implements ApprovalStore {
  private readonly db: Database.Database;

  constructor(options: { path: string }) {
    this.db = openSqliteStore(options.path, MIGRATIONS);
  }

  async create(record: ApprovalRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO agent_approvals (id, tenant_id, contact_id, session_id, agent, entry_agent, tool, arguments,
           reason, status, requested_at, expires_at, origin, run)
         VALUES (@id, @tenant, @contact, @session, @agent, @entry, @tool, @args, @reason, @status, @requested,
           @expires, @origin, @run)`,
      )
      .run(approvalParams(record));
  }

  async get(tenantId: string, id: string): Promise<ApprovalRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM agent_approvals WHERE tenant_id = ? AND id = ?').get(tenantId, id);
    return row === undefined ? undefined : approvalOfRow(row);
  }

  async list(tenantId: string, options: { status?: ApprovalStatus; limit?: number } = {}): Promise<ApprovalRecord[]> {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
    const rows = options.status
      ? this.db
          .prepare(
            'SELECT * FROM agent_approvals WHERE tenant_id = ? AND status = ? ORDER BY requested_at DESC LIMIT ?',
          )
          .all(tenantId, options.status, limit)
      : this.db
          .prepare('SELECT * FROM agent_approvals WHERE tenant_id = ? ORDER BY requested_at DESC LIMIT ?')
          .all(tenantId, limit);
    return rows.map(approvalOfRow);
  }

  async decide(tenantId: string, id: string, d: ApprovalDecisionRecord): Promise<ApprovalRecord | undefined> {
    const row = this.db
      .prepare(
        `UPDATE agent_approvals SET status = @status, decided_at = @at, decided_by = @by, note = @note,
           decided_arguments = @args
         WHERE tenant_id = @tenant AND id = @id AND status = 'pending' RETURNING *`,
      )
      .get({
        tenant: tenantId,
        id,
        status: d.status,
        at: d.decidedAt,
        by: d.decidedBy ?? null,
        note: d.note ?? null,
        args: d.decidedArguments ? JSON.stringify(d.decidedArguments) : null,
      });
    return row === undefined ? undefined : approvalOfRow(row);
  }

  async expired(now: number, limit: number): Promise<ApprovalRecord[]> {
    return this.db
      .prepare("SELECT * FROM agent_approvals WHERE status = 'pending' AND expires_at <= ? ORDER BY expires_at LIMIT ?")
      .all(now, limit)
      .map(approvalOfRow);
  }

  async unresumed(limit: number): Promise<ApprovalRecord[]> {
    return this.db
      .prepare(
        "SELECT * FROM agent_approvals WHERE status <> 'pending' AND resumed_at IS NULL ORDER BY decided_at LIMIT ?",
      )
      .all(limit)
      .map(approvalOfRow);
  }

  async markResumed(tenantId: string, id: string, at: number): Promise<void> {
    this.db.prepare('UPDATE agent_approvals SET resumed_at = ? WHERE tenant_id = ? AND id = ?').run(at, tenantId, id);
  }

  async pendingCounts(): Promise<Map<string, number>> {
    const rows = this.db
      .prepare("SELECT tenant_id, count(*) AS n FROM agent_approvals WHERE status = 'pending' GROUP BY tenant_id")
      .all() as Array<{ tenant_id: string; n: number }>;
    return new Map(rows.map((r) => [r.tenant_id, r.n]));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
