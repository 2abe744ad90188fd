import { z } from 'zod';
import {
  callerMayAccess,
  contactIdOf,
  defineTool,
  lastWrite,
  requireContact,
  ToolError,
  type ToolSpec,
} from '../framework/index.js';
import { searchSimilarChurnCasesTool } from './churn-cases.js';
import type { RetentionDeps } from './retention-deps.js';
import {
  attemptsExhaustedError,
  checkDiscountCap,
  checkOfferClv,
  RETENTION_RULES,
  valueSegment,
} from './retention-rules.js';

/** What the retention tools need. */
const DAY = 86_400_000;
const contactIdShape = z
  .string()
  .max(100)
  .optional()
  .describe('Contact id; defaults to the contact of this conversation');

const OfferSchema = z.object({
  offer_id: z.string(),
  discount_percent: z.number(),
  offer_type: z.string(),
  reason: z.string(),
  status: z.string(),
  created_by: z.string(),
  valid_until: z.string().nullable(),
  created_at: z.string(),
});

/** CLV: the CRM's lifetime_value, or the sum of purchases when that is larger (never invented). */
function customerValue(deps: RetentionDeps, tenantId: string, contactId: string, now: Date) {
  const contact = requireContact(deps.store.contacts, tenantId, contactId);
  const purchases = deps.store.crm.purchases.summary(tenantId, contactId);
  const clv = Math.max(contact.lifetime_value, purchases.total);
  const since = contact.customer_since ?? purchases.first_at;
  const tenureMonths = since ? Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / (30.44 * DAY))) : 0;
  return { contact, purchases, clv: Math.round(clv * 100) / 100, since, tenureMonths };
}

function createRetentionOffer(deps: RetentionDeps) {
  return defineTool({
    name: 'create_retention_offer',
    writes: true,
    access: 'contact',
    title: 'Create a retention offer',
    description:
      'Create a discount offer for a customer at risk of churning (complains about price, wants to cancel). ' +
      `Discount 1-${RETENTION_RULES.maxDiscountPct}%: above that a supervisor must approve the offer. At most ` +
      `${RETENTION_RULES.maxAttempts} offers per customer — after that respect the customer’s decision. Customers ` +
      `with CLV above R$ ${RETENTION_RULES.supervisorClv.toLocaleString('pt-BR')} go to a supervisor. Check ` +
      'get_past_offers and check_customer_value first.',
    input: {
      contact_id: contactIdShape,
      // Up to 100 on the wire: above the 30 % cap an offer exists only when a person approved that very call
      // (the host's approval gate pauses it; see docs/APPROVALS.md). Without an approval the handler refuses.
      discount_percent: z
        .number()
        .min(1)
        .max(100)
        .describe(
          `Discount in percent, 1-${RETENTION_RULES.maxDiscountPct}; above ${RETENTION_RULES.maxDiscountPct}, up to 100, a supervisor must approve (the call waits for one, and the tenant's ceiling applies)`,
        ),
      duration_months: z.number().int().min(1).max(12).default(3).describe('How many months the discount lasts (1-12)'),
      reason: z.string().min(3).max(300).describe('Why this offer (for tracking), e.g. "reclamou do preço"'),
      offer_type: z.enum(['discount', 'upgrade', 'free_month']).default('discount').describe('Kind of offer'),
    },
    output: {
      offer: OfferSchema,
      duration_months: z.number().int(),
      discount_value: z.number().describe('Estimated total discount in BRL: last purchase × percent × months'),
      attempts_used: z.number().int(),
      attempts_left: z.number().int(),
      message: z.string(),
    },
    annotations: { destructiveHint: false, idempotentHint: false, openWorldHint: false },
    async handler(args, ctx) {
      const { maxAttempts, offerValidDays } = RETENTION_RULES;
      // A person approved this very call (the host's approval gate): the limits that made it wait are lifted.
      const approved = ctx.approvalId !== undefined;
      checkDiscountCap(args.discount_percent, approved);
      const contactId = contactIdOf(args.contact_id, ctx);
      const now = (deps.now ?? (() => new Date()))();
      const value = customerValue(deps, ctx.tenantId, contactId, now);
      checkOfferClv(contactId, value.clv, approved);
      const lastPurchase = deps.store.crm.purchases.listByContact(ctx.tenantId, contactId, 1)[0];
      return lastWrite(ctx, () => {
        const { offer, attempts } = deps.store.crm.offers.createIfUnderLimit(
          ctx.tenantId,
          {
            contact_id: contactId,
            discount_pct: args.discount_percent,
            offer_type: args.offer_type,
            reason: args.reason,
            created_by: ctx.sessionId ? `ai:retention:${ctx.sessionId}` : 'ai:retention',
            valid_until: new Date(now.getTime() + offerValidDays * DAY).toISOString(),
            created_at: now.toISOString(),
          },
          maxAttempts,
        );
        // The count and the insert are one transaction (createIfUnderLimit): concurrent offers cannot make a 4th.
        if (!offer) throw attemptsExhaustedError(contactId, attempts);
        const base = lastPurchase?.amount ?? 0;
        return {
          offer: {
            offer_id: offer.id,
            discount_percent: offer.discount_pct,
            offer_type: offer.offer_type,
            reason: offer.reason,
            status: offer.status,
            created_by: offer.created_by,
            valid_until: offer.valid_until,
            created_at: offer.created_at,
          },
          duration_months: args.duration_months,
          discount_value: Math.round(base * (args.discount_percent / 100) * args.duration_months * 100) / 100,
          attempts_used: attempts,
          attempts_left: maxAttempts - attempts,
          message: `Oferta criada: ${args.discount_percent}% por ${args.duration_months} meses`,
        };
      });
    },
  });
}

