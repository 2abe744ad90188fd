import type { Message } from '../model/index.js';
import { historyWindow } from './history-window.js';
import { persistentState, type Session, type SessionKey, type SessionRecord, sessionKeyOf } from './session.js';
import {
  type AppendSessionOptions,
  DEFAULT_MAX_STORED_MESSAGES,
  type LoadSessionOptions,
  type SessionActivity,
  type SessionStore,
} from './session-store.js';

export interface InMemorySessionStoreOptions {
  /** Sessions untouched for this long go on `prune()` (default `Infinity`: kept). */
  retentionMs?: number;
}

interface Stored {
  record: SessionRecord;
  history: Message[];
}

/**
 * Sessions in a Map, for tests and single-process demos. It stores copies, so a caller that keeps
 * mutating a session after `append` does not change what was stored (the same contract as a database).
 */
export class InMemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Stored>();
  private readonly retentionMs: number;

  constructor(options: InMemorySessionStoreOptions = {}) {
    this.retentionMs = options.retentionMs ?? Number.POSITIVE_INFINITY;
  }

  async load(key: SessionKey, options: LoadSessionOptions = {}): Promise<Session | undefined> {
    const stored = this.sessions.get(mapKey(key));
    if (!stored) return undefined;
    const limit = options.historyWindow;
    const session: Session = {
      ...stored.record,
      state: cloneState(stored.record.state),
      // Messages are never mutated once in a history: a copy of the array is enough.
      history: (limit === undefined ? stored.history : historyWindow(stored.history, limit)).slice(),
    };
    if (limit !== undefined) session.historyLimit = limit;
    return session;
  }

  async append(session: SessionRecord, messages: readonly Message[], options: AppendSessionOptions = {}) {
    const key = mapKey(session);
    const previous = this.sessions.get(key);
    const record: SessionRecord = {
      ...sessionKeyOf(session),
      state: cloneState(persistentState(session.state)),
      createdAt: previous?.record.createdAt ?? session.createdAt,
      updatedAt: session.updatedAt,
    };
    const max = options.maxMessages ?? DEFAULT_MAX_STORED_MESSAGES;
    const all = previous ? previous.history.concat(messages) : messages.slice();
    const kept = all.length > max ? historyWindow(all, max) : all;
    // The append itself always stays whole, as in the SQL stores.
    this.sessions.set(key, { record, history: kept.length >= messages.length ? [...kept] : messages.slice() });
  }

  async delete(key: SessionKey): Promise<void> {
    this.sessions.delete(mapKey(key));
  }

  async list(tenantId: string, contactId?: string): Promise<SessionKey[]> {
    return [...this.sessions.values()]
      .map((s) => s.record)
      .filter((r) => r.tenantId === tenantId && (contactId === undefined || r.contactId === contactId))
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map(sessionKeyOf);
  }

  async listUpdatedSince(since: number, limit: number): Promise<SessionActivity[]> {
    return [...this.sessions.values()]
      .map((s) => s.record)
      .filter((r) => r.updatedAt >= since)
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .slice(0, Math.max(0, limit))
      .map((r) => ({ ...sessionKeyOf(r), updatedAt: r.updatedAt }));
  }

  async prune(now = Date.now()): Promise<number> {
    let pruned = 0;
    for (const [key, stored] of this.sessions) {
      if (stored.record.updatedAt < now - this.retentionMs) {
        this.sessions.delete(key);
        pruned++;
      }
    }
    return pruned;
  }
}

function mapKey(key: SessionKey): string {
  // A NUL separator: ids are short printable strings in practice; the pair is only a map key.
  return `${key.tenantId}\u0000${key.sessionId}`;
}

/** structuredClone costs microseconds even for `{}`, and many sessions carry no state at all. */
function cloneState(state: Record<string, unknown>): Record<string, unknown> {
  return Object.keys(state).length > 0 ? structuredClone(state) : {};
}
