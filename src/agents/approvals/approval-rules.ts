import { z } from 'zod';
import { InvalidInputError } from '../../shared/index.js';

/**
 * Which actions wait for a person, per tenant — the seed's protocols as host-side rules. A rule set to
 * `null` is off: the action is then not gated, and the tool server's own hard limits apply as before
 * (an offer above 30 % is refused, a lead below 60 is not assigned).
 */
const RULE_FIELDS = {
  /** Retention offers with a discount above this percent wait for a person. */
  retention_discount_above: z.number().min(0).max(100).nullable(),
  /** Even a person may not approve more than this percent (per tenant). */
  retention_discount_max: z.number().min(0).max(100),
  /** Any retention offer to a customer whose CLV (BRL) is above this waits for a person. */
  retention_clv_above: z.number().min(0).nullable(),
  /** Escalations with this severity or more wait for a person. */
  escalation_severity_from: z.number().int().min(1).max(10).nullable(),
  /** Assigning a lead scored below this to a human waits for a person (an override). */
  lead_assignment_below: z.number().min(0).max(100).nullable(),
};

/** The seed's values of every rule. */
const SEED_VALUES = {
  retention_discount_above: 30,
  retention_discount_max: 50,
  retention_clv_above: 50_000,
  escalation_severity_from: 8,
  lead_assignment_below: 60,
} as const satisfies { [K in keyof typeof RULE_FIELDS]: z.input<(typeof RULE_FIELDS)[K]> };

export const ApprovalRulesSchema = z.object({
  retention_discount_above: RULE_FIELDS.retention_discount_above.default(SEED_VALUES.retention_discount_above),
  retention_discount_max: RULE_FIELDS.retention_discount_max.default(SEED_VALUES.retention_discount_max),
  retention_clv_above: RULE_FIELDS.retention_clv_above.default(SEED_VALUES.retention_clv_above),
  escalation_severity_from: RULE_FIELDS.escalation_severity_from.default(SEED_VALUES.escalation_severity_from),
  lead_assignment_below: RULE_FIELDS.lead_assignment_below.default(SEED_VALUES.lead_assignment_below),
});
export type ApprovalRules = z.output<typeof ApprovalRulesSchema>;

/**
 * Overrides name only what they change. Built from the fields without their defaults: zod 4's `.partial()`
 * of the defaulted schema would fill every missing field with the seed's value, so one tenant override
 * would silently reset the configured defaults under it.
 */
const ApprovalRuleOverridesSchema = z.object(RULE_FIELDS).partial();

/** `VENTROS_APPROVAL_RULES`: defaults for every tenant, and overrides per tenant id. */
export const ApprovalRulesConfigSchema = z.object({
  default: ApprovalRuleOverridesSchema.default({}),
  tenants: z.record(z.string(), ApprovalRuleOverridesSchema).default({}),
});
export type ApprovalRulesConfig = z.output<typeof ApprovalRulesConfigSchema>;

/** The seed's rules: above 30 % (up to 50 %), CLV above R$ 50,000, severity ≥ 8, a lead below 60. */
export const SEED_APPROVAL_RULES: ApprovalRules = ApprovalRulesSchema.parse({});

/** The rules of one tenant: its overrides over the defaults over the seed's. */
export function rulesFor(config: ApprovalRulesConfig, tenantId: string): ApprovalRules {
  return ApprovalRulesSchema.parse({ ...config.default, ...(config.tenants[tenantId] ?? {}) });
}

/** Tenants whose merged rules a resolver keeps; past it, the cache starts over (bounded memory). */
const MAX_CACHED_TENANTS = 1024;

/**
 * `rulesFor` over one config, each tenant's rules merged and defaulted once: the gate asks on every
 * tool call, and the config was validated when read (`parseApprovalRules`), so parsing the merge
 * again per call was repeated validation. The config must not change afterwards (build a new resolver).
 */
export function rulesResolver(config: ApprovalRulesConfig): (tenantId: string) => ApprovalRules {
  const cache = new Map<string, ApprovalRules>();
  return (tenantId) => {
    let rules = cache.get(tenantId);
    if (!rules) {
      rules = Object.freeze(rulesFor(config, tenantId));
      if (cache.size >= MAX_CACHED_TENANTS) cache.clear();
      cache.set(tenantId, rules);
    }
    return rules;
  };
}

/**
 * Reads `VENTROS_APPROVAL_RULES` (JSON text). Missing → the seed's rules for every tenant.
 *
 * @example
 * parseApprovalRules('{"tenants": {"tenant-demo": {"retention_discount_above": 20}}}')
 */
export function parseApprovalRules(text: string | undefined): ApprovalRulesConfig {
  if (text === undefined || text.trim() === '') return ApprovalRulesConfigSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidInputError('VENTROS_APPROVAL_RULES is not valid JSON');
  }
  const parsed = ApprovalRulesConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidInputError(
      `VENTROS_APPROVAL_RULES: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