function getPastOffers(deps: RetentionDeps) {
  return defineTool({
    name: 'get_past_offers',
    access: 'contact',
    title: 'Past retention offers',
    description:
      'List the retention offers already made to a customer (newest first) with how many attempts are left ' +
      `(maximum ${RETENTION_RULES.maxAttempts}). Call before create_retention_offer to avoid repeating an offer.`,
    input: {
      contact_id: contactIdShape,
      limit: z.number().int().min(1).max(50).default(10).describe('How many offers to return'),
    },
    output: {
      contact_id: z.string(),
      offers: z.array(OfferSchema),
      attempts_used: z.number().int(),
      attempts_left: z.number().int(),
      max_attempts: z.number().int(),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const contactId = contactIdOf(args.contact_id, ctx);
      requireContact(deps.store.contacts, ctx.tenantId, contactId);
      const offers = deps.store.crm.offers.listByContact(ctx.tenantId, contactId, args.limit);
      const used = deps.store.crm.offers.countByContact(ctx.tenantId, contactId);
      return {
        contact_id: contactId,
        offers: offers.map((o) => ({
          offer_id: o.id,
          discount_percent: o.discount_pct,
          offer_type: o.offer_type,
          reason: o.reason,
          status: o.status,
          created_by: o.created_by,
          valid_until: o.valid_until,
          created_at: o.created_at,
        })),
        attempts_used: used,
        attempts_left: Math.max(0, RETENTION_RULES.maxAttempts - used),
        max_attempts: RETENTION_RULES.maxAttempts,
      };
    },
  });
}

