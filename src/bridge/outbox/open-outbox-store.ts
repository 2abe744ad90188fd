import { join } from 'node:path';
import type { Env } from '../../shared/index.js';
import { isPostgresUrl } from '../../shared/index.js';
import type { OutboxStore } from './outbox-store.js';
import { PgOutboxStore } from './pg-outbox-store.js';
import { SqliteOutboxStore } from './sqlite-outbox-store.js';

/**
 * The inbox/outbox the environment asks for: PostgreSQL when `DATABASE_URL` is a `postgres://` URL
 * (several instances share it), else SQLite at `${VENTROS_DATA_DIR}/outbox.db`; new rows get
 * `max_retries` = VENTROS_OUTBOX_MAX_RETRIES (default 3).
 *
 * @example
 * const outbox = openOutboxStore(loadEnv());
 */
export function openOutboxStore(
  env: Pick<Env, 'DATABASE_URL' | 'VENTROS_DATA_DIR'> & Partial<Pick<Env, 'VENTROS_OUTBOX_MAX_RETRIES'>>,
): OutboxStore {
  // New rows' max_retries (default 3, the seed's).
  const retries = env.VENTROS_OUTBOX_MAX_RETRIES !== undefined ? { maxRetries: env.VENTROS_OUTBOX_MAX_RETRIES } : {};
  return isPostgresUrl(env.DATABASE_URL)
    ? new PgOutboxStore({ url: env.DATABASE_URL, ...retries })
    : new SqliteOutboxStore({ path: join(env.VENTROS_DATA_DIR, 'outbox.db'), ...retries });
}
