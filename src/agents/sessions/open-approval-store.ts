import { join } from 'node:path';
import type { Env } from '../../shared/index.js';
import { isPostgresUrl } from '../../shared/index.js';
import type { ApprovalStore } from './approval-store.js';
import { PgApprovalStore } from './pg-approval-store.js';
import { SqliteApprovalStore } from './sqlite-approval-store.js';

/**
 * The approval store the environment asks for: PostgreSQL when `DATABASE_URL` is a `postgres://` URL,
 * else SQLite at `${VENTROS_DATA_DIR}/approvals.db` (next to `sessions.db`).
 */
export function openApprovalStore(env: Pick<Env, 'DATABASE_URL' | 'VENTROS_DATA_DIR'>): ApprovalStore {
  return isPostgresUrl(env.DATABASE_URL)
    ? new PgApprovalStore({ url: env.DATABASE_URL })
    : new SqliteApprovalStore({ path: join(env.VENTROS_DATA_DIR, 'approvals.db') });
}
