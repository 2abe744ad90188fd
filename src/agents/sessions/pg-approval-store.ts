import type pg from 'pg';
import { createPgPool, lazyMigration, logger, type PgPoolOptions, pgQuery } from '../../shared/index.js';
import type { ApprovalDecisionRecord, ApprovalRecord, ApprovalStatus, ApprovalStore } from './approval-store.js';
import { approvalOfRow, approvalParams } from './stored-approval.js';

/** Schema steps, recorded in `ventros_migrations` as component `approvals`. Append; never edit a shipped one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE agent_approvals (
     id                TEXT   PRIMARY KEY,
     tenant_id         TEXT   NOT NULL,
     contact_id        TEXT   NOT NULL,
     session_id        TEXT   NOT NULL,
     agent             TEXT   NOT NULL,
     entry_agent       TEXT   NOT NULL,
     tool              TEXT   NOT NULL,
     arguments         JSON   NOT NULL,
     reason            TEXT   NOT NULL,
     status            TEXT   NOT NULL,
     requested_at      BIGINT NOT NULL,
     expires_at        BIGINT NOT NULL,
     decided_at        BIGINT,
     decided_by        TEXT,
     note              TEXT,
     decided_arguments JSON,
     resumed_at        BIGINT,
     origin            JSON   NOT NULL,
     run               JSON   NOT NULL
   );
   CREATE INDEX agent_approvals_tenant ON agent_approvals (tenant_id, status, requested_at DESC);
   CREATE INDEX agent_approvals_expiry ON agent_approvals (status, expires_at);`,
];

const COLUMNS = `id, tenant_id, contact_id, session_id, agent, entry_agent, tool, arguments, reason, status,
  requested_at, expires_at, decided_at, decided_by, note, decided_arguments, resumed_at, origin, run`;

export interface PgApprovalStoreOptions {
  /** `postgres://…` (DATABASE_URL): the store opens its own small pool and ends it on close. */
  url?: string;
  /** A pool to share instead (not ended on close). */
  pool?: pg.Pool;
  poolOptions?: PgPoolOptions;
}

/**
 * Approvals in PostgreSQL (table `agent_approvals`, migrated on first use): several instances share
 * the queue; a decision is one conditional UPDATE, so exactly one decider wins across instances.
 */
export class PgApprovalStore implements ApprovalStore {
  private readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly ready: () => Promise<void>;
  private closed = false;

  constructor(options: PgApprovalStoreOptions) {
    const log = logger.child({ component: 'pg-approval-store' });
    this.ownsPool = !options.pool;
    this.pool = options.pool ?? createPgPool(options.url ?? '', { log, max: 4, ...options.poolOptions });
    this.ready = lazyMigration(this.pool, 'approvals', MIGRATIONS);
  }

  private async query(text: string, values: unknown[]): Promise<ApprovalRecord[]> {
    await this.ready();
    const { rows } = await pgQuery(this.pool, { text, values });
    return rows.map(approvalOfRow);
  }

  async create(r: ApprovalRecord): Promise<void> {
    const p = approvalParams(r);
    await this.query(
      `INSERT INTO agent_approvals (id, tenant_id, contact_id, session_id, agent, entry_agent, tool, arguments,
         reason, status, requested_at, expires_at, origin, run)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9, $10, $11, $12, $13::json, $14::json)`,
      [
        p.id,
        p.tenant,
        p.contact,
        p.session,
        p.agent,
        p.entry,
        p.tool,
        p.args,
        p.reason,
        p.status,
        p.requested,
        p.expires,
        p.origin,
        p.run,
      ],
    );
  }

  async get(tenantId: string, id: string): Promise<ApprovalRecord | undefined> {
    const rows = await this.query(`SELECT ${COLUMNS} FROM agent_approvals WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
    ]);
    return rows[0];
  }

  list(tenantId: string, options: { status?: ApprovalStatus; limit?: number } = {}): Promise<ApprovalRecord[]> {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
    return this.query(
      `SELECT ${COLUMNS} FROM agent_approvals WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2)
       ORDER BY requested_at DESC LIMIT $3`,
      [tenantId, options.status ?? null, limit],
    );
  }

  async decide(tenantId: string, id: string, d: ApprovalDecisionRecord): Promise<ApprovalRecord | undefined> {
    const rows = await this.query(
      `UPDATE agent_approvals SET status = $3, decided_at = $4, decided_by = $5, note = $6, decided_arguments = $7::json
       WHERE tenant_id = $1 AND id = $2 AND status = 'pending' RETURNING ${COLUMNS}`,
      [
        tenantId,
        id,
        d.status,
        d.decidedAt,
        d.decidedBy ?? null,
        d.note ?? null,
        d.decidedArguments ? JSON.stringify(d.decidedArguments) : null,
      ],
    );
    return rows[0];
  }

  expired(now: number, limit: number): Promise<ApprovalRecord[]> {
    return this.query(
      `SELECT ${COLUMNS} FROM agent_approvals WHERE status = 'pending' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`,
      [now, limit],
    );
  }

  unresumed(limit: number): Promise<ApprovalRecord[]> {
    return this.query(
      `SELECT ${COLUMNS} FROM agent_approvals WHERE status <> 'pending' AND resumed_at IS NULL ORDER BY decided_at LIMIT $1`,
      [limit],
    );
  }

  async markResumed(tenantId: string, id: string, at: number): Promise<void> {
    await this.ready();
    await pgQuery(this.pool, {
      text: 'UPDATE agent_approvals SET resumed_at = $3 WHERE tenant_id = $1 AND id = $2',
      values: [tenantId, id, at],
    });
  }

  async pendingCounts(): Promise<Map<string, number>> {
    await this.ready();
    const { rows } = await pgQuery<{ tenant_id: string; n: string }>(this.pool, {
      text: "SELECT tenant_id, count(*) AS n FROM agent_approvals WHERE status = 'pending' GROUP BY tenant_id",
    });
    return new Map(rows.map((r) => [r.tenant_id, Number(r.n)]));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }
}
