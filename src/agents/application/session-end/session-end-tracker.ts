import { errorMessage, type Logger, logger } from '../../../shared/index.js';

/** One conversation: the session of a contact in a tenant. */
export interface ConversationKey {
  tenantId: string;
  contactId: string;
  sessionId: string;
}

/** A conversation a store saw, with its last update (ms since the epoch): what `resumeFrom` re-arms. */
export interface ResumedConversation extends ConversationKey {
  updatedAt: number;
}

/** Why a conversation ended: the CRM said so (`session.ended`), or it went quiet. */
export type EndReason = 'event' | 'idle';

export interface SessionEndTrackerOptions {
  /** Hands one ended conversation to memory (`add_session`). Its failure is logged, never thrown. */
  addSession(key: ConversationKey, reason: EndReason, signal: AbortSignal): Promise<void>;
  /** A conversation without a new answer for this long has ended (default 30 min; 0: only explicit ends). */
  idleMs?: number;
  /** Deadline of one `addSession` (default 30 s). */
  timeoutMs?: number;
  /** Conversations waiting for their idle end at most (default 10,000); beyond it the quietest ends now. */
  maxOpen?: number;
  /** Ended session ids remembered, so a redelivered end or a late answer adds nothing (default 50,000). */
  maxEnded?: number;
  /** `addSession` calls in flight at most (default 2): memory work never crowds out answers. */
  concurrency?: number;
  /** On close, `addSession` calls already started may finish this long (default 10 s). */
  closeGraceMs?: number;
  /**
   * For a conversation re-armed by `resumeFrom`, asked before its idle end: may it end now? (Its session
   * was not updated after `seenUpdatedAt` — another instance may be answering it — and it is a
   * customer's.) No: it is not ended, and not remembered as ended. Default: yes. A throw counts as failed.
   */
  mayEndResumed?(key: ConversationKey, seenUpdatedAt: number): Promise<boolean>;
  /**
   * At a restart, conversations whose idle end passed at most this long ago still end (default 2 × idle:
   * they were waiting when the process stopped; older ones were ended by the process that stopped, or
   * will not be).
   */
  resumeLookBackMs?: number;
  log?: Logger;
}

export interface SessionEndStats {
  open: number;
  added: number;
  failed: number;
  duplicates: number;
  /** Conversations re-armed (or ended at once) by `resumeFrom` at start-up. */
  resumed: number;
  /** Re-armed conversations not ended: updated since (another instance answers them) or not a customer's. */
  skipped: number;
}

/** A conversation waiting for its idle end; `seen`: the store's last update, for one re-armed at start-up. */
interface OpenConversation {
  key: ConversationKey;
  timer: NodeJS.Timeout | undefined;
  seen?: number;
}

const DEFAULT_IDLE_MS = 30 * 60_000;

/**
 * The seed's step 7 ("add session to memory, async, does not block") for every conversation the host
 * answers, with or without durable workflows. A conversation ends when the CRM publishes
 * `session.ended` for it (the seed's `handle_session_ended`) or when it had no new answer for `idleMs`;
 * either way its session goes to memory once: ended ids are remembered (bounded), and the call carries
 * the idempotency key `session-ended/<session_id>` the workflows' handler uses too, so the memory
 * service dedupes across instances. The work runs off the answer path, a few at a time, each with a
 * deadline; a failure is logged and counted, never thrown.
 */
export class SessionEndTracker {
  readonly #options: SessionEndTrackerOptions;
  readonly #idleMs: number;
  readonly #open = new Map<string, OpenConversation>();
  readonly #ended = new Set<string>();
  /** Re-armed conversations ended on their clock, queued until `mayEndResumed` confirms them. */
  readonly #unconfirmed = new Set<string>();
  readonly #queue: Array<{ key: ConversationKey; reason: EndReason; seen: number | undefined }> = [];
  readonly #inFlight = new Set<Promise<void>>();
  readonly #stats = { added: 0, failed: 0, duplicates: 0, resumed: 0, skipped: 0 };
  readonly #log: Logger;
  #closed = false;

  constructor(options: SessionEndTrackerOptions) {
    this.#options = options;
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.#log = (options.log ?? logger).child({ component: 'session-end' });
  }

