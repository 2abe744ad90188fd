import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage, connect } from 'amqplib';
import type { AgentApplication } from '../../agents/application/index.js';
import { errorMessage, type Logger, logger, sleep } from '../../shared/index.js';
import { traceparentFrom } from '../../shared/telemetry/traceparent.js';
import { backoffDelay } from '../outbox/backoff.js';
import { openOutboxStore } from '../outbox/open-outbox-store.js';
import { OutboxPublisher, type OutboxPublisherOptions } from '../outbox/outbox-publisher.js';
import type { OutboxMessage, OutboxStore } from '../outbox/outbox-store.js';
import { classifyPublishFailure } from './classify-error.js';
import { coalesceSocketWrites } from './coalesce-writes.js';
import { confirmPublish, trackChannelErrors } from './confirm-publish.js';
import { decodeMessageReceived } from './envelope.js';
import { AmqpBridgeError, redactUrl } from './errors.js';
import { type DeliveryOutcome, type HandleMessageDeps, handleMessage, type RunRetry } from './handle-message.js';
import { KeyedSerializer } from './keyed-serializer.js';
import { PartitionClaims } from './partition-claims.js';
import { declarePartitionTopology, MAX_PARTITIONS } from './partitions.js';
import { RunSlots } from './run-slots.js';
import { settleDelivery } from './settle-delivery.js';
import { amqpSocketOptions } from './socket-options.js';
import { DEFAULT_DELIVERY_LIMIT, declareTopology, WORK_QUEUE } from './topology.js';

/**
 * Runs in flight by default. A run mostly waits on the model, so this is sized for a real model's pace
 * (about 64 messages a second at a second a turn); offline runs are CPU-bound and never reach it.
 */
