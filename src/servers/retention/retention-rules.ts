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
