export {
  type ApprovalDecisionRecord,
  type ApprovalRecord,
  type ApprovalStatus,
  ApprovalStatusSchema,
  type ApprovalStore,
} from './approval-store.js';
export { historyWindow, startsExchange } from './history-window.js';
export { InMemorySessionStore, type InMemorySessionStoreOptions } from './in-memory-session-store.js';
export { openApprovalStore } from './open-approval-store.js';
export { openSessionStore } from './open-session-store.js';
export { PgApprovalStore } from './pg-approval-store.js';
export { PgSessionStore, type PgSessionStoreOptions } from './pg-session-store.js';
export {
  createSession,
  persistentState,
  type Session,
  type SessionKey,
  type SessionRecord,
  sessionKeyOf,
  TEMP_STATE_PREFIX,
} from './session.js';
export {
  type AppendSessionOptions,
  DEFAULT_MAX_STORED_MESSAGES,
  type LoadSessionOptions,
  type SessionActivity,
  type SessionStore,
} from './session-store.js';
export { SqliteApprovalStore } from './sqlite-approval-store.js';
export { SqliteSessionStore, type SqliteSessionStoreOptions } from './sqlite-session-store.js';
