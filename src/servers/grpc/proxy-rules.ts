import { errorMessage, logger } from '../../shared/index.js';
import { type PeriodName, resolvePeriod } from '../bi/periods.js';
import { type CallContext, contactIdOf, ToolError } from '../framework/index.js';
import { checkDiscountCap, checkOfferAttempts, checkOfferClv } from '../retention/retention-rules.js';
import { checkAssignable, followUpDueAt } from '../sales/handoff-rules.js';
import { ASSIGNABLE_SCORE } from '../sales/lead-score.js';
import type { LeadScoreLedger } from './lead-score-ledger.js';
import type { ToolServiceClient } from './tool-service-client.js';

/**
 * Checks a proxied call against the local business rules before it leaves; throws the same ToolError the
 * local tool would (the model reads it, and the Go side never sees the call).
 */
export type ProxyRule = (args: Record<string, unknown>, ctx: CallContext) => Promise<void>;

const log = logger.child({ component: 'proxy-rules' });

/** A number field of a Go answer, or undefined when the Go side answers in another shape. */
function numberField(result: Record<string, unknown> | undefined, field: string): number | undefined {
  const value = result?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * A read-only Go tool answer the rules need (attempts used, CLV). Sent without the write's idempotency
 * key (the Go side would answer the write's key with this read's result). A failed read skips the rule
 * it feeds: the Go side enforces its own rules too, and the write fails the same way if it is down.
 */
async function readFact(
  client: ToolServiceClient,
  tool: string,
  args: Record<string, unknown>,
  ctx: CallContext,
): Promise<Record<string, unknown> | undefined> {
  const { idempotencyKey: _writeKey, ...readCtx } = ctx;
  try {
    return await client.executeTool(tool, args, readCtx);
  } catch (error) {
    log.warn({ tool, err: errorMessage(error) }, 'rule check could not read from the Go tool service; skipped');
    return undefined;
  }
}

/**
 * The local servers' rules for the proxied tools, by tool name, reusing their rule code:
 * - `create_retention_offer`: the 30 % cap (from the arguments, no Go call), then at most 3 offers per
 *   customer and the supervisor for CLV above R$ 50.000 (read through the Go side's own read-only
 *   `get_past_offers` and `check_customer_value`);
 * - `assign_to_agent`: score ≥ 60, from the lead scores the Go side returned earlier (the ledger);
 * - `create_follow_up_task`: an exact `due_at` must be a date-time;
 * - the BI tools' periods: a custom period needs both bounds in order and at most 10 years, and a time
 *   zone must be an IANA name (the same `resolvePeriod`; the Go side computes the window itself).
 * A call a person approved (`ctx.approvalId`) passes the limits that gated it, as locally.
 */
/** The refusal of an assignment whose lead score the host cannot check (the Go side has no read-only lead tool). */
function unseenLead(target: string | undefined): ToolError {
  return new ToolError(
    `The score of ${target ? `"${target}"` : 'this lead'} is not known here yet: score the lead with calculate_lead_score first; only leads with score ≥ ${ASSIGNABLE_SCORE} can be assigned to a human closer.`,
    { ...(target ? { target } : {}), minimum: ASSIGNABLE_SCORE },
  );
}

export function proxyRules(client: ToolServiceClient, ledger: LeadScoreLedger): ReadonlyMap<string, ProxyRule> {
  const period: ProxyRule = async (args) => {
    resolvePeriod(
      {
        period: (typeof args.period === 'string' ? args.period : 'today') as PeriodName,
        from: typeof args.from === 'string' ? args.from : undefined,
        to: typeof args.to === 'string' ? args.to : undefined,
        timezone: typeof args.timezone === 'string' ? args.timezone : undefined,
      },
      new Date(),
    );
  };
  return new Map<string, ProxyRule>([
    ['get_leads_count', period],
    ['get_agent_conversion_stats', period],
    ['get_top_performing_agent', period],
    [
      'create_follow_up_task',
      async (args) => {
        followUpDueAt({ due_at: typeof args.due_at === 'string' ? args.due_at : undefined }, new Date());
      },
    ],
    [
      'create_retention_offer',
      async (args, ctx) => {
        const approved = ctx.approvalId !== undefined;
        checkDiscountCap(Number(args.discount_percent), approved);
        if (approved) return;
        const contactId = contactIdOf(typeof args.contact_id === 'string' ? args.contact_id : undefined, ctx);
        const [past, value] = await Promise.all([
          readFact(client, 'get_past_offers', { contact_id: contactId, limit: 1 }, ctx),
          readFact(client, 'check_customer_value', { contact_id: contactId }, ctx),
        ]);
        const attempts = numberField(past, 'attempts_used');
        if (attempts !== undefined) checkOfferAttempts(contactId, attempts);
        const clv = numberField(value, 'clv');
        if (clv !== undefined) checkOfferClv(contactId, clv, false);
      },
    ],
    [
      'assign_to_agent',
      async (args, ctx) => {
        const leadId = typeof args.lead_id === 'string' ? args.lead_id : undefined;
        const contactId = leadId
          ? undefined
          : contactIdOf(typeof args.contact_id === 'string' ? args.contact_id : undefined, ctx);
        const seen = ledger.find(ctx.tenantId, { leadId, contactId });
        const approved = ctx.approvalId !== undefined;
        if (seen) checkAssignable({ id: seen.leadId, score: seen.score }, approved);
        // Fail closed: a lead whose score this host never saw (scored before a restart, or by another
        // instance) is not handed over unchecked; scoring it again through Go shows the host its score.
        else if (!approved) throw unseenLead(leadId ?? contactId);
      },
    ],
  ]);
}
