import { createHash } from 'node:crypto';
import type { ConfirmChannel, Message, MessagePropertyHeaders, Options } from 'amqplib';
import { confirmPublish } from './confirm-publish.js';
import { DEAD_LETTER_EXCHANGE, DLQ_HEADERS, WORK_QUEUE } from './topology.js';

/** Why a delivery is dead-lettered, as written in its headers. */
export interface DeadLetterReason {
  errorType: string;
  error: string;
  attempts: number;
}

/**
 * The id `ventros dlq` shows for a message: its AMQP `message-id`, else the envelope's `event_id`,
 * else a hash of the body (invalid JSON has neither).
 */
export function messageIdOf(message: Pick<Message, 'content' | 'properties'>): string {
  const fromProps: unknown = message.properties.messageId;
  if (typeof fromProps === 'string' && fromProps) return fromProps;
  try {
    const body: unknown = JSON.parse(message.content.toString('utf8'));
    const eventId =
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['event_id'] : undefined;
    if (typeof eventId === 'string' && eventId) return eventId;
  } catch {
    // not JSON: fall through to the hash
  }
  return `sha256-${createHash('sha256').update(message.content).digest('hex').slice(0, 16)}`;
}

/** The publish options of a message, as given, with `headers` replaced. */
export function publishOptionsOf(message: Message, headers: MessagePropertyHeaders): Options.Publish {
  const p = message.properties;
  const options: Options.Publish = { persistent: true, headers, messageId: messageIdOf(message) };
  if (p.contentType) options.contentType = p.contentType;
  if (p.contentEncoding) options.contentEncoding = p.contentEncoding;
  if (p.correlationId) options.correlationId = p.correlationId;
  if (p.type) options.type = p.type;
  if (p.appId) options.appId = p.appId;
  if (typeof p.timestamp === 'number') options.timestamp = p.timestamp;
  return options;
}

/**
 * Copies a failed delivery to the dead-letter exchange with the reason in its headers, and resolves
 * once the broker confirmed the copy; the caller then acks the original. (A plain nack would lose the
 * reason: the broker's `x-death` says only "rejected".)
 */
export async function publishDeadLetter(
  channel: ConfirmChannel,
  message: Message,
  reason: DeadLetterReason,
  timeoutMs?: number,
  /** The queue it failed in (where `ventros dlq reprocess` sends it back). */
  queue: string = WORK_QUEUE,
): Promise<void> {
  const headers: MessagePropertyHeaders = {
    ...(message.properties.headers ?? {}),
    [DLQ_HEADERS.errorType]: reason.errorType,
    [DLQ_HEADERS.error]: reason.error.slice(0, 1000),
    [DLQ_HEADERS.attempts]: reason.attempts,
    [DLQ_HEADERS.failedAt]: new Date().toISOString(),
    [DLQ_HEADERS.queue]: queue,
    [DLQ_HEADERS.routingKey]: message.fields.routingKey,
  };
  await confirmPublish(
    channel,
    DEAD_LETTER_EXCHANGE,
    message.fields.routingKey,
    message.content,
    publishOptionsOf(message, headers),
    timeoutMs,
  );
}
