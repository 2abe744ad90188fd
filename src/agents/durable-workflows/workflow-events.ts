import { z } from 'zod';
import { InvalidWorkflowInputError } from './errors.js';
import { type SessionMessage, SessionMessageSchema, type WorkflowEffects } from './workflow-effects.js';
import type { WorkflowDetail } from './workflow-record.js';
import type { WorkflowService } from './workflow-service.js';

/** The routing keys this module consumes from `ventros.events`. */
export const WORKFLOW_EVENT_TYPES = [
  'contact.created',
  'subscription.created',
  'churn_risk.detected',
  'session.ended',
] as const;

export type WorkflowEventType = (typeof WORKFLOW_EVENT_TYPES)[number];

const id = z.string().trim().min(1).max(200);

/** The Ventros envelope (ARCHITECTURE.md) of the events that start workflows. */
export const WorkflowEventSchema = z.object({
  event_id: id,
  event_type: z.enum(WORKFLOW_EVENT_TYPES),
  occurred_at: z.string().min(1).max(100),
  tenant_id: id,
  payload: z.record(z.string(), z.unknown()),
});

export type WorkflowEvent = z.infer<typeof WorkflowEventSchema>;

/** `contact.created`: the seed's `{contact_id, project_id}`. */
export const ContactCreatedPayloadSchema = z.looseObject({
  contact_id: id,
  project_id: z.string().max(200).optional(),
});

/** `subscription.created`: the seed names the contact `customer_id`; either is accepted. */
export const SubscriptionCreatedPayloadSchema = z
  .looseObject({
    contact_id: id.optional(),
    customer_id: id.optional(),
    subscription_id: z.string().max(200).optional(),
    plan: z.string().max(200).optional(),
  })
  .refine((p) => p.contact_id ?? p.customer_id, { message: 'contact_id (or customer_id) is required' });

/** `churn_risk.detected`: the CRM's churn model flagged a customer. */
export const ChurnRiskDetectedPayloadSchema = z.looseObject({
  contact_id: id,
  risk_score: z.number().min(0).max(1),
  reasons: z.array(z.string().max(300)).max(20).optional(),
  campaign_id: z.string().max(200).optional(),
});

/** `session.ended`: a conversation finished; its messages may travel with it or be loaded. */
export const SessionEndedPayloadSchema = z.looseObject({
  session_id: id,
  contact_id: id,
  messages: z.array(SessionMessageSchema).max(500).optional(),
  summary: z.string().max(8000).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/** What handling one event did. */
export type WorkflowEventOutcome =
  | { kind: 'workflow_started'; workflow: WorkflowDetail; created: boolean }
  | { kind: 'session_stored'; ok: boolean; detail: string };

export interface WorkflowEventDeps {
  service: WorkflowService;
  effects: WorkflowEffects;
}

/**
 * The seed's workflow starter and `session.ended` handler: `contact.created` → lead nurturing,
 * `subscription.created` → onboarding saga, `churn_risk.detected` → retention campaign (each started
 * idempotently: a redelivered event finds its workflow), `session.ended` → the session goes to memory
 * through the memory tool `add_session`. Throws InvalidWorkflowInputError for a malformed event
 * (permanent: the consumer should dead-letter it).
 */
export async function handleWorkflowEvent(deps: WorkflowEventDeps, event: unknown): Promise<WorkflowEventOutcome> {
  const envelope = parse(WorkflowEventSchema, event, 'event');
  const tenant = envelope.tenant_id;
  const payloadTenant = envelope.payload['tenant_id'];
  if (payloadTenant !== undefined && payloadTenant !== tenant) {
    throw new InvalidWorkflowInputError('tenant_id of the envelope and of the payload differ');
  }
  switch (envelope.event_type) {
    case 'contact.created': {
      const p = parse(ContactCreatedPayloadSchema, envelope.payload, envelope.event_type);
      return started(
        await deps.service.start('lead_nurturing', {
          tenant_id: tenant,
          contact_id: p.contact_id,
          ...(p.project_id ? { project_id: p.project_id } : {}),
        }),
      );
    }
    case 'subscription.created': {
      const p = parse(SubscriptionCreatedPayloadSchema, envelope.payload, envelope.event_type);
      return started(
        await deps.service.start('customer_onboarding', {
          tenant_id: tenant,
          contact_id: (p.contact_id ?? p.customer_id) as string,
          ...(p.subscription_id ? { subscription_id: p.subscription_id } : {}),
          ...(p.plan ? { plan: p.plan } : {}),
        }),
      );
    }
    case 'churn_risk.detected': {
      const p = parse(ChurnRiskDetectedPayloadSchema, envelope.payload, envelope.event_type);
      return started(
        await deps.service.start('retention_campaign', {
          tenant_id: tenant,
          contact_id: p.contact_id,
          risk_score: p.risk_score,
          reasons: p.reasons ?? [],
          ...(p.campaign_id ? { key: `${p.contact_id}-${p.campaign_id}` } : {}),
        }),
      );
    }
    case 'session.ended':
      return storeSession(deps.effects, tenant, envelope.payload);
  }
}

async function storeSession(
  effects: WorkflowEffects,
  tenantId: string,
  payload: Record<string, unknown>,
): Promise<WorkflowEventOutcome> {
  const p = parse(SessionEndedPayloadSchema, payload, 'session.ended');
  const idempotencyKey = `session-ended/${p.session_id}`;
  let messages: SessionMessage[] = p.messages ?? [];
  if (messages.length === 0 && !p.summary && effects.loadSessionMessages) {
    messages = await effects.loadSessionMessages(tenantId, p.session_id, { idempotencyKey });
  }
  const metadata = pickSessionMetadata(p.metadata);
  const outcome = await effects.callTool(
    'add_session',
    {
      session_id: p.session_id,
      contact_id: p.contact_id,
      messages: messages.slice(-500),
      ...(p.summary ? { summary: p.summary } : {}),
      metadata,
    },
    { tenantId, contactId: p.contact_id, sessionId: p.session_id, idempotencyKey },
  );
  return { kind: 'session_stored', ok: outcome.isError !== true, detail: outcome.content.slice(0, 500) };
}

/** The session metadata `add_session` accepts (agent_id, agent_category, sentiment_score, topics, products). */
function pickSessionMetadata(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['agent_id', 'agent_category', 'sentiment_score', 'topics', 'products']) {
    if (metadata?.[key] !== undefined) out[key] = metadata[key];
  }
  return out;
}

function started(result: { workflow: WorkflowDetail; created: boolean }): WorkflowEventOutcome {
  return { kind: 'workflow_started', workflow: result.workflow, created: result.created };
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidWorkflowInputError(`invalid ${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
