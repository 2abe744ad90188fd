import type { Message } from '../model/index.js';

/** Identifies one conversation. Every lookup carries the tenant: nothing reads across tenants. */
export interface SessionKey {
  tenantId: string;
  contactId: string;
  sessionId: string;
}

/** What a store writes besides the history: the key, the state and the timestamps. */
export interface SessionRecord extends SessionKey {
  /** ADK-style state; keys prefixed `temp:` live for one run only and are never persisted. */
  state: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** What persists across the messages of one conversation. */
export interface Session extends SessionRecord {
  /**
   * Provider-neutral messages: user, assistant (text, tool_use) and user tool_result turns. After a
   * windowed load, only the last messages of the stored history (see `historyLimit`).
   */
  history: Message[];
  /**
   * Set when `history` was loaded as a window: it holds at most this many of the last stored messages,
   * starting at an exchange. Absent: the whole stored history.
   */
  historyLimit?: number;
}

/** Prefix of state keys that are not persisted (scratch values of one run). */
export const TEMP_STATE_PREFIX = 'temp:';

/** A new, empty session. */
export function createSession(key: SessionKey, now = Date.now()): Session {
  return {
    tenantId: key.tenantId,
    contactId: key.contactId,
    sessionId: key.sessionId,
    state: {},
    history: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** The state without `temp:` keys: what a store writes. */
export function persistentState(state: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(state)) {
    if (!key.startsWith(TEMP_STATE_PREFIX)) out[key] = state[key];
  }
  return out;
}

/**
 * `JSON.stringify(persistentState(state))` without the copy when no key is a `temp:` one (most
 * states): the same text, as the copy has the same keys in the same order.
 */
export function persistentStateJson(state: Readonly<Record<string, unknown>>): string {
  for (const key of Object.keys(state)) {
    if (key.startsWith(TEMP_STATE_PREFIX)) return JSON.stringify(persistentState(state));
  }
  return JSON.stringify(state);
}

/** The key part of a session (a fresh object, safe to hand out). */
export function sessionKeyOf(key: SessionKey): SessionKey {
  return { tenantId: key.tenantId, contactId: key.contactId, sessionId: key.sessionId };
}
