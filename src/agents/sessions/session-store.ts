import type { Session, SessionKey } from './session.js';

/**
 * Where sessions live between runs. The Runner loads one at the start of a run and saves it once at
 * the end, so implementations may be slow-ish (SQLite, PostgreSQL, the Go memory service).
 * `save` must drop `temp:` state keys (see `persistentState`).
 */
export interface SessionStore {
  /** The session, or `undefined` when none exists for this tenant and session id. */
  load(key: SessionKey): Promise<Session | undefined>;
  /** Inserts or replaces the session. */
  save(session: Session): Promise<void>;
  delete(key: SessionKey): Promise<void>;
  /** Keys of the tenant's sessions (of one contact when given), most recently updated first. */
  list(tenantId: string, contactId?: string): Promise<SessionKey[]>;
  close?(): void;
}