export const DEFAULT_AMQP_CONCURRENCY = 64;

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
  /**
   * Unacked deliveries per consumer channel (VENTROS_AMQP_PREFETCH; default 2 × concurrency): the work
   * queue's, or each owned partition's. What the broker sends ahead of the runs.
   */
  prefetch?: number;
  /**
   * Runs in flight at most (VENTROS_AMQP_CONCURRENCY; default {@link DEFAULT_AMQP_CONCURRENCY}): different
   * contacts run side by side up to it, one contact always one message at a time. With a model taking a
   * second a turn, this is what sets throughput (64 runs in flight ≈ 64 messages a second). Deliveries beyond it wait unacked, and at the
   * prefetch limit the broker stops sending (back-pressure).
   */
  concurrency?: number;
  /**
   * Partition queues (VENTROS_AMQP_PARTITIONS; default 0: off). With N > 0 several instances share the
   * work and one contact's messages are answered in order across them: one instance forwards the work
   * queue to N queues by hash of the contact, and each partition is consumed by one instance at a time
   * (see `partition-claims.ts`, docs/SCALE-OUT.md). Every instance on a broker must use the same N.
   */
  partitions?: number;
  /** This instance's name (VENTROS_INSTANCE_ID; default the host name and pid): spreads partition claims. */
  instanceId?: string;
  /** How often partition ownership is checked (default 500 ms). */
  rebalanceMs?: number;
  /** Deadline of each run attempt (default 30 s). */
  timeoutMs?: number;
  /** Transient run failures: attempts and backoff (default 3 attempts, 1 s doubling to 10 s). */
  retry?: Partial<RunRetry>;
  /** Outbox publisher settings (attempts, backoff, poll interval, batch size). */
  publisher?: Omit<OutboxPublisherOptions, 'store' | 'publish' | 'isReady' | 'classify'>;
  /** Deliveries before the broker dead-letters a message by itself (queue argument; default 10). */
  deliveryLimit?: number;
  /** Longest wait before a delivery refused by a tenant limit goes back to the queue (default 30 s). */
  maxDeferMs?: number;
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
  /** Runs in flight now (at most the concurrency). */
  running: number;
  /** Partitions this instance owns now (partitioned mode), and whether it forwards the intake. */
  partitions?: { owned: number[]; intake: boolean };
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
  /** The work queue's consumer; in partitioned mode the claims hold one channel a partition instead. */
  consumer: Channel | undefined;
  confirm: ConfirmChannel;
  consumerTag: string | undefined;
  claims: PartitionClaims | undefined;
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
  private readonly slots: RunSlots;
  private readonly partitions: number;
  /** Deliveries taken but not yet settled, per partition (a partition is handed over only at 0). */
  private readonly pendingByPartition = new Map<number, number>();
  private readonly inflight = new Set<Promise<void>>();
  /** Deliveries numbered as they arrive; per contact, the last number to requeue after a requeue. */
  private deliveries = 0;
  private readonly requeuedThrough = new Map<string, number>();
  // Every run in flight listens on it (hundreds at a real model's pace, each removed when its run ends):
  // Node's default of 10 listeners would warn of a leak that is not one.
  private readonly abandon = withoutListenerCap(new AbortController());
  private readonly counters = { answered: 0, fromMe: 0, duplicates: 0, deadLettered: 0, requeued: 0 };
  private readonly retry: RunRetry;
  /** What every delivery's handling needs but its trace context: built once, not a message. */
  private readonly handleDeps: HandleMessageDeps;
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
    this.slots = new RunSlots(this.concurrency);
    this.partitions = Math.min(MAX_PARTITIONS, Math.max(0, Math.floor(options.partitions ?? 0)));
    this.handleDeps = {
      app: options.app,
      store: this.outbox,
      agent: options.agent ?? 'auto',
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: this.retry,
      closing: this.abandon.signal,
      onCommitted: () => this.publisher.notify(),
      ...(options.maxDeferMs === undefined ? {} : { maxDeferMs: options.maxDeferMs }),
    };
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
    this.log.info(
      {
        url: redactUrl(this.options.url),
        queue: WORK_QUEUE,
        partitions: this.partitions,
        concurrency: this.concurrency,
      },
      'amqp bridge consuming',
    );
  }

  connected(): boolean {
    return this.session !== undefined;
  }

  stats(): AmqpBridgeStats {
    const claims = this.session?.claims;
    return {
      ...this.counters,
      running: this.slots.inUse,
      ...(this.partitions > 0
        ? { partitions: { owned: claims?.owned() ?? [], intake: claims?.holdsIntake() ?? false } }
        : {}),
    };
  }

  private get concurrency(): number {
    return Math.max(1, this.options.concurrency ?? DEFAULT_AMQP_CONCURRENCY);
  }

  private get prefetch(): number {
    return Math.max(1, this.options.prefetch ?? 2 * this.concurrency);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async openSession(timeoutMs: number): Promise<Session> {
    let connection: ChannelModel;
    try {
      connection = await connect(this.options.url, amqpSocketOptions(timeoutMs));
    } catch (error) {
      throw new AmqpBridgeError(
        'unavailable',
        `cannot connect to RabbitMQ at ${redactUrl(this.options.url)}: ${errorMessage(error)}`,
        { cause: error },
      );
    }
    try {
      if (!coalesceSocketWrites(connection)) this.log.debug('amqplib internals changed: socket writes not coalesced');
      connection.on('error', (error: Error) => this.log.warn({ err: error }, 'amqp connection error'));
      const confirm = await connection.createConfirmChannel();
      confirm.on('error', (error: Error) => this.log.warn({ err: error }, 'amqp publish channel error'));
      trackChannelErrors(confirm);
      const deliveryLimit = this.options.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT;
      await declareTopology(confirm, deliveryLimit, { partitioned: this.partitions > 0 });
      if (this.partitions > 0) {
        await declarePartitionTopology(confirm, this.partitions, deliveryLimit);
        const claims = new PartitionClaims({
          connection,
          partitions: this.partitions,
          prefetch: this.prefetch,
          instanceId: this.options.instanceId ?? `${hostname()}:${process.pid}`,
          ...(this.options.rebalanceMs !== undefined ? { rebalanceMs: this.options.rebalanceMs } : {}),
          ...(this.options.publishTimeoutMs !== undefined ? { publishTimeoutMs: this.options.publishTimeoutMs } : {}),
          onDelivery: (message, channel, partition) => this.onDelivery(message, channel, partition),
          pending: (partition) => this.pendingByPartition.get(partition) ?? 0,
          log: this.log.child({ component: 'partition-claims' }),
        });
        const session: Session = { connection, consumer: undefined, confirm, consumerTag: undefined, claims };
        const lost = () => this.onSessionLost(session);
        connection.on('close', lost);
        confirm.on('close', lost);
        await claims.start();
        return session;
      }
      const consumer = await connection.createChannel();
      consumer.on('error', (error: Error) => this.log.warn({ err: error }, 'amqp consumer channel error'));
      await consumer.prefetch(this.prefetch);
      const { consumerTag } = await consumer.consume(WORK_QUEUE, (message) => this.onDelivery(message, consumer), {
        noAck: false,
      });
      const session: Session = { connection, consumer, confirm, consumerTag, claims: undefined };
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
    void session.claims?.close();
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

  private onDelivery(message: ConsumeMessage | null, channel: Channel, partition?: number): void {
    if (message === null) {
      // The broker cancelled our consumer (queue deleted): treat it like a lost session.
      if (this.session?.consumer === channel) this.onSessionLost(this.session);
      return;
    }
    if (partition !== undefined)
      this.pendingByPartition.set(partition, (this.pendingByPartition.get(partition) ?? 0) + 1);
    const task = this.handleDelivery(message, channel, ++this.deliveries).finally(() => {
      if (partition === undefined) return;
      const left = (this.pendingByPartition.get(partition) ?? 1) - 1;
      if (left > 0) this.pendingByPartition.set(partition, left);
      else this.pendingByPartition.delete(partition);
    });
    this.inflight.add(task);
    void task.finally(() => this.inflight.delete(task));
  }

  private async handleDelivery(message: ConsumeMessage, channel: Channel, number: number): Promise<void> {
    let outcome: DeliveryOutcome;
    try {
      const decoded = decodeMessageReceived(message.content);
      if (!decoded.ok) {
        outcome = { kind: 'dead_letter', errorType: decoded.errorType, error: decoded.error, attempts: 1 };
      } else {
        const { event } = decoded;
        // One contact at a time, in arrival order; a slot only while running, so a contact waiting its
        // turn never holds one.
        const contact = `${event.tenant_id}\u0000${event.payload.contact_id}`;
        const traceparent = traceparentFrom(message.properties.headers ?? undefined);
        const deps = traceparent ? { ...this.handleDeps, traceparent } : this.handleDeps;
        const handle = () => handleMessage(event, deps);
        outcome = await this.serializer.run(contact, () => this.inOrder(contact, number, () => this.slots.run(handle)));
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

  /**
   * A requeued message returns to its queue after the contact's messages this instance already holds:
   * those are requeued too, without running, so the broker gets them back in their order.
   */
  private async inOrder(
    contact: string,
    number: number,
    run: () => Promise<DeliveryOutcome>,
  ): Promise<DeliveryOutcome> {
    const through = this.requeuedThrough.get(contact);
    if (through !== undefined && number <= through) {
      return { kind: 'requeue', reason: 'an earlier message of the contact was requeued' };
    }
    if (through !== undefined) this.requeuedThrough.delete(contact);
    const outcome = await run();
    if (outcome.kind === 'requeue') {
      if (this.requeuedThrough.size >= 10_000) this.requeuedThrough.clear();
      this.requeuedThrough.set(contact, this.deliveries);
    }
    return outcome;
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
        // The CRM continues the trace of the run that wrote the answer.
        ...(row.traceparent ? { headers: { traceparent: row.traceparent } } : {}),
      },
      this.options.publishTimeoutMs,
    );
  }

  private async shutdown(): Promise<void> {
    const session = this.session;
    if (session?.consumer && session.consumerTag) {
      await session.consumer.cancel(session.consumerTag).catch(() => undefined);
    }
    // Partitioned: deliveries not started stay unacked and return to their queue when the channels close.
    await session?.claims?.cancelAll();
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
      await last.claims?.close();
      await last.consumer?.close().catch(() => undefined);
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

function withoutListenerCap(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}
