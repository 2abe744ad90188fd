import { errorMessage, type Logger, logger } from '../../shared/index.js';
import { type Backoff, backoffDelay } from './backoff.js';
import type { OutboxFailure, OutboxMessage, OutboxStore } from './outbox-store.js';

/** Sends one row to the broker and resolves only once the broker confirmed it. */
export type PublishFn = (message: OutboxMessage) => Promise<void>;

export interface OutboxPublisherOptions {
  store: OutboxStore;
  publish: PublishFn;
  /** False while the broker is unreachable: the loop waits instead of spending rows' attempts. */
  isReady?: () => boolean;
  /** Names a publish error for the row (`connection`, `timeout`, `nacked`, ...). */
  classify?: (error: unknown) => string;
  /**
   * Before retry n of a row (n = 1, 2, …): `baseMs × 2^(n-1)`, capped at `maxMs`, less up to 20 % jitter.
   * Default the seed's 2, 4, 8 s (base 2 s; VENTROS_OUTBOX_RETRY_BASE_MS), capped at 5 min. How many
   * retries a row gets is its own `max_retries` column.
   */
  backoff?: Backoff;
  /**
   * Called once a row's retries are exhausted and it was marked `failed` (a dead letter): the DLQ alert
   * and the failure counter (see dlq-alert.ts). Not awaited by the loop; a throw is logged.
   */
  onFailed?: (row: OutboxMessage, failure: OutboxFailure) => void | Promise<void>;
  /** How often the loop looks for due rows when nobody called `notify()` (default 250 ms). */
  pollIntervalMs?: number;
  /** Rows per pass, published concurrently (default 64). */
  batchSize?: number;
  /**
   * How long a pass holds the rows it claimed (default 60 s): longer than a publish attempt, so no other
   * instance's publisher takes them meanwhile; a crashed publisher's rows are claimed again after it.
   */
  claimLeaseMs?: number;
  /** Published rows and inbox entries older than this are pruned, hourly (default 7 days). */
  retentionMs?: number;
  now?: () => number;
  log?: Logger;
}

const HOUR_MS = 3_600_000;

/** The default backoff: the seed's 2, 4, 8 s between retries, capped at 5 minutes for larger budgets. */
export const DEFAULT_OUTBOX_BACKOFF: Backoff = { baseMs: 2_000, maxMs: 300_000 };

/**
 * The outbox's background worker: claims due `pending` rows (so the publishers of several instances
 * never publish one row at once), marks them `published` once the broker confirms, retries failures
 * with backoff, and once a row's `max_retries` are spent marks it `failed` (a dead letter) and calls
 * `onFailed`. At-least-once: a crash after the broker
 * confirmed but before the row was marked re-publishes it once the claim expires, with the same
 * `event_id`, by which consumers dedupe.
 *
 * @example
 * const publisher = new OutboxPublisher({ store, publish: (row) => confirmPublish(row) });
 * publisher.start();
 * // after writing rows: publisher.notify();
 * await publisher.stop();
 */
export class OutboxPublisher {
  private readonly options: Required<Omit<OutboxPublisherOptions, 'isReady' | 'classify' | 'log' | 'onFailed'>> &
    Pick<OutboxPublisherOptions, 'isReady' | 'classify' | 'onFailed'>;
  private readonly log: Logger;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** A row was written since the current pass claimed: the loop must not sleep after it. */
  private notified = false;
  private pass: Promise<number> | undefined;
  private lastPrune = 0;

  constructor(options: OutboxPublisherOptions) {
    this.options = {
      backoff: DEFAULT_OUTBOX_BACKOFF,
      pollIntervalMs: 250,
      batchSize: 64,
      claimLeaseMs: 60_000,
      retentionMs: 7 * 24 * HOUR_MS,
      now: Date.now,
      ...options,
    };
    this.log = options.log ?? logger.child({ component: 'outbox-publisher' });
  }

