import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage, MessageProperties, Options } from 'amqplib';
import { errorMessage, type Logger, sleep } from '../../shared/index.js';
import { confirmPublish } from './confirm-publish.js';
import { decodeMessageReceived } from './envelope.js';
import { MEMBERS_QUEUE, PARTITION_EXCHANGE, partitionKey, partitionOf, partitionQueue } from './partitions.js';
import { WORK_QUEUE } from './topology.js';

export interface PartitionClaimsOptions {
  connection: ChannelModel;
  partitions: number;
  /** Unacked deliveries per owned partition. */
  prefetch: number;
  /** Unacked deliveries of the intake while forwarding (publishes awaiting their confirm). */
  intakePrefetch?: number;
  /** This instance's name: where in the ring it starts claiming (instances spread out). */
  instanceId: string;
  /** How often ownership is checked (default 500 ms). */
  rebalanceMs?: number;
  publishTimeoutMs?: number;
  /** A delivery of an owned partition; the bridge settles it on `channel`. */
  onDelivery(message: ConsumeMessage, channel: Channel, partition: number): void;
  /** Deliveries of a partition taken but not yet settled: a partition is handed over only at 0. */
  pending(partition: number): number;
  log: Logger;
}

interface Claim {
  channel: Channel;
  /** Handing the partition over: new deliveries are left unprocessed, returned when the channel closes. */
  releasing: boolean;
  /** A delivery came: this consumer is the queue's active one (a single active consumer never changes while alive). */
  active: boolean;
}

/**
 * Shares the partition queues among the live instances with RabbitMQ's own means, no lock service:
 *
 * - each partition queue has a **single active consumer** (`x-single-active-consumer`): the broker
 *   delivers to one consumer at a time, so one contact's messages are taken by one instance, in order.
 *   An instance consumes a partition only when it has no consumer; two that raced both stay registered
 *   until the one that got no delivery leaves (the broker kept delivering to one only, meanwhile);
 * - the live instances are the consumers of {@link MEMBERS_QUEUE} (the broker drops those of a dead
 *   connection), and each aims at `ceil(partitions / instances)`: it claims free partitions and hands
 *   extra ones over — stops starting their deliveries, waits for the started ones to settle, then
 *   closes the channel, so the broker returns what it held, in order, to the next owner;
 * - an instance that dies loses its consumers with its connection; its unacked deliveries return to
 *   their queues in order, and the survivors claim the partitions;
 * - the intake (`ventros.agents.message-received`, where the CRM publishes) is single-active-consumer
 *   too: every instance consumes it, one at a time forwards each message, in order and confirmed, to
 *   its contact's partition.
 */
export class PartitionClaims {
  private readonly claims = new Map<number, Claim>();
  private intake: ConfirmChannel | undefined;
  private control: Channel | undefined;
  private stopped = false;
  private forwarding = false;
  private readonly stop = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly offset: number;

  constructor(private readonly options: PartitionClaimsOptions) {
    this.offset = partitionOf('instance', options.instanceId, options.partitions);
  }

  /** Joins the members and starts claiming (first round before it resolves). */
  async start(): Promise<void> {
    await this.rebalance();
    this.loop = this.run();
  }

  /** The channel that counts members and looks at queues; opened again if the broker closed it. */
  private async ensureControl(): Promise<Channel> {
    if (this.control) return this.control;
    const control = await this.options.connection.createChannel();
    control.on('error', (error: Error) => this.options.log.warn({ err: error }, 'amqp control channel error'));
    control.on('close', () => {
      if (this.control === control) this.control = undefined;
    });
    await control.consume(MEMBERS_QUEUE, () => undefined, { noAck: true });
    this.control = control;
    return control;
  }

  /** Partitions this instance owns now. */
  owned(): number[] {
    return [...this.claims.keys()].sort((a, b) => a - b);
  }

  /** Whether this instance has forwarded intake messages (it is, or was, the intake's active consumer). */
  holdsIntake(): boolean {
    return this.forwarding;
  }

  /** Whether a delivery on a partition should be started (false while handing it over). */
  accepts(partition: number, channel: Channel): boolean {
    const claim = this.claims.get(partition);
    return claim !== undefined && claim.channel === channel && !claim.releasing;
  }

  /** Stops claiming; channels close with the connection (their unacked deliveries return to the queues). */
  async close(): Promise<void> {
    this.stopped = true;
    this.stop.abort();
    await this.loop;
    for (const claim of this.claims.values()) await claim.channel.close().catch(() => undefined);
    this.claims.clear();
    await this.intake?.close().catch(() => undefined);
    this.intake = undefined;
    await this.control?.close().catch(() => undefined);
  }

