import { ToolError } from '../framework/index.js';

/** Retention policy of the seed ("Complete Retention Churn Agent"). */
export const RETENTION_RULES = {
  /** Largest discount an agent may offer without a supervisor. */
  maxDiscountPct: 30,
  /** Retention attempts (offers) per customer before we respect the decision. */
  maxAttempts: 3,
  /** Customers above this lifetime value (BRL) are handled by a supervisor. */
  supervisorClv: 50_000,
  /** Severity from which a case goes to a supervisor immediately. */
  supervisorSeverity: 8,
  /** Days an offer stays valid. */
  offerValidDays: 7,
} as const;

/** Value tier of a customer from its CLV (BRL). */
export function valueSegment(clv: number): 'vip' | 'high' | 'medium' | 'low' {
  if (clv > RETENTION_RULES.supervisorClv) return 'vip';
  if (clv >= 10_000) return 'high';
  if (clv >= 2_000) return 'medium';
  return 'low';
}

// The rule checks, shared by the local handlers and the proxy (servers/grpc/proxy-rules.ts), so the
// Go-backed tools refuse exactly what the local ones refuse, with the same words, before a call leaves.
// `approved`: a person approved this very call (the host's approval gate), which lifts the limit.

/** "Never more than 30 % without a supervisor." */
export function checkDiscountCap(discountPercent: number, approved: boolean): void {
  const { maxDiscountPct } = RETENTION_RULES;
  if (discountPercent > maxDiscountPct && !approved) {
    throw new ToolError(
      `A ${discountPercent}% discount is above the ${maxDiscountPct}% limit: agents may not offer it. Call escalate_to_supervisor (supervisor approval is required), or offer ${maxDiscountPct}% or less.`,
      { discount_percent: discountPercent, max_discount_percent: maxDiscountPct },
    );
  }
}

/** Customers above R$ 50.000 CLV are a supervisor's. */
export function checkOfferClv(contactId: string, clv: number, approved: boolean): void {
  const { supervisorClv } = RETENTION_RULES;
  if (clv > supervisorClv && !approved) {
    throw new ToolError(
      `Customer ${contactId} has CLV R$ ${clv.toFixed(2)} (above R$ ${supervisorClv}): a supervisor handles this retention. Call escalate_to_supervisor; do not make the offer yourself.`,
      { clv, requires_supervisor: true },
    );
  }
}

/** The refusal once a customer had its 3 offers. */
export function attemptsExhaustedError(contactId: string, attemptsUsed: number): ToolError {
  const { maxAttempts } = RETENTION_RULES;
  return new ToolError(
    `Customer ${contactId} already received ${attemptsUsed} retention offers (maximum ${maxAttempts}): respect the customer's decision. Do not make another offer; help with the cancellation or escalate_to_supervisor if the case is critical.`,
    { attempts_used: attemptsUsed, max_attempts: maxAttempts },
  );
}

/** At most 3 offers per customer: refuses a 4th before it is made. */
export function checkOfferAttempts(contactId: string, attemptsUsed: number): void {
  if (attemptsUsed >= RETENTION_RULES.maxAttempts) throw attemptsExhaustedError(contactId, attemptsUsed);
}
