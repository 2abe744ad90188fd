export { InMemorySessionStore } from './in-memory-session-store.js';
export {
  createSession,
  persistentState,
  type Session,
  type SessionKey,
  sessionKeyOf,
  TEMP_STATE_PREFIX,
} from './session.js';
export type { SessionStore } from './session-store.js';
export { SqliteSessionStore, type SqliteSessionStoreOptions } from './sqlite-session-store.js';
