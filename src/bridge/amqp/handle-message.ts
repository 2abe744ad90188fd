import { randomUUID } from 'node:crypto';
import type { AgentApplication, AgentRequest, ExecutionResult } from '../../agents/application/index.js';
import { errorMessage, RateLimitedError, sleep } from '../../shared/index.js';
import { type Backoff, backoffDelay } from '../outbox/backoff.js';
import { contactOrderKey } from '../outbox/contact-order-key.js';
import type { InboxKey, OutboxStore } from '../outbox/outbox-store.js';
import { classifyRunFailure } from './classify-error.js';
import { MAX_DEFER_MS } from './defer-delivery.js';
import { buildOutboundEvent, type MessageReceivedEvent } from './envelope.js';
import { EVENTS_EXCHANGE, OUTBOUND_ROUTING_KEY } from './topology.js';

/** What to do with a delivery once handled. A discriminated union: the bridge applies it to the channel. */
export type DeliveryOutcome =
  | { kind: 'ack'; reason: 'answered' | 'from_me' | 'duplicate' }
  | { kind: 'dead_letter'; errorType: string; error: string; attempts: number }
  /** Put it back (shutting down, or our own store failed): the broker redelivers, bounded by its delivery limit. */
  | { kind: 'requeue'; reason: string }
  /**
   * The tenant is over a limit: after a wait, a fresh copy goes to the end of the queue (never the DLQ,
   * whatever the delivery limit) and the original is acked.
   */
  | { kind: 'defer'; reason: string };

/** Retries of a run that failed transiently, within one delivery. */
export interface RunRetry extends Backoff {
  /** Attempts in all, the first included (default 3). */
  maxAttempts: number;
}

export interface HandleMessageDeps {
  app: AgentApplication;
  store: OutboxStore;
  /** The agent that answers (default `auto`: routed by the message). */
  agent: string;
  /** Deadline of each run attempt. */
  timeoutMs: number;
  retry: RunRetry;
  /** Fires when the bridge is closing: the run is abandoned and the message requeued. */
  closing: AbortSignal;
  /** Called after an answer was committed to the outbox (wakes the publisher). */
  onCommitted?: () => void;
  /** Longest wait before a delivery refused by a tenant limit goes back to the queue (MAX_DEFER_MS). */
  maxDeferMs?: number;
  /** The delivery's W3C trace context (its `traceparent` header): the run and the answer continue it. */
  traceparent?: string;
}

/**
 * Handles one valid `message.received` event: skip our own messages and ones already answered, run the
 * agent with a deadline (transient failures retried with backoff), then write the answer to the outbox
 * in the same transaction that marks the message handled. Never throws.
 */
export async function handleMessage(event: MessageReceivedEvent, deps: HandleMessageDeps): Promise<DeliveryOutcome> {
  const { payload } = event;
  if (payload.from_me) return { kind: 'ack', reason: 'from_me' };
  const key: InboxKey = { eventId: event.event_id, tenantId: event.tenant_id, messageId: payload.message_id };
  try {
    if (await withStoreRetries(() => deps.store.isHandled(key), deps.closing))
      return { kind: 'ack', reason: 'duplicate' };
  } catch (error) {
    return { kind: 'requeue', reason: `inbox lookup failed: ${errorMessage(error)}` };
  }

  const run = await runWithRetries(event, deps);
  if (run.kind !== 'ok') return run.outcome;

  const result = run.result;
  const outboundId = randomUUID();
  const outbound = buildOutboundEvent({
    eventId: outboundId,
    inbound: event,
    text: result.response,
    agentId: result.agent_used,
    agentCategory: result.metadata['agent_category'] ?? 'general',
    intent: result.intent,
    confidence: result.confidence,
  });
  try {
    // Retried here rather than requeued: a requeued message comes back after the contact's later ones.
    const committed = await withStoreRetries(
      () =>
        deps.store.commitHandled(key, {
          id: outboundId,
          tenantId: event.tenant_id,
          eventType: outbound.event_type,
          exchange: EVENTS_EXCHANGE,
          routingKey: OUTBOUND_ROUTING_KEY,
          body: JSON.stringify(outbound),
          orderKey: contactOrderKey(event.tenant_id, event.payload.contact_id),
          ...(deps.traceparent ? { traceparent: deps.traceparent } : {}),
        }),
      deps.closing,
    );
    if (!committed) return { kind: 'ack', reason: 'duplicate' };
  } catch (error) {
    return { kind: 'requeue', reason: `outbox write failed: ${errorMessage(error)}` };
  }
  deps.onCommitted?.();
  return { kind: 'ack', reason: 'answered' };
}