  /** Stops claiming and starting deliveries on every owned partition, keeping what is in flight; leaves the intake. */
  async cancelAll(): Promise<void> {
    this.stopped = true;
    this.stop.abort();
    await this.loop;
    for (const claim of this.claims.values()) claim.releasing = true;
    await this.intake?.close().catch(() => undefined);
    this.intake = undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await sleep(this.options.rebalanceMs ?? 500, this.stop.signal);
      } catch {
        return;
      }
      try {
        await this.rebalance();
      } catch (error) {
        if (!this.stopped) this.options.log.warn({ err: error }, 'partition rebalance failed; retrying');
      }
    }
  }

  private async rebalance(): Promise<void> {
    if (this.stopped) return;
    const control = await this.ensureControl();
    const { partitions } = this.options;
    if (!this.intake) await this.joinIntake();
    const { consumerCount: members } = await control.checkQueue(MEMBERS_QUEUE);
    const target = Math.ceil(partitions / Math.max(1, members));
    // Two instances that claimed one partition at once: the one the broker never delivered to leaves.
    for (const [k, claim] of this.claims) {
      if (claim.active || claim.releasing || this.options.pending(k) > 0) continue;
      if ((await control.checkQueue(partitionQueue(k))).consumerCount > 1 && Math.random() < 0.5)
        this.release(k, claim);
    }
    const held = [...this.claims.entries()].filter(([, claim]) => !claim.releasing);
    if (held.length > target) {
      // One at a time, the least busy first: hand-overs stay rare and short.
      const [k, claim] = held.sort(([a], [b]) => this.options.pending(a) - this.options.pending(b))[0] ?? [];
      if (k !== undefined && claim) this.release(k, claim);
    } else if (held.length < target) {
      let have = held.length;
      for (let i = 0; i < partitions && have < target && !this.stopped; i++) {
        const k = (this.offset + i) % partitions;
        if (this.claims.has(k)) continue;
        if ((await control.checkQueue(partitionQueue(k))).consumerCount > 0) continue;
        await this.claim(k);
        have++;
      }
    }
  }

  /** Consumes partition `k` (it had no consumer a moment ago). */
  private async claim(k: number): Promise<void> {
    const channel = await this.options.connection.createChannel();
    channel.on('error', (error: Error) =>
      this.options.log.warn({ err: error, partition: k }, 'partition channel error'),
    );
    const claim: Claim = { channel, releasing: false, active: false };
    this.claims.set(k, claim);
    try {
      await channel.prefetch(this.options.prefetch);
      channel.on('close', () => this.lose(k, channel));
      await channel.consume(
        partitionQueue(k),
        (message) => {
          if (message === null) return this.lose(k, channel);
          claim.active = true;
          if (this.accepts(k, channel)) this.options.onDelivery(message, channel, k);
        },
        { noAck: false },
      );
      this.options.log.debug({ partition: k }, 'claimed a partition');
    } catch (error) {
      this.lose(k, channel);
      await channel.close().catch(() => undefined);
      throw error;
    }
  }

  private lose(k: number, channel: Channel): void {
    if (this.claims.get(k)?.channel === channel) this.claims.delete(k);
  }

  /** Hands partition `k` over once its started deliveries have settled (bounded: one run's length). */
  private release(k: number, claim: Claim): void {
    claim.releasing = true;
    void (async () => {
      for (let i = 0; i < 24_000 && this.options.pending(k) > 0; i++) await sleep(5);
      this.lose(k, claim.channel);
      await claim.channel.close().catch(() => undefined);
      this.options.log.debug({ partition: k }, 'handed a partition over');
    })();
  }

  /**
   * Consumes the intake. Every instance does; it is single-active-consumer, so one forwards and the
   * others stand by — the broker activates the next one, with the unacked messages back in order, when
   * the forwarder goes away.
   */
  private async joinIntake(): Promise<void> {
    const channel = await this.options.connection.createConfirmChannel();
    channel.on('error', (error: Error) => this.options.log.warn({ err: error }, 'intake channel error'));
    channel.on('close', () => {
      if (this.intake === channel) this.intake = undefined;
    });
    await channel.prefetch(this.options.intakePrefetch ?? 200);
    this.intake = channel;
    await channel.consume(
      WORK_QUEUE,
      (message) => {
        if (message === null) {
          if (this.intake === channel) this.intake = undefined;
          return;
        }
        this.forwarding = true;
        if (this.intake === channel) this.forward(message, channel);
      },
      { noAck: false },
    );
  }

  /**
   * Forwards one intake message to its contact's partition — published at once, so in delivery order —
   * and acks it once confirmed. A failed publish closes the intake: everything unacked returns to the
   * queue in order and is forwarded again (copies already forwarded are answered once: the inbox).
   */
  private forward(message: ConsumeMessage, channel: ConfirmChannel): void {
    const decoded = decodeMessageReceived(message.content);
    // Undecodable messages still go through a partition, whose consumer dead-letters them with the reason.
    const k = decoded.ok
      ? partitionOf(decoded.event.tenant_id, decoded.event.payload.contact_id, this.options.partitions)
      : 0;
    confirmPublish(
      channel,
      PARTITION_EXCHANGE,
      partitionKey(k),
      message.content,
      forwardedProperties(message.properties),
      this.options.publishTimeoutMs,
    ).then(
      () => {
        try {
          channel.ack(message);
        } catch {
          // The intake closed meanwhile: the message comes back and is forwarded again (answered once).
        }
      },
      (error: unknown) => {
        this.options.log.warn({ err: errorMessage(error) }, 'forwarding to a partition failed; releasing the intake');
        if (this.intake === channel) this.intake = undefined;
        void channel.close().catch(() => undefined);
      },
    );
  }
}

/**
 * The publish options of a forwarded message: its properties that are set, persistent, and its headers
 * but the broker's `x-delivery-count`. `userId` is checked against our own connection's user and
 * `clusterId` is deprecated: neither is copied. A loop, not entries/filter/fromEntries and rest
 * spreads: this runs for every message of the intake.
 */
export function forwardedProperties(properties: MessageProperties): Options.Publish {
  const options: Record<string, unknown> = {};
  for (const key in properties) {
    if (key === 'headers' || key === 'userId' || key === 'clusterId') continue;
    const value = (properties as unknown as Record<string, unknown>)[key];
    if (value !== undefined && value !== null) options[key] = value;
  }
  const headers: Record<string, unknown> = {};
  const received = properties.headers as Record<string, unknown> | undefined;
  for (const key in received) if (key !== 'x-delivery-count') headers[key] = received[key];
  options['headers'] = headers;
  options['persistent'] = true;
  return options;
}
