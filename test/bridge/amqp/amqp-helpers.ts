import { randomUUID } from 'node:crypto';
import { type Channel, type ChannelModel, type ConsumeMessage, connect, type GetMessage } from 'amqplib';
import type { AgentApplication, AgentRequest } from '../../../src/agents/application/index.js';
import {
  DEAD_LETTER_QUEUE,
  declareTopology,
  EVENTS_EXCHANGE,
  type MessageOutboundEvent,
  MessageOutboundEventSchema,
  OUTBOUND_ROUTING_KEY,
  WORK_QUEUE,
} from '../../../src/bridge/amqp/index.js';

export const RABBITMQ_URL = process.env['RABBITMQ_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

/** Waits (bounded) until `check` returns a value other than undefined/false. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A `message.received` envelope (the CRM's shape). */
export function inboundEvent(
  overrides: {
    text?: string;
    contactId?: string;
    tenantId?: string;
    fromMe?: boolean;
    eventId?: string;
    messageId?: string;
  } = {},
) {
  const tenantId = overrides.tenantId ?? 'tenant-demo';
  return {
    event_id: overrides.eventId ?? randomUUID(),
    event_type: 'message.received',
    occurred_at: new Date().toISOString(),
    tenant_id: tenantId,
    payload: {
      message_id: overrides.messageId ?? `msg-${randomUUID()}`,
      contact_id: overrides.contactId ?? 'contact-carlos',
      session_id: `session-${overrides.contactId ?? 'contact-carlos'}`,
      tenant_id: tenantId,
      text: overrides.text ?? 'Quero cancelar, está muito caro',
      from_me: overrides.fromMe ?? false,
      timestamp: new Date().toISOString(),
      channel_id: 'whatsapp-1',
      metadata: { source: 'test' },
    },
  };
}

/**
 * The test's own broker side: publishes inbound events like the CRM, collects `message.outbound`
 * events from a queue of its own, and resets the bridge's fixed queues between tests.
 */
export class BrokerProbe {
  readonly outbound: MessageOutboundEvent[] = [];
  /** The AMQP headers of each outbound message, in the same order. */
  readonly outboundHeaders: Array<Record<string, unknown>> = [];
  /** Outbound messages that are not valid `message.outbound` envelopes. */
  readonly malformed: string[] = [];
  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
  ) {}

  /** On the run's vhost, or `url`'s (a file that runs the bridge next to amqp-bridge.test.ts needs its own). */
  static async open(url = RABBITMQ_URL): Promise<BrokerProbe> {
    const connection = await connect(url);
    const channel = await connection.createChannel();
    await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
    const probe = new BrokerProbe(connection, channel);
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, EVENTS_EXCHANGE, OUTBOUND_ROUTING_KEY);
    await channel.consume(
      queue,
      (m: ConsumeMessage | null) => {
        if (!m) return;
        const parsed = MessageOutboundEventSchema.safeParse(JSON.parse(m.content.toString('utf8')));
        if (parsed.success) {
          probe.outbound.push(parsed.data);
          probe.outboundHeaders.push({ ...(m.properties.headers ?? {}) });
        } else probe.malformed.push(m.content.toString('utf8'));
      },
      { noAck: true },
    );
    return probe;
  }

  /**
   * Empties the bridge's queues (they are fixed names) so every test starts clean. Purged rather than
   * deleted: a quorum queue deleted and re-declared at once can swallow the first publishes.
   */
  async resetQueues(): Promise<void> {
    await declareTopology(this.channel);
    await this.channel.purgeQueue(WORK_QUEUE);
    await this.channel.purgeQueue(DEAD_LETTER_QUEUE);
    this.outbound.length = 0;
    this.outboundHeaders.length = 0;
    this.malformed.length = 0;
  }

  publish(event: unknown, headers?: Record<string, string>): void {
    const body = typeof event === 'string' ? Buffer.from(event) : Buffer.from(JSON.stringify(event));
    this.channel.publish(EVENTS_EXCHANGE, 'message.received', body, {
      persistent: true,
      contentType: 'application/json',
      ...(headers ? { headers } : {}),
    });
  }

  async queueStats(queue: string): Promise<{ messageCount: number; consumerCount: number }> {
    const { messageCount, consumerCount } = await this.channel.checkQueue(queue);
    return { messageCount, consumerCount };
  }

  /** Reads (and removes) every message in the DLQ. */
  async drainDlq(): Promise<GetMessage[]> {
    const all: GetMessage[] = [];
    for (let i = 0; i < 1000; i++) {
      const m = await this.channel.get(DEAD_LETTER_QUEUE, { noAck: true });
      if (m === false) break;
      all.push(m);
    }
    return all;
  }

  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }
}

/** Wraps an application: `failures` decides, per call number (1-based), whether to throw instead. */
export function flakyApp(
  app: AgentApplication,
  failWith: (call: number, request: AgentRequest) => Error | undefined,
): AgentApplication & { calls: AgentRequest[] } {
  const calls: AgentRequest[] = [];
  return {
    calls,
    async execute(request) {
      calls.push(request);
      const error = failWith(calls.length, request);
      if (error) throw error;
      return app.execute(request);
    },
    stream: (request) => app.stream(request),
    agents: () => app.agents(),
    templates: () => app.templates(),
  };
}
