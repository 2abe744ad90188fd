import { resolve } from 'node:path';
import { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage, connect } from 'amqplib';
import type { AgentApplication } from '../../agents/application/index.js';
import { errorMessage, type Logger, logger, sleep } from '../../shared/index.js';
import { backoffDelay } from '../outbox/backoff.js';
import { openOutboxStore } from '../outbox/open-outbox-store.js';
import { OutboxPublisher, type OutboxPublisherOptions } from '../outbox/outbox-publisher.js';
import type { OutboxMessage, OutboxStore } from '../outbox/outbox-store.js';
import { classifyPublishFailure } from './classify-error.js';
import { confirmPublish, trackChannelErrors } from './confirm-publish.js';
import { decodeMessageReceived } from './envelope.js';
import { AmqpBridgeError, redactUrl } from './errors.js';
import { type DeliveryOutcome, handleMessage, type RunRetry } from './handle-message.js';
import { KeyedSerializer } from './keyed-serializer.js';
import { settleDelivery } from './settle-delivery.js';
import { DEFAULT_DELIVERY_LIMIT, declareTopology, WORK_QUEUE } from './topology.js';

export interface AmqpBridgeOptions {
  /** `amqp://user:pass@host:5672/vhost` (RABBITMQ_URL). */
  url: string;
  app: AgentApplication;
  /**
   * The inbox/outbox; default PostgreSQL when `databaseUrl` is set, else SQLite at `${dataDir}/outbox.db`,
   * closed by the bridge.
   */
  outbox?: OutboxStore;
  /** Where the default outbox lives (VENTROS_DATA_DIR; default `./data`). */
  dataDir?: string;
  /** `postgres://…` (DATABASE_URL): the default outbox goes to PostgreSQL. */
  databaseUrl?: string;
  /** The agent that answers (default `auto`). */
  agent?: string;
  /** Unacked deliveries in flight (default 8). */
  prefetch?: number;
  /** Deadline of each run attempt (default 30 s). */
  timeoutMs?: number;
  /** Transient run failures: attempts and backoff (default 3 attempts, 1 s doubling to 10 s). */
  retry?: Partial<RunRetry>;
  /** Outbox publisher settings (attempts, backoff, poll interval, batch size). */
  publisher?: Omit<OutboxPublisherOptions, 'store' | 'publish' | 'isReady' | 'classify'>;
  /** Deliveries before the broker dead-letters a message by itself (queue argument; default 10). */
  deliveryLimit?: number;
  /** Wait for a publisher confirm this long (default 10 s). */
  publishTimeoutMs?: number;
  /** On close, let runs in flight finish this long before abandoning (requeueing) them (default 10 s). */
  closeGraceMs?: number;
  /** Give up connecting at start after this long (default 10 s). Later reconnects retry until close. */
  connectTimeoutMs?: number;
  log?: Logger;
}

/** What the bridge did so far (for /health, tests and the benchmark). */
export interface AmqpBridgeStats {
  answered: number;
  fromMe: number;
  duplicates: number;
  deadLettered: number;
  requeued: number;
}

/** A running RabbitMQ bridge. */
export interface AmqpBridge {
  readonly outbox: OutboxStore;
  readonly publisher: OutboxPublisher;
  connected(): boolean;
  stats(): AmqpBridgeStats;
  /** Stops consuming, lets runs in flight finish (or requeues them), flushes the outbox, closes everything. */
  close(): Promise<void>;
}

interface Session {
  connection: ChannelModel;
  consumer: Channel;
  confirm: ConfirmChannel;
  consumerTag: string;
}

/**
 * Starts the RabbitMQ bridge: declares the topology, consumes `ventros.agents.message-received`, answers
 * each customer message through `app.execute`, and publishes the answers from the transactional outbox
 * as `message.outbound` on `ventros.events`. Rejects when the broker is unreachable at start; after
 * that, a lost connection is re-established with backoff until `close()`.
 *
 * @example
 * const amqp = await startAmqpBridge({ url: env.RABBITMQ_URL, app, dataDir: env.VENTROS_DATA_DIR });
 * // on shutdown:
 * await amqp.close();
 */
