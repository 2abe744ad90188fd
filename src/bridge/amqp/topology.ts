import type { Channel } from 'amqplib';

/** The exchange every Ventros event goes through (topic, durable). */
export const EVENTS_EXCHANGE = 'ventros.events';
/** Where failed deliveries go (topic, durable; the DLQ binds to every key). */
export const DEAD_LETTER_EXCHANGE = 'ventros.events.dlx';
/** The agents' work queue (quorum): customer messages to answer. */
export const WORK_QUEUE = 'ventros.agents.message-received';
/** Dead letters of the work queue, kept for `ventros dlq`. */
export const DEAD_LETTER_QUEUE = 'ventros.agents.dlq';
export const INBOUND_ROUTING_KEY = 'message.received';
export const OUTBOUND_ROUTING_KEY = 'message.outbound';

/**
 * Header names the bridge writes on a dead letter, so `ventros dlq` can say why it failed.
 * `queue` and `routingKey` say where a reprocessed message goes back to.
 */
export const DLQ_HEADERS = {
  errorType: 'x-ventros-error-type',
  error: 'x-ventros-error',
  attempts: 'x-ventros-attempts',
  failedAt: 'x-ventros-failed-at',
  queue: 'x-ventros-queue',
  routingKey: 'x-ventros-routing-key',
  reprocessed: 'x-ventros-reprocessed',
} as const;

/** Deliveries of one message before the broker itself dead-letters it (crash loops, lost channels). */
export const DEFAULT_DELIVERY_LIMIT = 10;

/**
 * Declares the bridge's exchanges, queues and bindings. Idempotent: safe on every start and from
 * `ventros dlq`; it fails only when a queue already exists with other arguments. `partitioned`: the
 * work queue has a single active consumer — the instance that forwards it to the partitions (see
 * `partitions.ts`); a broker runs one mode or the other (a queue's arguments are fixed at creation).
 */
export async function declareTopology(
  channel: Channel,
  deliveryLimit = DEFAULT_DELIVERY_LIMIT,
  options: { partitioned?: boolean } = {},
): Promise<void> {
  await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
  await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'topic', { durable: true });
  await channel.assertQueue(WORK_QUEUE, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      ...(options.partitioned ? { 'x-single-active-consumer': true } : {}),
      'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE,
      'x-delivery-limit': deliveryLimit,
    },
  });
  await channel.bindQueue(WORK_QUEUE, EVENTS_EXCHANGE, INBOUND_ROUTING_KEY);
  await channel.assertQueue(DEAD_LETTER_QUEUE, { durable: true });
  await channel.bindQueue(DEAD_LETTER_QUEUE, DEAD_LETTER_EXCHANGE, '#');
}
