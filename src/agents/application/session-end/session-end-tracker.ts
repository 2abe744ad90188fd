import { errorMessage, type Logger, logger } from '../../../shared/index.js';

/** One conversation: the session of a contact in a tenant. */
export interface ConversationKey {
  tenantId: string;
  contactId: string;
  sessionId: string;
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
  log?: Logger;
}

export interface SessionEndStats {
  open: number;
  added: number;
  failed: number;
  duplicates: number;
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
  readonly #open = new Map<string, { key: ConversationKey; timer: NodeJS.Timeout | undefined }>();
  readonly #ended = new Set<string>();
  readonly #queue: Array<{ key: ConversationKey; reason: EndReason }> = [];
  readonly #inFlight = new Set<Promise<void>>();
  readonly #stats = { added: 0, failed: 0, duplicates: 0 };
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
    if (this.#closed || this.#ended.has(id)) return;
    const open = this.#open.get(id);
    if (open?.timer) clearTimeout(open.timer);
    this.#open.delete(id); // re-inserted last: the Map's order is the quietest first
    const timer = this.#idleMs > 0 ? setTimeout(() => this.end(key, 'idle'), this.#idleMs) : undefined;
    timer?.unref();
    this.#open.set(id, { key, timer });
    const max = this.#options.maxOpen ?? 10_000;
    while (this.#open.size > max) {
      const quietest = this.#open.values().next().value;
      if (!quietest) break;
      this.end(quietest.key, 'idle');
    }
  }

  /**
   * The conversation ended: its session goes to memory unless it already went. Returns false for a
   * duplicate. Never throws, never waits for the memory call.
   */
  end(key: ConversationKey, reason: EndReason): boolean {
    const id = idOf(key);
    const open = this.#open.get(id);
    if (open?.timer) clearTimeout(open.timer);
    this.#open.delete(id);
    if (this.#ended.has(id)) {
      this.#stats.duplicates++;
      return false;
    }
    this.#remember(id);
    this.#queue.push({ key, reason });
    this.#pump();
    return true;
  }

  /** The conversation ended and its session went to memory another way (the workflows' handler). */
  endedElsewhere(key: ConversationKey): void {
    const id = idOf(key);
    const open = this.#open.get(id);
    if (open?.timer) clearTimeout(open.timer);
    this.#open.delete(id);
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
   * instance may answer the next message); their idle end is lost with the process, and the CRM's
   * `session.ended`, which waits in the broker, still ends them.
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
      const work = this.#run(next.key, next.reason).finally(() => {
        this.#inFlight.delete(work);
        this.#pump();
      });
      this.#inFlight.add(work);
    }
  }

  async #run(key: ConversationKey, reason: EndReason): Promise<void> {
    const signal = AbortSignal.timeout(this.#options.timeoutMs ?? 30_000);
    try {
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