export async function startAmqpBridge(options: AmqpBridgeOptions): Promise<AmqpBridge> {
  const bridge = new AmqpBridgeRuntime(options);
  try {
    await bridge.start();
  } catch (error) {
    await bridge.close();
    throw error;
  }
  return bridge;
}

class AmqpBridgeRuntime implements AmqpBridge {
  readonly outbox: OutboxStore;
  readonly publisher: OutboxPublisher;
  private readonly ownsOutbox: boolean;
  private readonly log: Logger;
  private readonly serializer = new KeyedSerializer();
  private readonly inflight = new Set<Promise<void>>();
  private readonly abandon = new AbortController();
  private readonly counters: AmqpBridgeStats = { answered: 0, fromMe: 0, duplicates: 0, deadLettered: 0, requeued: 0 };
  private readonly retry: RunRetry;
  private session: Session | undefined;
  private closing: Promise<void> | undefined;
  private reconnecting: Promise<void> | undefined;

  constructor(private readonly options: AmqpBridgeOptions) {
    this.log = options.log ?? logger.child({ component: 'amqp-bridge' });
    this.ownsOutbox = options.outbox === undefined;
    this.outbox =
      options.outbox ??
      openOutboxStore({ DATABASE_URL: options.databaseUrl, VENTROS_DATA_DIR: resolve(options.dataDir ?? './data') });
    this.retry = { maxAttempts: 3, baseMs: 1_000, maxMs: 10_000, ...options.retry };
    this.publisher = new OutboxPublisher({
      ...options.publisher,
      store: this.outbox,
      publish: (row) => this.publishRow(row),
      isReady: () => this.session !== undefined,
      classify: classifyPublishFailure,
      log: this.log.child({ component: 'outbox-publisher' }),
    });
  }

  async start(): Promise<void> {
    this.session = await this.openSession(this.options.connectTimeoutMs ?? 10_000);
    this.publisher.start();
    this.log.info({ url: redactUrl(this.options.url), queue: WORK_QUEUE }, 'amqp bridge consuming');
  }

  connected(): boolean {
    return this.session !== undefined;
  }

