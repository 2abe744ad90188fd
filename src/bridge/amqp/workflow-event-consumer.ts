import { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage, connect } from 'amqplib';
import { errorMessage, type Logger, logger, sleep } from '../../shared/index.js';
import { backoffDelay } from '../outbox/backoff.js';
import { trackChannelErrors } from './confirm-publish.js';
import { publishDeadLetter } from './dead-letter.js';
import { AmqpBridgeError, redactUrl } from './errors.js';
import type { RunRetry } from './handle-message.js';
import { amqpSocketOptions } from './socket-options.js';
import { DEFAULT_DELIVERY_LIMIT } from './topology.js';
import { handleWorkflowDelivery, type WorkflowDeliveryOutcome } from './workflow-event-delivery.js';
import { declareWorkflowTopology, WORKFLOW_EVENTS_QUEUE } from './workflow-topology.js';

export interface WorkflowEventConsumerOptions {
  /** `amqp://user:pass@host:5672/vhost` (RABBITMQ_URL). */
  url: string;
  /**
   * The application's handler of one event (JSON as received). Throwing a permanent error
   * (`invalid_argument`, `not_found`) dead-letters the event; any other failure is retried.
   */
  handle: (event: unknown) => Promise<unknown>;
  /** The queue and its routing keys (default: the workflows' queue, `ventros.workflows.events`). */
  queue?: { name: string; routingKeys: readonly string[] };
  /** Unacked deliveries in flight (default 4). */
  prefetch?: number;
  /** Attempts and backoff within one delivery (default 3 attempts, 1 s doubling to 10 s). */
  retry?: Partial<RunRetry>;
  /** Deliveries before the broker dead-letters a message by itself (queue argument; default 10). */
  deliveryLimit?: number;
  /** Wait for the dead letter's publisher confirm this long (default 10 s). */
  publishTimeoutMs?: number;
  /** On close, let events in flight finish this long before requeueing them (default 10 s). */
  closeGraceMs?: number;
  /** Give up connecting at start after this long (default 10 s); later reconnects retry until close. */
  connectTimeoutMs?: number;
  log?: Logger;
}

/** What the consumer did so far (for /health and tests). */
export interface WorkflowEventConsumerStats {
  handled: number;
  deadLettered: number;
  requeued: number;
}

/** A running consumer of the workflows' queue. */
export interface WorkflowEventConsumer {
  connected(): boolean;
  stats(): WorkflowEventConsumerStats;
  /** Stops consuming, lets events in flight finish (or requeues them), closes the connection. */
  close(): Promise<void>;
}

interface Session {
  connection: ChannelModel;
  consumer: Channel;
  confirm: ConfirmChannel;
  consumerTag: string;
}

/**
 * Consumes `ventros.workflows.events` (bound to `contact.created`, `subscription.created`,
 * `churn_risk.detected` and `session.ended` on `ventros.events`) and hands each event to `handle`:
 * decode, call, settle — the workflows themselves are the application's. Its own connection, apart
 * from the agents' bridge. Rejects when the broker is unreachable at start; a connection lost later
 * is re-opened with backoff until `close()`.
 *
 * @example
 * const events = await startWorkflowEventConsumer({ url, handle: (e) => workflows.handleEvent(e) });
 */
export async function startWorkflowEventConsumer(
  options: WorkflowEventConsumerOptions,
): Promise<WorkflowEventConsumer> {
  const consumer = new WorkflowEventConsumerRuntime(options);
  try {
    consumer.session = await consumer.openSession(options.connectTimeoutMs ?? 10_000);
  } catch (error) {
    await consumer.close();
    throw error;
  }
  consumer.log.info({ url: redactUrl(options.url), queue: consumer.queueName }, 'events consuming');
  return consumer;
}

class WorkflowEventConsumerRuntime implements WorkflowEventConsumer {
  readonly log: Logger;
  session: Session | undefined;
  private readonly inflight = new Set<Promise<void>>();
  private readonly abandon = new AbortController();
  private readonly counters: WorkflowEventConsumerStats = { handled: 0, deadLettered: 0, requeued: 0 };
  private readonly retry: RunRetry;
  private closing: Promise<void> | undefined;
  private reconnecting: Promise<void> | undefined;

  readonly queueName: string;

  constructor(private readonly options: WorkflowEventConsumerOptions) {
    this.queueName = options.queue?.name ?? WORKFLOW_EVENTS_QUEUE;
    this.log = options.log ?? logger.child({ component: 'workflow-events' });
    this.retry = { maxAttempts: 3, baseMs: 1_000, maxMs: 10_000, ...options.retry };
  }

