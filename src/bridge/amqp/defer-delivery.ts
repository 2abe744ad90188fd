import type { ConfirmChannel, Message } from 'amqplib';
import { confirmPublish } from './confirm-publish.js';
import { publishOptionsOf } from './dead-letter.js';
import { WORK_QUEUE } from './topology.js';

/** Header counting how many times a delivery was put back for a tenant limit (for people reading it). */
export const DEFERRALS_HEADER = 'x-ventros-deferrals';

/** Longest wait before a delivery refused by a tenant limit goes back to the queue. */
export const MAX_DEFER_MS = 30_000;

/**
 * Puts a delivery back at the end of the work queue as a new message (a confirmed copy, then the
 * caller acks the original). Unlike a requeue (nack), the copy starts with a fresh delivery count, so
 * a message waiting for its tenant's limit to reset is never dead-lettered by the queue's delivery limit.
 */
export async function republishDeferred(
  confirm: ConfirmChannel,
  message: Message,
  publishTimeoutMs?: number,
): Promise<void> {
  const headers = { ...(message.properties.headers ?? {}) };
  const previous = Number(headers[DEFERRALS_HEADER] ?? 0);
  headers[DEFERRALS_HEADER] = Number.isFinite(previous) ? previous + 1 : 1;
  // Not quorum bookkeeping of the original: a copy must not inherit its delivery count.
  delete headers['x-delivery-count'];
  await confirmPublish(confirm, '', WORK_QUEUE, message.content, publishOptionsOf(message, headers), publishTimeoutMs);
}
