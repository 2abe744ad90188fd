import type { Message } from '../model/index.js';
import type { Session, SessionKey, SessionRecord } from './session.js';

/** A session's key and its last update (ms since the epoch): what a restarted process re-arms idle clocks from. */
export interface SessionActivity extends SessionKey {
  updatedAt: number;
}

/** How much history `load` reads. */
export interface LoadSessionOptions {
  /**
   * At most this many of the last stored messages, moved forward to the start of an exchange (see
   * `historyWindow`); the loaded session's `historyLimit` says so. Default: the whole stored history.
   */
  historyWindow?: number;
}

/** Bounds applied when appending. */
export interface AppendSessionOptions {
  /**
   * Messages kept per session after the append: older ones are dropped, cut at an exchange boundary
   * (default 200; `Infinity` keeps everything). The messages of the append itself always stay, so a
   * single append longer than this is cut by the next one.
   */
  maxMessages?: number;
}

/** Messages kept per session unless `append` is told otherwise. */
export const DEFAULT_MAX_STORED_MESSAGES = 200;

/**
 * Where sessions live between runs. The Runner loads a session's state and the window of history its
 * agents read at the start of a run, and at the end appends the run's messages and writes the state —
 * once, never rewriting older history. Implementations: SQLite (default), PostgreSQL, in memory (tests).
 *
 * Every method takes the tenant: nothing reads or writes across tenants.
 */
export interface SessionStore {
  /** The session (state + history window), or `undefined` when none exists for this tenant and id. */
  load(key: SessionKey, options?: LoadSessionOptions): Promise<Session | undefined>;
  /**
   * Appends `messages` to the session's history and writes its contact, state (without `temp:` keys) and
   * `updatedAt`, creating the session when new. Atomic; concurrent appends to one session (from several
   * instances) each land whole, one after the other. A `history` on the record is not read. The messages
   * are the store's once appended: the caller must not change them after (a store may keep them as they
   * are, for later loads to share, as the in-memory one does).
   */
  append(session: SessionRecord, messages: readonly Message[], options?: AppendSessionOptions): Promise<void>;
  delete(key: SessionKey): Promise<void>;
  /** Keys of the tenant's sessions (of one contact when given), most recently updated first. */
  list(tenantId: string, contactId?: string): Promise<SessionKey[]>;
  /**
   * Sessions of every tenant updated at or after `since` (ms), most recently updated first, at most
   * `limit`: one bounded read for the session-end tracker's restart (`resumeSessionEnds`), the one
   * operational read across tenants. Optional so a store without it only loses that restart.
   */
  listUpdatedSince?(since: number, limit: number): Promise<SessionActivity[]>;
  /** Deletes sessions not updated within the store's retention window before `now`; returns how many. */
  prune(now?: number): Promise<number>;
  close?(): void | Promise<void>;
}