  /** An answer in this conversation: it is open, and its idle clock starts again. */
  answered(key: ConversationKey): void {
    const id = idOf(key);
    if (this.#closed) return;
    // A re-armed end not confirmed yet: the conversation goes on (its check sees it and adds nothing).
    if (this.#unconfirmed.delete(id)) this.#ended.delete(id);
    if (this.#ended.has(id)) return;
    const open = this.#open.get(id);
    if (open?.timer) clearTimeout(open.timer);
    this.#open.delete(id); // re-inserted last: the Map's order is the quietest first
    const timer = this.#idleMs > 0 ? setTimeout(() => this.end(key, 'idle'), this.#idleMs) : undefined;
    timer?.unref();
    this.#open.set(id, { key, timer });
    this.#bound();
  }

  /**
   * At start-up of a long-lived process: re-arms the idle clocks the previous process held only in
   * memory. `list(since, limit)` reads the sessions updated since `since` (one bounded query, at most
   * `maxOpen`); each with a contact gets a clock for the idle time it has left, and one whose idle end
   * passed within the look-back ends now. Not ended already, not open here already (answered since the
   * start). Before such a conversation ends, `mayEndResumed` is asked. Never throws: a failed read is
   * logged and counted as failed. Returns how many were re-armed.
   */
  async resumeFrom(list: (since: number, limit: number) => Promise<readonly ResumedConversation[]>): Promise<number> {
    if (this.#closed || this.#idleMs <= 0) return 0;
    const lookBack = this.#options.resumeLookBackMs ?? 2 * this.#idleMs;
    const started = Date.now();
    let found: readonly ResumedConversation[];
    try {
      found = await list(started - this.#idleMs - lookBack, this.#options.maxOpen ?? 10_000);
    } catch (error) {
      this.#stats.failed++;
      this.#log.warn({ err: errorMessage(error) }, 'conversations open before the restart not re-armed');
      return 0;
    }
    if (this.#closed) return 0;
    const now = Date.now();
    let resumed = 0;
    // Quietest first, as `answered` keeps the Map.
    for (const conversation of [...found].sort((a, b) => a.updatedAt - b.updatedAt)) {
      const key = {
        tenantId: conversation.tenantId,
        contactId: conversation.contactId,
        sessionId: conversation.sessionId,
      };
      const id = idOf(key);
      if (!key.contactId || this.#ended.has(id) || this.#open.has(id)) continue;
      const seen = conversation.updatedAt;
      const timer = setTimeout(() => this.#end(key, 'idle', seen), Math.max(0, seen + this.#idleMs - now));
      timer.unref();
      this.#open.set(id, { key, timer, seen });
      resumed++;
    }
    this.#stats.resumed += resumed;
    if (resumed > 0) this.#log.info({ resumed }, 'idle clocks re-armed after a restart');
    this.#bound();
    return resumed;
  }

  /**
   * The conversation ended: its session goes to memory unless it already went. Returns false for a
   * duplicate. Never throws, never waits for the memory call.
   */
  end(key: ConversationKey, reason: EndReason): boolean {
    return this.#end(key, reason, undefined);
  }

  /** `seen`: the conversation was re-armed at start-up with this last update (`mayEndResumed` decides). */
  #end(key: ConversationKey, reason: EndReason, seen: number | undefined): boolean {
    const id = idOf(key);
    const open = this.#open.get(id);
    if (open?.timer) clearTimeout(open.timer);
    this.#open.delete(id);
    // An explicit end of a re-armed conversation waiting for its check is no duplicate: it adds.
    const confirms = seen === undefined && this.#unconfirmed.delete(id);
    if (this.#ended.has(id) && !confirms) {
      this.#stats.duplicates++;
      return false;
    }
    this.#remember(id);
    if (seen !== undefined) this.#unconfirmed.add(id);
    this.#queue.push({ key, reason, seen });
    this.#pump();
    return true;
  }

  /** The conversation ended and its session went to memory another way (the workflows' handler). */
  endedElsewhere(key: ConversationKey): void {
    const id = idOf(key);
    const open = this.#open.get(id);
    if (open?.timer) clearTimeout(open.timer);
    this.#open.delete(id);
    this.#unconfirmed.delete(id);
    this.#remember(id);
  }

  stats(): SessionEndStats {
    return { open: this.#open.size, ...this.#stats };
  }

  /** Waits until every queued and running `addSession` settled (tests, shutdown). */
  async drain(): Promise<void> {
    for (let rounds = 0; rounds < 10_000 && (this.#inFlight.size > 0 || this.#queue.length > 0); rounds++) {
      await Promise.race(this.#inFlight);
    }
  }

  /**
   * Stops the idle clocks and lets ended sessions reach memory, at most `closeGraceMs`. Open
   * conversations are not ended: a stopping process does not end a customer's conversation (another
   * instance may answer the next message); the next start re-arms their clocks from the session store
   * (`resumeFrom`), and the CRM's `session.ended`, which waits in the broker, still ends them.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const { timer } of this.#open.values()) if (timer) clearTimeout(timer);
    if (this.#open.size > 0) this.#log.info({ open: this.#open.size }, 'open conversations left to session.ended');
    this.#open.clear();
    const grace = this.#options.closeGraceMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), grace);
    });
    const outcome = await Promise.race([this.drain().then(() => 'done' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.#log.warn(
        { pending: this.#queue.length + this.#inFlight.size },
        'sessions not added to memory before shutdown',
      );
    }
  }

  /** Beyond `maxOpen`, the quietest conversation ends now. */
  #bound(): void {
    const max = this.#options.maxOpen ?? 10_000;
    while (this.#open.size > max) {
      const quietest = this.#open.values().next().value;
      if (!quietest) break;
      this.#end(quietest.key, 'idle', quietest.seen);
    }
  }

  #remember(id: string): void {
    this.#ended.add(id);
    const max = this.#options.maxEnded ?? 50_000;
    // Oldest first (a Set keeps insertion order): a session ended long ago is the one forgotten.
    for (const old of this.#ended) {
      if (this.#ended.size <= max) break;
      this.#ended.delete(old);
    }
  }

  #pump(): void {
    const limit = this.#options.concurrency ?? 2;
    while (this.#inFlight.size < limit && this.#queue.length > 0) {
      const next = this.#queue.shift();
      if (!next) break;
      const work = this.#run(next.key, next.reason, next.seen).finally(() => {
        this.#inFlight.delete(work);
        this.#pump();
      });
      this.#inFlight.add(work);
    }
  }

  /**
   * Whether a re-armed conversation ended on its clock is added. Checked here, a few at a time like the
   * adds, not when thousands of re-armed clocks fire at once. Meanwhile an answer here (it goes on), an
   * explicit end (its own add is queued) or the workflows' add settles it: nothing to add.
   */
  async #confirmed(key: ConversationKey, seen: number): Promise<boolean> {
    const id = idOf(key);
    try {
      if (!this.#unconfirmed.has(id)) return false;
      const may = this.#options.mayEndResumed ? await this.#options.mayEndResumed(key, seen) : true;
      if (!this.#unconfirmed.has(id)) return false;
      if (!may) {
        this.#ended.delete(id); // not ended: a later answer here opens it again
        this.#stats.skipped++;
        this.#log.debug({ tenant_id: key.tenantId, session_id: key.sessionId }, 're-armed conversation not ended');
      }
      return may;
    } finally {
      this.#unconfirmed.delete(id);
    }
  }

  async #run(key: ConversationKey, reason: EndReason, seen: number | undefined): Promise<void> {
    const signal = AbortSignal.timeout(this.#options.timeoutMs ?? 30_000);
    try {
      if (seen !== undefined && !(await this.#confirmed(key, seen))) return;
      await this.#options.addSession(key, reason, signal);
      this.#stats.added++;
      this.#log.debug({ tenant_id: key.tenantId, session_id: key.sessionId, reason }, 'session added to memory');
    } catch (error) {
      this.#stats.failed++;
      this.#log.warn(
        { tenant_id: key.tenantId, session_id: key.sessionId, reason, err: errorMessage(error) },
        'session not added to memory',
      );
    }
  }
}

function idOf(key: ConversationKey): string {
  return `${key.tenantId}\u0000${key.sessionId}`;
}
