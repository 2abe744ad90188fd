import { z } from 'zod';
import { INBOUND_ROUTING_KEY, OUTBOUND_ROUTING_KEY } from './topology.js';

const id = z.string().trim().min(1).max(200);

/** Payload of `message.received`: one customer (or agent, `from_me`) message seen by the CRM. */
export const MessageReceivedPayloadSchema = z.object({
  message_id: id,
  contact_id: id,
  session_id: id,
  tenant_id: id,
  text: z.string().max(20_000),
  from_me: z.boolean(),
  timestamp: z.union([z.string(), z.number()]),
  channel_id: z.string().max(200).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type MessageReceivedPayload = z.infer<typeof MessageReceivedPayloadSchema>;

/** The envelope every Ventros event travels in. */
export const EnvelopeSchema = z.object({
  event_id: id,
  event_type: z.string().min(1).max(200),
  occurred_at: z.string().min(1).max(100),
  tenant_id: id,
  payload: z.unknown(),
});

/** A `message.received` event; the envelope's tenant must be the payload's. */
export const MessageReceivedEventSchema = EnvelopeSchema.extend({
  event_type: z.literal(INBOUND_ROUTING_KEY),
  payload: MessageReceivedPayloadSchema,
}).refine((event) => event.tenant_id === event.payload.tenant_id, {
  message: 'tenant_id of the envelope and of the payload differ',
  path: ['payload', 'tenant_id'],
});
export type MessageReceivedEvent = z.infer<typeof MessageReceivedEventSchema>;

const outboundBase = {
  contact_id: z.string(),
  session_id: z.string(),
  tenant_id: z.string(),
  text: z.string(),
  agent_id: z.string(),
};

/** Payload of `message.outbound` answering a customer's message: `source: "bot"`, `in_reply_to` its id. */
export const AnswerOutboundPayloadSchema = z.object({
  ...outboundBase,
  source: z.literal('bot'),
  in_reply_to: z.string(),
  metadata: z.object({ agent_category: z.string(), intent: z.string(), confidence: z.number() }),
});
export type AnswerOutboundPayload = z.infer<typeof AnswerOutboundPayloadSchema>;

/**
 * Payload of `message.outbound` a durable workflow sends on its own day, replying to nothing (no
 * `in_reply_to`): `source` is the seed's `sequence` (lead nurturing, retention campaign) or `system`
 * (onboarding). `session_id` is the workflow's agent session (its id); `metadata` names the workflow,
 * the workflow id, the step and usually a `reason` (`welcome`, `low_engagement`, ...).
 */
export const WorkflowOutboundPayloadSchema = z.object({
  ...outboundBase,
  source: z.enum(['sequence', 'system']),
  in_reply_to: z.never().optional(),
  metadata: z
    .object({ agent_category: z.string(), workflow: z.string(), workflow_id: z.string(), step: z.string() })
    .catchall(z.string()),
});
export type WorkflowOutboundPayload = z.infer<typeof WorkflowOutboundPayloadSchema>;

/** Payload of `message.outbound`: an agent's answer, or a durable workflow's message (by `source`). */
export const MessageOutboundPayloadSchema = z.discriminatedUnion('source', [
  AnswerOutboundPayloadSchema,
  WorkflowOutboundPayloadSchema,
]);
export type MessageOutboundPayload = z.infer<typeof MessageOutboundPayloadSchema>;

export const MessageOutboundEventSchema = EnvelopeSchema.extend({
  event_type: z.literal(OUTBOUND_ROUTING_KEY),
  payload: MessageOutboundPayloadSchema,
});
export type MessageOutboundEvent = z.infer<typeof MessageOutboundEventSchema>;

/** Why a delivery could not be decoded; both are permanent (the same bytes fail again). */
export type DecodeFailure = { ok: false; errorType: 'invalid_json' | 'invalid_schema'; error: string };

/** Parses and validates a delivery's body. Never throws. */
export function decodeMessageReceived(content: Buffer): { ok: true; event: MessageReceivedEvent } | DecodeFailure {
  let raw: unknown;
  try {
    raw = JSON.parse(content.toString('utf8'));
  } catch (error) {
    return { ok: false, errorType: 'invalid_json', error: `body is not JSON: ${(error as Error).message}` };
  }
  const parsed = MessageReceivedEventSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, errorType: 'invalid_schema', error: `not a message.received event: ${issues}` };
  }
  return { ok: true, event: parsed.data };
}

/** The outbound envelope answering `inbound`. */
export function buildOutboundEvent(options: {
  eventId: string;
  inbound: MessageReceivedEvent;
  text: string;
  agentId: string;
  agentCategory: string;
  intent: string;
  confidence: number;
  occurredAt?: Date;
}): MessageOutboundEvent {
  const { inbound } = options;
  return {
    event_id: options.eventId,
    event_type: OUTBOUND_ROUTING_KEY,
    occurred_at: (options.occurredAt ?? new Date()).toISOString(),
    tenant_id: inbound.tenant_id,
    payload: {
      contact_id: inbound.payload.contact_id,
      session_id: inbound.payload.session_id,
      tenant_id: inbound.tenant_id,
      text: options.text,
      agent_id: options.agentId,
      source: 'bot',
      in_reply_to: inbound.payload.message_id,
      metadata: { agent_category: options.agentCategory, intent: options.intent, confidence: options.confidence },
    },
  };
}