function checkCustomerValue(deps: RetentionDeps) {
  return defineTool({
    name: 'check_customer_value',
    access: 'contact',
    title: 'Customer value (CLV)',
    description:
      'How valuable a customer is: CLV in BRL, tier, status, tenure in months, purchases (count, total, last), ' +
      'open tickets and offers so far. requires_supervisor is true when CLV is above R$ 50.000 — then escalate ' +
      'instead of negotiating yourself.',
    input: { contact_id: contactIdShape },
    output: {
      contact_id: z.string(),
      name: z.string(),
      tier: z.string(),
      status: z.string(),
      clv: z.number(),
      value_segment: z.enum(['vip', 'high', 'medium', 'low']),
      customer_since: z.string().nullable(),
      tenure_months: z.number().int(),
      purchases: z.object({ count: z.number().int(), total: z.number(), last_at: z.string().nullable() }),
      open_tickets: z.number().int(),
      offers_made: z.number().int(),
      requires_supervisor: z.boolean(),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const contactId = contactIdOf(args.contact_id, ctx);
      const now = (deps.now ?? (() => new Date()))();
      // One read: its statements share one read transaction (and one freshness check of the caches).
      return deps.store.readOnlyBatch(() => {
        const v = customerValue(deps, ctx.tenantId, contactId, now);
        return {
          contact_id: contactId,
          name: v.contact.name,
          tier: v.contact.tier,
          status: v.contact.status,
          clv: v.clv,
          value_segment: valueSegment(v.clv),
          customer_since: v.since,
          tenure_months: v.tenureMonths,
          purchases: {
            count: v.purchases.count,
            total: Math.round(v.purchases.total * 100) / 100,
            last_at: v.purchases.last_at,
          },
          open_tickets: deps.store.crm.tickets.openCountByContact(ctx.tenantId, contactId),
          offers_made: deps.store.crm.offers.countByContact(ctx.tenantId, contactId),
          requires_supervisor: v.clv > RETENTION_RULES.supervisorClv,
        };
      });
    },
  });
}

function escalateToSupervisor(deps: RetentionDeps) {
  return defineTool({
    name: 'escalate_to_supervisor',
    writes: true,
    access: 'contact',
    title: 'Escalate to a human supervisor',
    description:
      'Hand the case to a human supervisor: discounts above 30%, customers with CLV above R$ 50.000, severity ' +
      '≥ 8 (angry customer, legal threats), or when you cannot help. Severity 1-10. Tell the customer a ' +
      'supervisor will contact them.',
    input: {
      contact_id: contactIdShape,
      reason: z.string().min(3).max(500).describe('What happened and what the customer wants'),
      severity: z.number().int().min(1).max(10).describe('1 (minor) to 10 (critical)'),
      ticket_id: z.string().max(100).optional().describe('Related ticket, if any'),
    },
    output: {
      escalation_id: z.string(),
      contact_id: z.string(),
      target: z.literal('supervisor'),
      severity: z.number().int(),
      priority: z.enum(['normal', 'urgent']),
      status: z.string(),
      created_at: z.string(),
    },
    annotations: { idempotentHint: false, openWorldHint: false },
    async handler(args, ctx) {
      const contactId = contactIdOf(args.contact_id, ctx);
      requireContact(deps.store.contacts, ctx.tenantId, contactId);
      if (args.ticket_id) {
        const ticket = deps.store.crm.tickets.get(ctx.tenantId, args.ticket_id);
        if (!ticket || !callerMayAccess(ctx, ticket.contact_id)) {
          throw new ToolError(`Ticket "${args.ticket_id}" not found.`);
        }
      }
      return lastWrite(ctx, () => {
        const row = deps.store.crm.escalations.create(ctx.tenantId, {
          contact_id: contactId,
          target: 'supervisor',
          reason: args.reason,
          severity: args.severity,
          ticket_id: args.ticket_id ?? null,
        });
        return {
          escalation_id: row.id,
          contact_id: contactId,
          target: 'supervisor' as const,
          severity: row.severity,
          priority: row.severity >= RETENTION_RULES.supervisorSeverity ? ('urgent' as const) : ('normal' as const),
          status: row.status,
          created_at: row.created_at,
        };
      });
    },
  });
}

/** The retention server's tools over the local store. */

export function retentionTools(deps: RetentionDeps): ToolSpec[] {
  return [
    createRetentionOffer(deps),
    getPastOffers(deps),
    checkCustomerValue(deps),
    escalateToSupervisor(deps),
    searchSimilarChurnCasesTool(deps),
  ];
}
