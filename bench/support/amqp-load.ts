import { randomUUID } from 'node:crypto';
import { type Channel, type ChannelModel, connect } from 'amqplib';
import { EVENTS_EXCHANGE, OUTBOUND_ROUTING_KEY } from '../../src/bridge/amqp/index.js';

/** What a load run measured: answers, unanswered, time to the last answer, per-message latencies. */
export interface Sample {
  done: number;
  errors: number;
  elapsedMs: number;
  latencies: number[];
}

/** The `i`-th message of a load: which contact sends what. */
export type PayloadOf = (i: number) => { contact: string; text: string };

/** The broker side of a run: publishes `message.received` like the CRM and times the answers. */
export class AmqpLoad {
  private readonly sentAt = new Map<string, number>();
  private latencies: number[] = [];
  private lastAnswer = 0;
  /** A closed loop's senders waiting for their answer, by message id. */
  private readonly waiters = new Map<string, () => void>();

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
    private readonly payload: PayloadOf,
  ) {}

  static async open(url: string, payload: PayloadOf): Promise<AmqpLoad> {
    // Nagle off, as the CRM's Go client has it (Go sets TCP_NODELAY on every connection).
    const connection = await connect(url, { noDelay: true });
    const channel = await connection.createChannel();
    await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
    const load = new AmqpLoad(connection, channel, payload);
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, EVENTS_EXCHANGE, OUTBOUND_ROUTING_KEY);
    await channel.consume(
      queue,
      (m) => {
        if (!m) return;
        const body = JSON.parse(m.content.toString('utf8')) as { payload: { in_reply_to: string } };
        const sent = load.sentAt.get(body.payload.in_reply_to);
        if (sent === undefined) return;
        load.sentAt.delete(body.payload.in_reply_to);
        load.lastAnswer = performance.now();
        load.latencies.push(load.lastAnswer - sent);
        load.waiters.get(body.payload.in_reply_to)?.();
      },
      { noAck: true },
    );
    return load;
  }

  /** Messages published and not answered yet. */
  get inFlight(): number {
    return this.sentAt.size;
  }

  /** Latencies of the answers received since the last call (a window of a long run). */
  drainLatencies(): number[] {
    const window = this.latencies;
    this.latencies = [];
    return window;
  }

  /** Publishes the `i`-th message; its message id. */
  private publish(i: number): string {
    const { contact, text } = this.payload(i);
    const messageId = `bench-${randomUUID()}`;
    const event = {
      event_id: randomUUID(),
      event_type: 'message.received',
      occurred_at: new Date().toISOString(),
      tenant_id: 'tenant-demo',
      payload: {
        message_id: messageId,
        contact_id: contact,
        session_id: `bench-${contact}`,
        tenant_id: 'tenant-demo',
        text,
        from_me: false,
        timestamp: new Date().toISOString(),
        channel_id: 'bench',
        metadata: {},
      },
    };
    this.sentAt.set(messageId, performance.now());
    this.channel.publish(EVENTS_EXCHANGE, 'message.received', Buffer.from(JSON.stringify(event)), {
      persistent: true,
      contentType: 'application/json',
    });
    return messageId;
  }

  /**
   * Closed loop, as bench/throughput.ts drives HTTP: `clients` messages in flight, each sender publishing
   * its next message once the last one is answered, until `seconds` pass. An answer not back within
   * 30 s counts as an error.
   */
  async closedLoop(clients: number, seconds: number): Promise<Sample> {
    this.latencies = [];
    this.sentAt.clear();
    let next = 0;
    let errors = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          const messageId = this.publish(next++);
          const answered = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), 30_000);
            this.waiters.set(messageId, () => {
              clearTimeout(timer);
              resolve(true);
            });
          });
          this.waiters.delete(messageId);
          if (!answered) {
            this.sentAt.delete(messageId);
            errors++;
          }
        }
      }),
    );
    return { done: this.latencies.length, errors, elapsedMs: performance.now() - started, latencies: this.latencies };
  }

  /**
   * Publishes at `rate` a second from message number `from` until `count` are out (open loop: every
   * 20 ms, what the schedule owes by now — a steady rate without a timer a message). `onTick` runs
   * every tick (sampling). Does not wait for the answers.
   */
  async publishAtRate(count: number, rate: number, from = 0, onTick?: () => void): Promise<void> {
    const started = performance.now();
    let sent = 0;
    while (sent < count) {
      const owed = Math.min(count, Math.floor(((performance.now() - started) / 1000) * rate));
      for (; sent < owed; sent++) this.publish(from + sent);
      onTick?.();
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** `count` messages at once (burst) or at `rate` a second (open loop); waits for the answers (bounded). */
  async run(count: number, rate?: number): Promise<Sample> {
    this.latencies = [];
    this.sentAt.clear();
    const started = performance.now();
    if (rate === undefined) {
      for (let i = 0; i < count; i++) this.publish(i);
    } else {
      await this.publishAtRate(count, rate);
    }
    const deadline = performance.now() + 120_000;
    while (this.latencies.length < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return {
      done: this.latencies.length,
      errors: count - this.latencies.length,
      elapsedMs: this.lastAnswer - started,
      latencies: this.latencies,
    };
  }

  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }
}
