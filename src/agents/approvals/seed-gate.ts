import { errorMessage, logger } from '../../shared/index.js';
import { bareToolName } from '../application/execution-result.js';
import type { ApprovalGate, GateRequest, GateVerdict } from '../runtime/index.js';
import { type ApprovalRulesConfig, rulesResolver } from './approval-rules.js';

/** What the rules need to know beyond the call's arguments, read from the CRM (tools or the store). */
export interface GateLookups {
  /** The customer's lifetime value in BRL; undefined when it cannot be read. */
  customerClv(request: GateRequest, contactId: string): Promise<number | undefined>;
  /** The lead's score (null: not scored); undefined when the lead cannot be read. */
  leadScore(request: GateRequest, args: { lead_id?: string; contact_id?: string }): Promise<number | null | undefined>;
}

const ALLOW: GateVerdict = { type: 'allow' };
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The seed's gated actions as an {@link ApprovalGate}: retention offers above the tenant's discount
 * threshold (and never above its maximum), any retention offer to a customer above the CLV threshold,
 * escalations at or above the severity threshold, and assigning a lead scored below the threshold to a
 * human. Tools are matched by their bare name, whichever server namespace the host gave them.
 */
export function createSeedGate(config: ApprovalRulesConfig, lookups: GateLookups): ApprovalGate {
  const log = logger.child({ component: 'approval-gate' });
  const rulesOf = rulesResolver(config);
  return {
    async check(request) {
      const rules = rulesOf(request.trusted.tenantId);
      const args = request.args;
      switch (bareToolName(request.tool)) {
        case 'create_retention_offer': {
          const discount = num(args['discount_percent']) ?? 0;
          if (rules.retention_discount_above !== null && discount > rules.retention_discount_above) {
            if (discount > rules.retention_discount_max) {
              return {
                type: 'refuse',
                message: `A ${discount}% discount is above this company's maximum of ${rules.retention_discount_max}%, even with a supervisor's approval. Offer ${rules.retention_discount_max}% or less.`,
              };
            }
            return {
              type: 'approval',
              reason: `retention discount of ${discount}% is above ${rules.retention_discount_above}%`,
            };
          }
          if (rules.retention_clv_above !== null) {
            // A customer's call is about the customer (the server binds it so); staff may name a contact.
            const contactId =
              request.trusted.audience === 'customer'
                ? request.trusted.contactId
                : (str(args['contact_id']) ?? request.trusted.contactId);
            const clv = contactId ? await lookup(() => lookups.customerClv(request, contactId)) : undefined;
            if (clv !== undefined && clv > rules.retention_clv_above) {
              return {
                type: 'approval',
                reason: `retention offer to a customer with CLV R$ ${clv.toFixed(2)} (above R$ ${rules.retention_clv_above})`,
              };
            }
          }
          return ALLOW;
        }
        case 'escalate_to_supervisor': {
          const severity = num(args['severity']) ?? 0;
          if (rules.escalation_severity_from !== null && severity >= rules.escalation_severity_from) {
            return {
              type: 'approval',
              reason: `escalation of severity ${severity} (≥ ${rules.escalation_severity_from})`,
            };
          }
          return ALLOW;
        }
        case 'assign_to_agent': {
          if (rules.lead_assignment_below === null) return ALLOW;
          const target: { lead_id?: string; contact_id?: string } = {};
          const leadId = str(args['lead_id']);
          const contactId = str(args['contact_id']);
          if (leadId) target.lead_id = leadId;
          if (contactId) target.contact_id = contactId;
          const score = await lookup(() => lookups.leadScore(request, target));
          if (typeof score === 'number' && score < rules.lead_assignment_below) {
            return {
              type: 'approval',
              reason: `assigning a lead scored ${score} (below ${rules.lead_assignment_below}) to a human by override`,
            };
          }
          return ALLOW;
        }
        default:
          return ALLOW;
      }
    },
  };

  /** A lookup that fails lets the call through: the tool server's own limits still hold. */
  async function lookup<T>(read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      log.warn({ err: errorMessage(error) }, 'an approval rule could not read the CRM; the server limits apply');
      return undefined;
    }
  }
}