  /** Starts the background loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Wakes the loop now: a row was just written. During a pass the row may have missed its claim, so
   * the loop goes again right after it instead of sleeping a poll interval (up to 250 ms of latency
   * for every answer written while a pass waited for its confirms).
   */
  notify(): void {
    this.notified = true;
    this.wake?.();
  }

  /**
   * One pass: publishes the rows due now (at most `batchSize`). Returns how many were published.
   * Passes never overlap: a call during a pass waits for it and starts the next.
   */
  async publishDue(): Promise<number> {
    while (this.pass) await this.pass.catch(() => 0);
    this.pass = this.publishBatch();
    try {
      return await this.pass;
    } finally {
      this.pass = undefined;
    }
  }

  /** Stops the loop after the pass in progress. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      let failed = false;
      // Rows written from here on are either claimed by this pass or noted for the next.
      this.notified = false;
      try {
        published = await this.publishDue();
        await this.pruneHourly();
      } catch (error) {
        failed = true;
        this.log.error({ err: error }, 'outbox pass failed');
      }
      // A full batch means more may be due, and a row written during the pass may have missed its
      // claim: go again at once — unless the pass failed or the broker is away (then the loop would
      // spin on every row written meanwhile; the poll interval paces the retries).
      const ready = this.options.isReady?.() ?? true;
      if (!failed && ready && (published >= this.options.batchSize || this.notified)) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async publishBatch(): Promise<number> {
    if (this.options.isReady && !this.options.isReady()) return 0;
    const { store, batchSize, claimLeaseMs } = this.options;
    const rows = await store.claim(this.options.now(), batchSize, claimLeaseMs);
    const outcomes = await Promise.all(rows.map((row) => this.publishOne(row)));
    // One write marks the pass's confirmed rows (not one commit a row). Until it lands they stay
    // claimed: a crash before it republishes them once the lease expires, same event ids.
    const published = rows.filter((_, index) => outcomes[index]).map((row) => row.id);
    await store.markPublishedBatch(published, this.options.now());
    return published.length;
  }

  /** Publishes one row; true once the broker confirmed it (the caller marks it published). */
  private async publishOne(row: OutboxMessage): Promise<boolean> {
    const { store } = this.options;
    try {
      await this.options.publish(row);
    } catch (error) {
      const failure: OutboxFailure = {
        errorType: this.options.classify?.(error) ?? 'publish_failed',
        errorMessage: errorMessage(error),
      };
      // The seed's rule: retry while retry_count < max_retries, then give up (attempts = retries + 1).
      if (row.retryCount >= row.maxRetries) {
        await store.markFailed(row.id, failure);
        const attempts = row.retryCount + 1;
        this.log.error(
          { id: row.id, event_type: row.eventType, tenant_id: row.tenantId, attempts, ...failure },
          'outbox message failed after its last retry; moved to the DLQ',
        );
        this.reportFailed(row, failure);
      } else {
        const retry = row.retryCount + 1;
        await store.markRetry(row.id, failure, this.options.now() + backoffDelay(retry, this.options.backoff));
        this.log.warn(
          { id: row.id, retry, max_retries: row.maxRetries, ...failure },
          'outbox publish failed; will retry',
        );
      }
      return false;
    }
    return true;
  }

  /** `onFailed`, never holding up the pass nor failing it. */
  private reportFailed(row: OutboxMessage, failure: OutboxFailure): void {
    const { onFailed } = this.options;
    if (!onFailed) return;
    try {
      void Promise.resolve(onFailed(row, failure)).catch((error: unknown) =>
        this.log.warn({ id: row.id, err: errorMessage(error) }, 'outbox failure hook failed'),
      );
    } catch (error) {
      this.log.warn({ id: row.id, err: errorMessage(error) }, 'outbox failure hook failed');
    }
  }

  private async pruneHourly(): Promise<void> {
    const now = this.options.now();
    if (now - this.lastPrune < HOUR_MS) return;
    this.lastPrune = now;
    const pruned = await this.options.store.prune(now - this.options.retentionMs);
    if (pruned > 0) this.log.info({ pruned }, 'pruned old outbox and inbox rows');
  }
}
