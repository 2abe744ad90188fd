import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { OutboundMessage } from '../../agents/durable-workflows/index.js';
import { InvalidInputError } from '../../shared/index.js';
import { contactOrderKey } from '../outbox/contact-order-key.js';
import type { OutboxStore } from '../outbox/outbox-store.js';
import { type MessageOutboundEvent, WorkflowOutboundPayloadSchema } from './envelope.js';
import { EVENTS_EXCHANGE, OUTBOUND_ROUTING_KEY } from './topology.js';

/**
 * The event id of a workflow step's message: a UUID-shaped hash of the step's idempotency key, so every
 * attempt of the step builds the same envelope (and consumers dedupe a republished one by it).
 *
 * @example workflowOutboundId('lead-nurturing-c1@t1/4:send_welcome') // '3f1c…-…' (always the same)
 */
export function workflowOutboundId(idempotencyKey: string): string {
  const h = createHash('sha256').update(`ventros.workflow-outbound\u0000${idempotencyKey}`).digest('hex');
  const variant = ((Number.parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The `message.outbound` envelope of a workflow's message (see `WorkflowOutboundPayloadSchema`). Throws
 * InvalidInputError when the message lacks what the contract requires (a workflow's bug, not the
 * customer's).
 */
export function buildWorkflowOutboundEvent(
  message: OutboundMessage,
  eventId: string,
  occurredAt = new Date(),
): MessageOutboundEvent {
  const parsed = WorkflowOutboundPayloadSchema.safeParse({
    contact_id: message.contactId,
    session_id: message.sessionId ?? message.metadata['workflow_id'] ?? '',
    tenant_id: message.tenantId,
    text: message.text,
    agent_id: message.agentId,
    source: message.source,
    metadata: message.metadata,
  });
  if (!parsed.success) {
    throw new InvalidInputError(`not a valid workflow message.outbound: ${z.prettifyError(parsed.error)}`);
  }
  return {
    event_id: eventId,
    event_type: OUTBOUND_ROUTING_KEY,
    occurred_at: occurredAt.toISOString(),
    tenant_id: message.tenantId,
    payload: parsed.data,
  };
}

/**
 * Writes a workflow's message to the outbox as a pending `message.outbound` row, once per idempotency
 * key: the key is recorded as handled in the same transaction that writes the row (`commitHandled`,
 * the inbox's exactly-once write), so a step that runs again after a crash writes nothing the second
 * time. The outbox publisher then sends it exactly like an agent's answer. Returns the row's id and
 * whether this call wrote it.
 */
export async function queueWorkflowOutbound(
  store: OutboxStore,
  message: OutboundMessage,
  idempotencyKey: string,
): Promise<{ id: string; queued: boolean }> {
  const id = workflowOutboundId(idempotencyKey);
  const event = buildWorkflowOutboundEvent(message, id);
  const key = `workflow:${idempotencyKey}`;
  const queued = await store.commitHandled(
    { eventId: key, tenantId: message.tenantId, messageId: key },
    {
      id,
      tenantId: message.tenantId,
      eventType: event.event_type,
      exchange: EVENTS_EXCHANGE,
      routingKey: OUTBOUND_ROUTING_KEY,
      body: JSON.stringify(event),
      orderKey: contactOrderKey(message.tenantId, message.contactId),
    },
  );
  return { id, queued };
}
