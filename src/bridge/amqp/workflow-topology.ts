import type { Channel } from 'amqplib';
import { WORKFLOW_EVENT_TYPES } from '../../agents/durable-workflows/workflow-events.js';
import { DEAD_LETTER_EXCHANGE, DEAD_LETTER_QUEUE, DEFAULT_DELIVERY_LIMIT, EVENTS_EXCHANGE } from './topology.js';

/**
 * The workflows' queue (quorum): the CRM events that start durable workflows or feed memory. Its own
 * queue, apart from the agents' `message.received` work queue, so a slow agent run never delays a
 * workflow start and each scales on its own.
 */
export const WORKFLOW_EVENTS_QUEUE = 'ventros.workflows.events';

/** The routing keys bound to {@link WORKFLOW_EVENTS_QUEUE}. */
export const WORKFLOW_ROUTING_KEYS: readonly string[] = WORKFLOW_EVENT_TYPES;

/**
 * Declares the workflows' queue (or another event queue of the same kind: `queue`, `routingKeys`) and its bindings (plus the exchanges and the DLQ it dead-letters to,
 * which the agents' bridge declares too). Idempotent.
 */
export async function declareWorkflowTopology(
  channel: Channel,
  deliveryLimit = DEFAULT_DELIVERY_LIMIT,
  queue = WORKFLOW_EVENTS_QUEUE,
  routingKeys: readonly string[] = WORKFLOW_ROUTING_KEYS,
): Promise<void> {
  await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
  await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'topic', { durable: true });
  await channel.assertQueue(queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE,
      'x-delivery-limit': deliveryLimit,
    },
  });
  for (const key of routingKeys) await channel.bindQueue(queue, EVENTS_EXCHANGE, key);
  await channel.assertQueue(DEAD_LETTER_QUEUE, { durable: true });
  await channel.bindQueue(DEAD_LETTER_QUEUE, DEAD_LETTER_EXCHANGE, '#');
}
