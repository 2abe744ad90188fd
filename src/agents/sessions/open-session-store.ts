import { join } from 'node:path';
import type { Env } from '../../shared/index.js';
import { isPostgresUrl } from '../../shared/index.js';
import { PgSessionStore } from './pg-session-store.js';
import type { SessionStore } from './session-store.js';
import { SqliteSessionStore } from './sqlite-session-store.js';

/**
 * The session store the environment asks for: PostgreSQL when `DATABASE_URL` is a `postgres://` URL
 * (several instances share it), else SQLite at `${VENTROS_DATA_DIR}/sessions.db`.
 *
 * @example
 * const sessions = openSessionStore(loadEnv());
 */
export function openSessionStore(env: Pick<Env, 'DATABASE_URL' | 'VENTROS_DATA_DIR'>): SessionStore {
  return isPostgresUrl(env.DATABASE_URL)
    ? new PgSessionStore({ url: env.DATABASE_URL })
    : new SqliteSessionStore({ path: join(env.VENTROS_DATA_DIR, 'sessions.db') });
}
