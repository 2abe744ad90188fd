import { join } from 'node:path';
import type { Env } from '../../shared/index.js';
import { isPostgresUrl } from '../../shared/index.js';
import type { OutboxStore } from './outbox-store.js';
import { PgOutboxStore } from './pg-outbox-store.js';
import { SqliteOutboxStore } from './sqlite-outbox-store.js';

/**
 * The inbox/outbox the environment asks for: PostgreSQL when `DATABASE_URL` is a `postgres://` URL
 * (several instances share it), else SQLite at `${VENTROS_DATA_DIR}/outbox.db`.
 *
 * @example
 * const outbox = openOutboxStore(loadEnv());
 */
export function openOutboxStore(env: Pick<Env, 'DATABASE_URL' | 'VENTROS_DATA_DIR'>): OutboxStore {
  return isPostgresUrl(env.DATABASE_URL)
    ? new PgOutboxStore({ url: env.DATABASE_URL })
    : new SqliteOutboxStore({ path: join(env.VENTROS_DATA_DIR, 'outbox.db') });
}