/**
 * A store call (inbox lookup, commit) with a few retries on failure — a busy database, a pool timeout
 * under load. Safe: the lookup reads, and the commit inserts nothing twice (the inbox row is the key).
 */
async function withStoreRetries<T>(call: () => Promise<T>, closing: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= STORE_ATTEMPTS || closing.aborted) throw error;
      await sleep(backoffDelay(attempt, { baseMs: 250, maxMs: 2_000 }), closing).catch(() => undefined);
    }
  }
}

const STORE_ATTEMPTS = 4;

type RunAttempts = { kind: 'ok'; result: ExecutionResult } | { kind: 'failed'; outcome: DeliveryOutcome };

async function runWithRetries(event: MessageReceivedEvent, deps: HandleMessageDeps): Promise<RunAttempts> {
  const request = toRequest(event, deps);
  const maxAttempts = Math.max(1, deps.retry.maxAttempts);
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (deps.closing.aborted) return { kind: 'failed', outcome: { kind: 'requeue', reason: 'bridge closing' } };
    try {
      return { kind: 'ok', result: await deps.app.execute({ ...request, signal: deps.closing }) };
    } catch (error) {
      if (deps.closing.aborted) return { kind: 'failed', outcome: { kind: 'requeue', reason: 'bridge closing' } };
      if (error instanceof RateLimitedError) {
        return { kind: 'failed', outcome: await deferral(error, deps.maxDeferMs ?? MAX_DEFER_MS, deps.closing) };
      }
      const failure = classifyRunFailure(error);
      if (!failure.transient || attempt >= maxAttempts) {
        const outcome: DeliveryOutcome = {
          kind: 'dead_letter',
          errorType: failure.errorType,
          error: errorMessage(error),
          attempts: attempt,
        };
        return { kind: 'failed', outcome };
      }
      try {
        await sleep(backoffDelay(attempt, deps.retry), deps.closing);
      } catch {
        return { kind: 'failed', outcome: { kind: 'requeue', reason: 'bridge closing' } };
      }
    }
  }
  // Unreachable: the last attempt returns above.
  return { kind: 'failed', outcome: { kind: 'requeue', reason: 'attempts exhausted' } };
}

/** Waits until the limit may have reset (at most MAX_DEFER_MS), then asks for the delivery to be deferred. */
async function deferral(error: RateLimitedError, maxMs: number, closing: AbortSignal): Promise<DeliveryOutcome> {
  try {
    await sleep(Math.min(Math.max(error.retryAfterMs, 1_000), maxMs), closing);
  } catch {
    return { kind: 'requeue', reason: 'bridge closing' };
  }
  return { kind: 'defer', reason: error.message };
}

function toRequest(event: MessageReceivedEvent, deps: HandleMessageDeps): AgentRequest {
  const { payload } = event;
  const request: AgentRequest = {
    agent: deps.agent,
    message: payload.text,
    tenantId: event.tenant_id,
    contactId: payload.contact_id,
    sessionId: payload.session_id,
    messageId: payload.message_id,
    // Tool calls are keyed by the event and their position: a redelivered message writes nothing twice.
    idempotencyKey: event.event_id,
    timeoutMs: deps.timeoutMs,
    // A customer's own message: customer-facing agents, the sender's own data.
    audience: 'customer',
  };
  if (payload.channel_id) request.channelId = payload.channel_id;
  // Kept with an approval the run may wait for: the resumed answer goes back as message.outbound.
  request.origin = { surface: 'amqp', event_id: event.event_id, message_id: payload.message_id };
  if (deps.traceparent) request.traceparent = deps.traceparent;
  // The runner's context is a string map: keep the metadata's string values only.
  const context = Object.entries(payload.metadata ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
  if (context.length > 0) request.context = Object.fromEntries(context.slice(0, 32));
  return request;
}
