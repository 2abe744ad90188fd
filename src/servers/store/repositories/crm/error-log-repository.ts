import type { Database } from 'better-sqlite3';
import { limitStatements } from '../limit-statements.js';
import { newId, type TenantGenerations } from './tenant-generations.js';

export type ErrorLevel = 'warning' | 'error' | 'critical';

export interface ErrorLogRow {
  id: string;
  contact_id: string;
  component: string;
  level: ErrorLevel;
  code: string;
  message: string;
  occurred_at: string;
}

/** What a search of one contact's error log may narrow by. */
export interface ErrorLogQuery {
  since: string;
  component?: string | undefined;
  minLevel?: ErrorLevel | undefined;
  limit: number;
}

const LEVELS: readonly ErrorLevel[] = ['warning', 'error', 'critical'];

/** Errors the platform logged for each customer's account (read by technical support). */
export function createErrorLogRepository(db: Database, generations: TenantGenerations) {
  const insertStmt = db.prepare(`INSERT INTO error_logs (tenant_id, id, contact_id, component, level, code, message,
      occurred_at)
    VALUES (@tenant_id, @id, @contact_id, @component, @level, @code, @message, @occurred_at)`);
  // Levels are compared through their rank; the component filter is optional (NULL matches all).
  const byContactSql = (limit: string) => `SELECT id, contact_id, component, level, code, message, occurred_at
    FROM error_logs
    WHERE tenant_id = @tenant_id AND contact_id = @contact_id AND occurred_at >= @since
      AND (@component IS NULL OR component = @component)
      AND (CASE level WHEN 'warning' THEN 0 WHEN 'error' THEN 1 ELSE 2 END) >= @min_rank
    ORDER BY occurred_at DESC LIMIT ${limit}`;
  const byContact = limitStatements((limit) => db.prepare(byContactSql(limit)), '@limit');
  return {
    create(tenantId: string, log: Omit<ErrorLogRow, 'id' | 'occurred_at'> & Partial<ErrorLogRow>): ErrorLogRow {
      const row: ErrorLogRow = {
        ...log,
        id: log.id ?? newId('err'),
        occurred_at: log.occurred_at ?? new Date().toISOString(),
      };
      insertStmt.run({ tenant_id: tenantId, ...row });
      generations.bump(tenantId);
      return row;
    },
    listByContact(tenantId: string, contactId: string, query: ErrorLogQuery): ErrorLogRow[] {
      // A limit written into the statement leaves the `limit` parameter unused (ignored).
      return byContact(query.limit).statement.all({
        tenant_id: tenantId,
        contact_id: contactId,
        since: query.since,
        component: query.component ?? null,
        min_rank: LEVELS.indexOf(query.minLevel ?? 'warning'),
        limit: query.limit,
      }) as ErrorLogRow[];
    },
  };
}
export type ErrorLogRepository = ReturnType<typeof createErrorLogRepository>;
