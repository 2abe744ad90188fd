import type { Message, MessagePropertyHeaders } from 'amqplib';
import { attemptsOf, type OutboxMessage } from '../outbox/outbox-store.js';
import { messageIdOf } from './dead-letter.js';
import { DLQ_HEADERS } from './topology.js';

/** One dead letter, from the broker's DLQ or an outbox row given up on (`failed` / `dlq`). */
export interface DlqEntry {
  id: string;
  source: 'broker' | 'outbox';
  eventType: string;
  routingKey: string;
  /** `invalid_json`, `invalid_schema`, `timeout_error`, `delivery_limit`, `connection_error`, ... */
  errorType: string;
  error: string;
  attempts: number;
  tenantId?: string;
  /** ISO time it failed (broker) or was written (outbox). */
  at?: string;
  /** The message text, or the start of the body. */
  preview: string;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'number') return String(value);
  return undefined;
}

function count(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : Number(text(value));
  return Number.isFinite(n) ? n : undefined;
}

function parseBody(content: Buffer): Record<string, unknown> | undefined {
  try {
    const body: unknown = JSON.parse(content.toString('utf8'));
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function previewOf(body: Record<string, unknown> | undefined, raw: string): string {
  const payload = body?.['payload'];
  const fromPayload =
    typeof payload === 'object' && payload !== null ? text((payload as Record<string, unknown>)['text']) : undefined;
  const preview = (fromPayload ?? raw).replace(/\s+/g, ' ').trim();
  return preview.length > 120 ? `${preview.slice(0, 117)}...` : preview;
}

/** Reads the failure facts the bridge (or the broker's `x-death`) wrote on a dead letter. */
export function entryOfBrokerMessage(message: Message): DlqEntry {
  const headers: MessagePropertyHeaders = message.properties.headers ?? {};
  const death = headers['x-death']?.[0];
  const deathReason = text(death?.reason) ?? text(headers['x-first-death-reason']);
  const body = parseBody(message.content);
  const routingKey =
    text(headers[DLQ_HEADERS.routingKey]) ?? text(death?.['routing-keys']?.[0]) ?? message.fields.routingKey;
  const deathTime = count(death?.time?.value);
  const entry: DlqEntry = {
    id: messageIdOf(message),
    source: 'broker',
    eventType: text(body?.['event_type']) ?? text(message.properties.type) ?? routingKey,
    routingKey,
    errorType: text(headers[DLQ_HEADERS.errorType]) ?? deathReason ?? 'unknown_error',
    error:
      text(headers[DLQ_HEADERS.error]) ??
      `dead-lettered by the broker (${deathReason ?? 'unknown reason'}) from ${text(death?.queue) ?? 'a queue'}`,
    attempts: count(headers[DLQ_HEADERS.attempts]) ?? count(headers['x-delivery-count']) ?? count(death?.count) ?? 1,
    preview: previewOf(body, message.content.toString('utf8')),
  };
  const tenant = text(body?.['tenant_id']);
  if (tenant) entry.tenantId = tenant;
  const at = text(headers[DLQ_HEADERS.failedAt]) ?? (deathTime ? new Date(deathTime * 1000).toISOString() : undefined);
  if (at) entry.at = at;
  return entry;
}

/** An outbox dead letter (status `failed`, or `dlq` from older versions) as a DLQ entry. */
export function entryOfOutboxRow(row: OutboxMessage): DlqEntry {
  return {
    id: row.id,
    source: 'outbox',
    eventType: row.eventType,
    routingKey: row.routingKey,
    errorType: row.errorType ?? 'unknown_error',
    error: row.errorMessage ?? '',
    attempts: attemptsOf(row),
    tenantId: row.tenantId,
    at: new Date(row.createdAt).toISOString(),
    preview: previewOf(parseBody(Buffer.from(row.body, 'utf8')), row.body),
  };
}

/** Headers for a message sent back to work: the failure facts and the broker's death records dropped. */
export function reprocessHeaders(headers: MessagePropertyHeaders | undefined): MessagePropertyHeaders {
  const kept: MessagePropertyHeaders = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.startsWith('x-ventros-') || key.startsWith('x-death') || key.startsWith('x-first-death')) continue;
    if (key.startsWith('x-last-death') || key === 'x-delivery-count') continue;
    kept[key] = value;
  }
  kept[DLQ_HEADERS.reprocessed] = (count(headers?.[DLQ_HEADERS.reprocessed]) ?? 0) + 1;
  return kept;
}

/** The queue a dead letter came from (where reprocessing sends it back). */
export function sourceQueueOf(message: Message, fallback: string): string {
  const headers = message.properties.headers ?? {};
  return text(headers[DLQ_HEADERS.queue]) ?? text(headers['x-first-death-queue']) ?? fallback;
}
