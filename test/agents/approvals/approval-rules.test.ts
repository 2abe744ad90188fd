import { describe, expect, it } from 'vitest';
import {
  parseApprovalRules,
  rulesFor,
  rulesResolver,
  SEED_APPROVAL_RULES,
} from '../../../src/agents/approvals/index.js';

describe('approval rules per tenant', () => {
  const config = parseApprovalRules(
    '{"default": {"retention_discount_above": 25}, "tenants": {"tenant-b": {"escalation_severity_from": null}}}',
  );

  it('resolves each tenant to its overrides over the defaults over the seed, as rulesFor does', () => {
    const rulesOf = rulesResolver(config);
    for (const tenant of ['tenant-a', 'tenant-b', 'tenant-a'])
      expect(rulesOf(tenant)).toEqual(rulesFor(config, tenant));
    expect(rulesOf('tenant-a')).toEqual({ ...SEED_APPROVAL_RULES, retention_discount_above: 25 });
    expect(rulesOf('tenant-b').escalation_severity_from).toBeNull();
  });

  it("keeps the configured defaults under a tenant's override (an override names only what it changes)", () => {
    expect(rulesFor(config, 'tenant-b')).toEqual({
      ...SEED_APPROVAL_RULES,
      retention_discount_above: 25,
      escalation_severity_from: null,
    });
  });

  it('keeps one tenant’s merged rules (frozen) instead of parsing them again on every call', () => {
    const rulesOf = rulesResolver(config);
    const first = rulesOf('tenant-b');
    expect(rulesOf('tenant-b')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(rulesOf('tenant-a')).not.toBe(first);
  });
});
