import { describe, expect, it } from 'vitest';
import { CUSTOMER_AGENTS, CUSTOMER_KINDS, STAFF_AGENTS, STAFF_KINDS } from '../../support/routing-fixture-labels.js';
import { CANCELLATION_FAMILY, loadTrustSet } from '../../support/routing-trust.js';

/**
 * Format and minimum counts of the second blind holdout (test/fixtures/routing/README.md, "Checks each
 * file passes"), with the README's agent and kind lists (test/support/routing-fixture-labels.ts).
 */
const STAFF_KINDS_SET = new Set<string>(STAFF_KINDS);
const CUSTOMER_KINDS_SET = new Set<string>(CUSTOMER_KINDS);

describe('trust-holdout-2.jsonl', () => {
  const items = loadTrustSet('holdout-2');

  it('has unique h2- ids that match each line’s lang', () => {
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const item of items) expect(item.id).toMatch(new RegExp(`^h2-${item.lang}-\\d{3}$`));
  });

  it('labels only agents and kinds allowed for the audience, at most 3 agents (3 only for multi_intent)', () => {
    for (const item of items) {
      const agents: readonly string[] = item.audience === 'staff' ? STAFF_AGENTS : CUSTOMER_AGENTS;
      const kinds = item.audience === 'staff' ? STAFF_KINDS_SET : CUSTOMER_KINDS_SET;
      expect(
        item.acceptable.filter((a) => !agents.includes(a)),
        item.id,
      ).toEqual([]);
      expect(kinds.has(item.kind), item.id).toBe(true);
      expect(item.acceptable.length, item.id).toBeLessThanOrEqual(item.kind === 'multi_intent' ? 3 : 2);
    }
  });

  it('puts the expected first agent on the cancellation family, opt-outs and billing', () => {
    const firstOf = (pick: (kind: string) => boolean) =>
      new Set(items.filter((i) => pick(i.kind)).map((i) => i.acceptable[0]));
    expect(firstOf((k) => CANCELLATION_FAMILY.has(k))).toEqual(new Set(['retention_churn']));
    expect(firstOf((k) => k === 'opt_out')).toEqual(new Set(['marketing_campaign']));
    expect(firstOf((k) => k === 'billing')).toEqual(new Set(['support_billing']));
  });

  it('meets the README minimums', () => {
    const count = (pick: (i: (typeof items)[number]) => boolean) => items.filter(pick).length;
    expect(items.length).toBeGreaterThanOrEqual(180);
    expect(count((i) => CANCELLATION_FAMILY.has(i.kind))).toBeGreaterThanOrEqual(40);
    expect(count((i) => i.kind === 'opt_out')).toBeGreaterThanOrEqual(10);
    expect(count((i) => i.kind === 'billing')).toBeGreaterThanOrEqual(15);
    expect(count((i) => i.audience === 'staff')).toBeGreaterThanOrEqual(15);
    for (const agent of CUSTOMER_AGENTS) {
      expect(
        count((i) => i.acceptable[0] === agent),
        agent,
      ).toBeGreaterThanOrEqual(5);
    }
    // About 40 / 30 / 30 %: each language within five points of its share.
    for (const [lang, share] of [
      ['pt', 0.4],
      ['en', 0.3],
      ['es', 0.3],
    ] as const) {
      expect(Math.abs(count((i) => i.lang === lang) / items.length - share), lang).toBeLessThan(0.05);
    }
  });
});