  connected(): boolean {
    return this.session !== undefined;
  }

  stats(): WorkflowEventConsumerStats {
    return { ...this.counters };
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  async openSession(timeoutMs: number): Promise<Session> {
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
      connection.on('error', (error: Error) => this.log.warn({ err: error }, 'amqp connection error'));
      const confirm = await connection.createConfirmChannel();
      confirm.on('error', (error: Error) => this.log.warn({ err: error }, 'amqp publish channel error'));
      trackChannelErrors(confirm);
      await declareWorkflowTopology(
        confirm,
        this.options.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT,
        this.queueName,
        this.options.queue?.routingKeys,
      );
      const consumer = await connection.createChannel();
      consumer.on('error', (error: Error) => this.log.warn({ err: error }, 'amqp consumer channel error'));
      await consumer.prefetch(this.options.prefetch ?? 4);
      const { consumerTag } = await consumer.consume(this.queueName, (message) => this.onDelivery(message, consumer), {
        noAck: false,
      });
      const session: Session = { connection, consumer, confirm, consumerTag };
      const lost = () => this.onSessionLost(session);
      connection.on('close', lost);
      consumer.on('close', lost);
      confirm.on('close', lost);
      return session;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw new AmqpBridgeError('unavailable', `cannot set up the workflow events queue: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }

  private onSessionLost(session: Session): void {
    if (this.session !== session) return;
    this.session = undefined;
    void session.connection.close().catch(() => undefined);
    if (this.closing) return;
    this.log.warn('lost the RabbitMQ session of workflow events; reconnecting');
    this.reconnecting ??= this.reconnect().finally(() => {
      this.reconnecting = undefined;
    });
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 1; !this.closing; attempt++) {
      try {
        await sleep(backoffDelay(attempt, { baseMs: 500, maxMs: 30_000 }), this.abandon.signal);
        const session = await this.openSession(10_000);
        if (this.closing) {
          await session.connection.close().catch(() => undefined);
          return;
        }
        this.session = session;
        this.log.info({ attempt }, 'workflow events reconnected');
        return;
      } catch (error) {
        if (this.abandon.signal.aborted) return;
        this.log.warn({ err: error, attempt }, 'workflow events reconnect failed');
      }
    }
  }

  private onDelivery(message: ConsumeMessage | null, channel: Channel): void {
    if (message === null) {
      if (this.session?.consumer === channel) this.onSessionLost(this.session);
      return;
    }
    const task = this.handleDelivery(message, channel);
    this.inflight.add(task);
    void task.finally(() => this.inflight.delete(task));
  }

  private async handleDelivery(message: ConsumeMessage, channel: Channel): Promise<void> {
    const outcome = await handleWorkflowDelivery(message.content, {
      handle: this.options.handle,
      retry: this.retry,
      closing: this.abandon.signal,
    });
    await this.settle(message, channel, outcome);
  }

  private async settle(message: ConsumeMessage, channel: Channel, outcome: WorkflowDeliveryOutcome): Promise<void> {
    try {
      if (outcome.kind === 'ack') {
        channel.ack(message);
        this.counters.handled++;
        return;
      }
      if (outcome.kind === 'requeue') {
        channel.nack(message, false, true);
        this.counters.requeued++;
        return;
      }
      this.log.warn({ errorType: outcome.errorType, error: outcome.error }, 'dead-lettering a workflow event');
      try {
        const confirm = this.session?.confirm;
        if (!confirm) throw new AmqpBridgeError('unavailable', 'no publish channel');
        await publishDeadLetter(confirm, message, outcome, this.options.publishTimeoutMs, this.queueName);
        channel.ack(message);
      } catch (error) {
        this.log.warn({ err: error }, 'could not publish the dead letter; rejecting to the DLX instead');
        channel.nack(message, false, false);
      }
      this.counters.deadLettered++;
    } catch (error) {
      this.log.warn({ err: error }, 'could not settle a workflow event (channel closed); the broker will redeliver it');
    }
  }

  private async shutdown(): Promise<void> {
    const session = this.session;
    if (session) await session.consumer.cancel(session.consumerTag).catch(() => undefined);
    await this.drainInflight(this.options.closeGraceMs ?? 10_000);
    this.abandon.abort();
    await this.drainInflight(5_000);
    await this.reconnecting;
    const last = this.session;
    this.session = undefined;
    if (last) {
      await last.consumer.close().catch(() => undefined);
      await last.confirm.close().catch(() => undefined);
      await last.connection.close().catch(() => undefined);
    }
    this.log.info(this.counters, 'workflow events closed');
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
