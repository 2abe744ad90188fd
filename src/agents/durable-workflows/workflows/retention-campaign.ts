import { type RetentionCampaignStart, RetentionCampaignStartSchema } from '../start-requests.js';
import type { CustomerReply } from '../workflow-context.js';
import { defineWorkflow } from '../workflow-definition.js';
import { agentStep, daySchedule, sendStep, toolStep } from '../workflow-steps.js';

const AGENT = 'retention_churn';
const META = { workflow: 'retention_campaign', agent_category: 'retention' };

/** Workflow days the campaign waits for an answer after the outreach, then after the follow-up. */
export const RETENTION_WAIT_DAYS = { outreach: 3, followUp: 4 } as const;

/** The discount of the follow-up offer: within the 30 % an agent may offer without a supervisor. */
export const FOLLOW_UP_DISCOUNT_PERCENT = 15;

/** How a campaign ended. */
export interface RetentionCampaignResult {
  status: 'completed';
  contact_id: string;
  outcome: 'engaged' | 'escalated';
  /** The stage where the customer answered, or where the campaign escalated. */
  at: 'value_check' | 'outreach' | 'follow_up';
  offer_id: string | null;
}

/**
 * The seed's RetentionCampaignWorkflow: a churn risk was detected → value check (a customer above the
 * supervisor's CLV goes straight to a supervisor) → AI retention outreach → wait for an answer →
 * follow-up with a concrete offer (`create_retention_offer`) → wait again → `escalate_to_supervisor`
 * when the customer never answered. An answer ends the campaign: the live conversation (the agents
 * answering `message.received`) takes over, so the workflow never answers a message twice.
 */
export const retentionCampaign = defineWorkflow({
  name: 'retention_campaign',
  engineName: 'RetentionCampaignWorkflow',
  idPrefix: 'retention-campaign',
  description: 'Churn risk → AI outreach → follow-up offer → supervisor escalation when the customer never answers',
  input: RetentionCampaignStartSchema,
  async run(input: RetentionCampaignStart, ctx): Promise<RetentionCampaignResult> {
    const days = await daySchedule(ctx);
    const risk = `${Math.round(input.risk_score * 100)}%`;
    const reasons = input.reasons.join('; ') || 'not given';
    const context = { churn_risk: risk, churn_reasons: reasons.slice(0, 500) };
    const done = (
      outcome: RetentionCampaignResult['outcome'],
      at: RetentionCampaignResult['at'],
      offer: string | null,
    ) => ({ status: 'completed', contact_id: input.contact_id, outcome, at, offer_id: offer }) as const;
    const escalate = (why: string) =>
      toolStep(ctx, 'escalate_to_supervisor', input, 'escalate_to_supervisor', {
        contact_id: input.contact_id,
        reason: `Risco de churn ${risk} (${reasons}): ${why}`.slice(0, 500),
        // Severity 8+ is a gated escalation needing a person's approval; a campaign stays below it.
        severity: input.risk_score >= 0.8 ? 7 : 5,
      });

    const value = await toolStep(ctx, 'check_customer_value', input, 'check_customer_value', {
      contact_id: input.contact_id,
    });
    if (value.ok && isRecord(value.structured) && value.structured['requires_supervisor'] === true) {
      await escalate('cliente de alto valor (CLV acima do limite): um supervisor conduz a retenção');
      return done('escalated', 'value_check', null);
    }

    const outreach = await agentStep(ctx, 'ai_retention_outreach', input, {
      agent: AGENT,
      message:
        'The CRM detected a churn risk for this customer. Write a short, caring message that acknowledges ' +
        'their situation and invites them to talk. Do not make an offer yet.',
      context: { ...context, reason: 'churn_risk_outreach' },
    });
    await sendStep(ctx, 'send_retention_outreach', input, {
      text: outreach.text,
      agentId: outreach.agent_used,
      source: 'sequence',
      metadata: { ...META, reason: 'churn_risk_outreach' },
    });
    if (await answered(ctx, 'outreach_answer', await days.msUntil(RETENTION_WAIT_DAYS.outreach))) {
      return done('engaged', 'outreach', null);
    }

    const offer = await toolStep(ctx, 'create_retention_offer', input, 'create_retention_offer', {
      contact_id: input.contact_id,
      discount_percent: FOLLOW_UP_DISCOUNT_PERCENT,
      duration_months: 3,
      reason: `campanha de retenção: risco ${risk}`,
    });
    const offerId = offer.ok && isRecord(offer.structured) ? offerIdOf(offer.structured) : null;
    if (!offer.ok) {
      await escalate(`a oferta de retenção foi recusada: ${offer.content.slice(0, 200)}`);
      return done('escalated', 'follow_up', null);
    }
    const followUp = await agentStep(ctx, 'ai_retention_follow_up', input, {
      agent: AGENT,
      message:
        `The customer did not answer our first message. Write a short follow-up that presents the offer: ` +
        `${FOLLOW_UP_DISCOUNT_PERCENT}% off for 3 months. Do not create another offer.`,
      context: { ...context, reason: 'churn_risk_follow_up', offer_id: offerId ?? '' },
    });
    await sendStep(ctx, 'send_retention_follow_up', input, {
      text: followUp.text,
      agentId: followUp.agent_used,
      source: 'sequence',
      metadata: { ...META, reason: 'churn_risk_follow_up' },
    });
    const wait = await days.msUntil(RETENTION_WAIT_DAYS.outreach + RETENTION_WAIT_DAYS.followUp);
    if (await answered(ctx, 'follow_up_answer', wait)) return done('engaged', 'follow_up', offerId);

    await escalate('sem resposta à mensagem de retenção nem à oferta de acompanhamento');
    return done('escalated', 'follow_up', offerId);
  },
});

/** Waits for a reply and records, as a step, whether one came. */
async function answered(ctx: Parameters<typeof retentionCampaign.run>[1], step: string, ms: number): Promise<boolean> {
  const reply: CustomerReply | null = await ctx.waitForReply(ms);
  const recorded = await ctx.step(step, async () => ({
    answered: reply !== null,
    reply: reply?.text.slice(0, 500) ?? null,
  }));
  return recorded.answered;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function offerIdOf(structured: Record<string, unknown>): string | null {
  const offer = structured['offer'];
  return isRecord(offer) && typeof offer['offer_id'] === 'string' ? offer['offer_id'] : null;
}
