import type { Channel } from 'amqplib';
import { DEAD_LETTER_EXCHANGE } from './topology.js';

/** Direct exchange the intake forwards customer messages to, routed by partition (`p<k>`). */
export const PARTITION_EXCHANGE = 'ventros.agents.partitions';
/** Every live instance consumes it (nothing is ever published there): its consumer count is the instance count. */
export const MEMBERS_QUEUE = 'ventros.agents.members';
/** Most partitions a deployment may configure (queues are cheap, but each holds a channel per owner). */
export const MAX_PARTITIONS = 256;

/** The queue of partition `k`: `ventros.agents.message-received.p<k>`. */
export function partitionQueue(k: number): string {
  return `ventros.agents.message-received.p${k}`;
}

/** The routing key of partition `k` on {@link PARTITION_EXCHANGE}. */
export function partitionKey(k: number): string {
  return `p${k}`;
}

/**
 * The partition of one contact: FNV-1a (32 bits) of tenant and contact, modulo the partition count. The
 * same contact always lands in the same partition, so its messages queue up in one queue, in order.
 */
export function partitionOf(tenantId: string, contactId: string, partitions: number): number {
  let hash = 0x811c9dc5;
  const text = `${tenantId}\u0000${contactId}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

/**
 * Declares the partitioned topology next to the work queue: the partition exchange, one quorum queue a
 * partition with a single active consumer (dead letters to the DLX, the same delivery limit as the work
 * queue) and the members queue. (The work queue itself is declared single-active-consumer in this mode:
 * see `declareTopology`.)
 * Idempotent; every instance must use the same partition count (a queue's arguments are fixed, and a
 * different count routes a contact elsewhere).
 */
export async function declarePartitionTopology(
  channel: Channel,
  partitions: number,
  deliveryLimit: number,
): Promise<void> {
  await channel.assertExchange(PARTITION_EXCHANGE, 'direct', { durable: true });
  for (let k = 0; k < partitions; k++) {
    await channel.assertQueue(partitionQueue(k), {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-single-active-consumer': true,
        'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE,
        'x-delivery-limit': deliveryLimit,
      },
    });
    await channel.bindQueue(partitionQueue(k), PARTITION_EXCHANGE, partitionKey(k));
  }
  await channel.assertQueue(MEMBERS_QUEUE, { durable: false, autoDelete: false });
}
