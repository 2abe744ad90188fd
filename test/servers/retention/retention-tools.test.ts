import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectStdio, ok, seededDataDir, textOf } from '../framework/harness.js';

let data: { dir: string; cleanup(): void };
let client: Client;

beforeAll(async () => {
  data = await seededDataDir();
  client = await connectStdio('retention', { VENTROS_DATA_DIR: data.dir, VENTROS_CONTACT_ID: 'contact-carlos' });
}, 60_000);

afterAll(async () => {
  await client?.close();
  data?.cleanup();
});

describe('retention server over stdio', () => {
  it('refuses an offer above 30% and points to escalation', async () => {
    const result = await callTool(client, 'create_retention_offer', { discount_percent: 40, reason: 'quer cancelar' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/above the 30% limit.*escalate_to_supervisor/);
  });

  it('states the same discount cap in the offer schema as in its description', async () => {
    const { tools } = await client.listTools();
    const offer = tools.find((t) => t.name === 'create_retention_offer');
    const properties = (offer?.inputSchema.properties ?? {}) as Record<
      string,
      { maximum?: number; description?: string }
    >;
    const discount = properties['discount_percent'];
    // 1-30 % directly; above, up to the schema's maximum, only with a supervisor's approval — both stated.
    expect(discount?.description).toContain('1-30');
    expect(discount?.description).toContain(`up to ${discount?.maximum}`);
    expect(offer?.description).toContain('Discount 1-30%');
  });

  it('creates an offer for the configured contact and counts the attempt', async () => {
    const before = ok<{ attempts_used: number }>(await callTool(client, 'get_past_offers', {}));
    const result = ok<{
      offer: { discount_percent: number };
      attempts_used: number;
      attempts_left: number;
      discount_value: number;
    }>(
      await callTool(client, 'create_retention_offer', {
        discount_percent: 25,
        duration_months: 3,
        reason: 'reclamou do preço',
      }),
    );
    expect(result.offer.discount_percent).toBe(25);
    expect(result.attempts_used).toBe(before.attempts_used + 1);
    expect(result.attempts_left).toBe(3 - result.attempts_used);
    expect(result.discount_value).toBeGreaterThan(0);
  });

  it('refuses a 4th offer and says to respect the customer’s decision', async () => {
    const past = ok<{ attempts_used: number }>(
      await callTool(client, 'get_past_offers', { contact_id: 'contact-fernando' }),
    );
    expect(past.attempts_used).toBe(3);
    const result = await callTool(client, 'create_retention_offer', {
      contact_id: 'contact-fernando',
      discount_percent: 10,
      reason: 'mais uma tentativa',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/already received 3 retention offers.*respect the customer's decision/);
    const after = ok<{ attempts_used: number }>(
      await callTool(client, 'get_past_offers', { contact_id: 'contact-fernando' }),
    );
    expect(after.attempts_used).toBe(3);
  });

  it('flags customers with CLV above R$ 50,000 as requiring a supervisor', async () => {
    const helena = ok<{ clv: number; requires_supervisor: boolean; value_segment: string; tenure_months: number }>(
      await callTool(client, 'check_customer_value', { contact_id: 'contact-helena' }),
    );
    expect(helena.clv).toBeGreaterThan(50_000);
    expect(helena).toMatchObject({ requires_supervisor: true, value_segment: 'vip' });
    expect(helena.tenure_months).toBeGreaterThan(12);
    const carlos = ok<{ requires_supervisor: boolean }>(await callTool(client, 'check_customer_value', {}));
    expect(carlos.requires_supervisor).toBe(false);
    const offer = await callTool(client, 'create_retention_offer', {
      contact_id: 'contact-helena',
      discount_percent: 10,
      reason: 'x preço',
    });
    expect(offer.isError).toBe(true);
    expect(textOf(offer)).toMatch(/supervisor/);
  });

  it('escalates to a supervisor with severity and marks ≥ 8 as urgent', async () => {
    const result = ok<{ escalation_id: string; priority: string; target: string }>(
      await callTool(client, 'escalate_to_supervisor', { reason: 'ameaça processo', severity: 9 }),
    );
    expect(result).toMatchObject({ target: 'supervisor', priority: 'urgent' });
    const bad = await callTool(client, 'escalate_to_supervisor', { reason: 'x y z', severity: 11 });
    expect(bad.isError).toBe(true);
  });
});
