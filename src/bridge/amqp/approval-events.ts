import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  ApprovalDecisionInputSchema,
  type ApprovalService,
  type ApprovalView,
} from '../../agents/application/index.js';
import { ApprovalConflictError } from '../../agents/errors.js';
import { errorMessage, InvalidInputError, logger } from '../../shared/index.js';
import { contactOrderKey } from '../outbox/contact-order-key.js';
import type { OutboxStore } from '../outbox/outbox-store.js';
import { EnvelopeSchema, type MessageOutboundEvent } from './envelope.js';
import { EVENTS_EXCHANGE, OUTBOUND_ROUTING_KEY } from './topology.js';

/** Published (through the outbox) when a run pauses for a person. */
export const APPROVAL_REQUESTED_KEY = 'approval.requested';
/** Consumed: a person's decision, from the CRM's supervisor screen. */
export const APPROVAL_DECIDED_KEY = 'approval.decided';
/** The queue of decisions (quorum, dead-letters like the others). */
export const APPROVAL_DECISIONS_QUEUE = 'ventros.agents.approval-decisions';

/** `approval.decided`: `{approval_id, decision, arguments?, note?, decided_by?}` in the usual envelope. */
export const ApprovalDecidedEventSchema = EnvelopeSchema.extend({
  event_type: z.literal(APPROVAL_DECIDED_KEY),
  payload: ApprovalDecisionInputSchema.extend({
    approval_id: z.string().min(1).max(200),
    decided_by: z.string().max(200).optional(),
  }),
});

/** An id that is the same for every write of one event (consumers dedupe a republished one by it). */
function stableId(kind: string, approvalId: string): string {
  const h = createHash('sha256').update(`ventros.${kind}\u0000${approvalId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Connects the approvals queue to RabbitMQ through the outbox: a paused run publishes
 * `approval.requested` (the approval as its payload); a resumed run whose message came from RabbitMQ
 * sends its answer as `message.outbound`. Each is written once per approval (the inbox's exactly-once
 * write keyed by the approval id). Returns the function that disconnects it.
 */
export function connectApprovalEvents(approvals: ApprovalService, outbox: OutboxStore, notify: () => void): () => void {
  const log = logger.child({ component: 'approval-events' });
  const queue = async (kind: string, view: ApprovalView, routingKey: string, body: object, orderKey?: string) => {
    const key = `${kind}:${view.id}`;
    const written = await outbox.commitHandled(
      { eventId: key, tenantId: view.tenant_id, messageId: key },
      {
        id: stableId(kind, view.id),
        tenantId: view.tenant_id,
        eventType: routingKey,
        exchange: EVENTS_EXCHANGE,
        routingKey,
        body: JSON.stringify(body),
        ...(orderKey ? { orderKey } : {}),
      },
    );
    if (written) notify();
  };
  const offRequested = approvals.onRequested(async (view) => {
    await queue('approval.requested', view, APPROVAL_REQUESTED_KEY, {
      event_id: stableId('approval.requested', view.id),
      event_type: APPROVAL_REQUESTED_KEY,
      occurred_at: view.requested_at,
      tenant_id: view.tenant_id,
      payload: view,
    });
  });
  const offResumed = approvals.onResumed(async (view, origin, result) => {
    if (origin['surface'] !== 'amqp') return;
    const event: MessageOutboundEvent = {
      event_id: stableId('approval.resumed', view.id),
      event_type: OUTBOUND_ROUTING_KEY,
      occurred_at: new Date().toISOString(),
      tenant_id: view.tenant_id,
      payload: {
        contact_id: view.contact_id,
        session_id: view.session_id,
        tenant_id: view.tenant_id,
        text: result.response,
        agent_id: result.agent_used,
        source: 'bot',
        in_reply_to: typeof origin['message_id'] === 'string' ? origin['message_id'] : '',
        metadata: {
          agent_category: result.metadata['agent_category'] ?? 'general',
          intent: result.intent,
          confidence: result.confidence,
        },
      },
    };
    try {
      // The customer's answer: in order with the contact's other answers.
      await queue(
        'approval.resumed',
        view,
        OUTBOUND_ROUTING_KEY,
        event,
        contactOrderKey(view.tenant_id, view.contact_id),
      );
    } catch (error) {
      log.error({ err: errorMessage(error), approvalId: view.id }, 'could not queue the resumed answer');
      throw error;
    }
  });
  return () => {
    offRequested();
    offResumed();
  };
}

/**
 * Handles one `approval.decided` event: records the decision and resumes the run (its answer goes out
 * through the outbox). Idempotent by approval id: a decision on one already decided is acknowledged and
 * changes nothing. A malformed event or an unknown id is permanent (dead-lettered).
 */
export async function handleApprovalDecided(event: unknown, approvals: ApprovalService): Promise<void> {
  const parsed = ApprovalDecidedEventSchema.safeParse(event);
  if (!parsed.success)
    throw new InvalidInputError(`not a valid approval.decided event: ${z.prettifyError(parsed.error)}`);
  const { tenant_id, payload } = parsed.data;
  const { approval_id, decided_by, ...decision } = payload;
  try {
    await approvals.decide(tenant_id, approval_id, decision, { decidedBy: decided_by ?? 'amqp' });
  } catch (error) {
    if (error instanceof ApprovalConflictError) return;
    throw error;
  }
}
