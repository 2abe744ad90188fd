import { persistentState, type Session, type SessionKey, sessionKeyOf } from './session.js';
import type { SessionStore } from './session-store.js';

/**
 * Sessions in a Map, for tests and single-process demos. It stores copies, so a caller that keeps
 * mutating a session after `save` does not change what was saved (the same contract as a database).
 */
export class InMemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Session>();

  async load(key: SessionKey): Promise<Session | undefined> {
    const stored = this.sessions.get(mapKey(key));
    return stored ? copy(stored) : undefined;
  }

  async save(session: Session): Promise<void> {
    this.sessions.set(mapKey(session), copy({ ...session, state: persistentState(session.state) }));
  }

  async delete(key: SessionKey): Promise<void> {
    this.sessions.delete(mapKey(key));
  }

  async list(tenantId: string, contactId?: string): Promise<SessionKey[]> {
    return [...this.sessions.values()]
      .filter((s) => s.tenantId === tenantId && (contactId === undefined || s.contactId === contactId))
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map(sessionKeyOf);
  }
}

function mapKey(key: SessionKey): string {
  // A NUL separator: ids are short printable strings in practice; the pair is only a map key.
  return `${key.tenantId}\u0000${key.sessionId}`;
}

/**
 * State is deep-copied (callers mutate it). Messages are not: the runtime never mutates a message
 * once it is in a history, so a copy of the array is enough and a long history costs no cloning.
 */
function copy(session: Session): Session {
  return { ...session, state: cloneState(session.state), history: session.history.slice() };
}

/** structuredClone costs microseconds even for `{}`, and many sessions carry no state at all. */
function cloneState(state: Record<string, unknown>): Record<string, unknown> {
  return Object.keys(state).length > 0 ? structuredClone(state) : {};
}