  stats(): AmqpBridgeStats {
    return { ...this.counters };
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async openSession(timeoutMs: number): Promise<Session> {
    let connection: ChannelModel;
    try {
      connection = await connect(this.options.url, { timeout: timeoutMs });
    } catch (error) {
      throw new AmqpBridgeError(
        'unavailable',
        `cannot connect to RabbitMQ at ${redactUrl(this.options.url)}: ${errorMessage(error)}`,
        { cause: error },
      );
    }
    try {
      connection.on('error', (error: Error) => this.log.warn({ err: error }, 'amqp connection error'));
      const confirm = await connection.createConfirmChannel();
      confirm.on('error', (error: Error) => this.log.warn({ err: error }, 'amqp publish channel error'));
      trackChannelErrors(confirm);
      await declareTopology(confirm, this.options.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT);
      const consumer = await connection.createChannel();
      consumer.on('error', (error: Error) => this.log.warn({ err: error }, 'amqp consumer channel error'));
      await consumer.prefetch(this.options.prefetch ?? 8);
      const { consumerTag } = await consumer.consume(WORK_QUEUE, (message) => this.onDelivery(message, consumer), {
        noAck: false,
      });
      const session: Session = { connection, consumer, confirm, consumerTag };
      // Any channel or the connection going away ends the session; a new one is opened with backoff.
      const lost = () => this.onSessionLost(session);
      connection.on('close', lost);
      consumer.on('close', lost);
      confirm.on('close', lost);
      return session;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw new AmqpBridgeError('unavailable', `cannot set up the RabbitMQ topology: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }

  private onSessionLost(session: Session): void {
    if (this.session !== session) return;
    this.session = undefined;
    void session.connection.close().catch(() => undefined);
    if (this.closing) return;
    this.log.warn('lost the RabbitMQ session; reconnecting');
    this.reconnecting ??= this.reconnect().finally(() => {
      this.reconnecting = undefined;
    });
  }

  /** Reopens the session with backoff until it works or the bridge closes. */
  private async reconnect(): Promise<void> {
    for (let attempt = 1; !this.closing; attempt++) {
      try {
        await sleep(backoffDelay(attempt, { baseMs: 500, maxMs: 30_000 }), this.abandon.signal);
      } catch {
        return;
      }
      if (this.closing) return;
      try {
        const session = await this.openSession(10_000);
        if (this.closing) {
          await session.connection.close().catch(() => undefined);
          return;
        }
        this.session = session;
        this.log.info({ attempt }, 'reconnected to RabbitMQ');
        this.publisher.notify();
        return;
      } catch (error) {
        this.log.warn({ err: error, attempt }, 'reconnect failed');
      }
    }
  }

  private onDelivery(message: ConsumeMessage | null, channel: Channel): void {
    if (message === null) {
      // The broker cancelled our consumer (queue deleted): treat it like a lost session.
      if (this.session?.consumer === channel) this.onSessionLost(this.session);
      return;
    }
    const task = this.handleDelivery(message, channel);
    this.inflight.add(task);
    void task.finally(() => this.inflight.delete(task));
  }

  private async handleDelivery(message: ConsumeMessage, channel: Channel): Promise<void> {
    let outcome: DeliveryOutcome;
    try {
      const decoded = decodeMessageReceived(message.content);
      if (!decoded.ok) {
        outcome = { kind: 'dead_letter', errorType: decoded.errorType, error: decoded.error, attempts: 1 };
      } else {
        const { event } = decoded;
        outcome = await this.serializer.run(`${event.tenant_id}\u0000${event.payload.contact_id}`, () =>
          handleMessage(event, {
            app: this.options.app,
            store: this.outbox,
            agent: this.options.agent ?? 'auto',
            timeoutMs: this.options.timeoutMs ?? 30_000,
            retry: this.retry,
            closing: this.abandon.signal,
            onCommitted: () => this.publisher.notify(),
          }),
        );
      }
    } catch (error) {
      outcome = { kind: 'requeue', reason: `unexpected: ${errorMessage(error)}` };
    }
    const settled = await settleDelivery(message, channel, outcome, {
      confirm: this.session?.confirm,
      log: this.log,
      ...(this.options.publishTimeoutMs === undefined ? {} : { publishTimeoutMs: this.options.publishTimeoutMs }),
    });
    if (settled !== 'unsettled') this.counters[settled]++;
  }

  private async publishRow(row: OutboxMessage): Promise<void> {
    const confirm = this.session?.confirm;
    if (!confirm) throw new AmqpBridgeError('unavailable', 'not connected to RabbitMQ');
    await confirmPublish(
      confirm,
      row.exchange,
      row.routingKey,
      Buffer.from(row.body, 'utf8'),
      {
        persistent: true,
        messageId: row.id,
        type: row.eventType,
        contentType: 'application/json',
        timestamp: Math.floor(row.createdAt / 1000),
        appId: 'ventros-agent-host',
      },
      this.options.publishTimeoutMs,
    );
  }

  private async shutdown(): Promise<void> {
    const session = this.session;
    if (session) {
      await session.consumer.cancel(session.consumerTag).catch(() => undefined);
    }
    await this.drainInflight(this.options.closeGraceMs ?? 10_000);
    this.abandon.abort();
    await this.drainInflight(5_000);
    await this.publisher.stop();
    // Answers committed during the drain go out now rather than at the next start.
    if (this.session) await this.publisher.publishDue().catch(() => 0);
    await this.reconnecting;
    const last = this.session;
    this.session = undefined;
    if (last) {
      await last.consumer.close().catch(() => undefined);
      await last.confirm.close().catch(() => undefined);
      await last.connection.close().catch(() => undefined);
    }
    if (this.ownsOutbox) await this.outbox.close();
    this.log.info(this.counters, 'amqp bridge closed');
  }

  private async drainInflight(timeoutMs: number): Promise<void> {
    if (this.inflight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inflight]),
      new Promise<void>((done) => {
        timer = setTimeout(done, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
}
