import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionResult, StreamItem } from '../../../src/agents/application/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

/*
 * Audiences through the application, on the real stack with the offline model: a customer reaches
 * customer-facing agents only, `auto` never lands on an internal one, and a sender the CRM has never
 * heard from gets a contact record and a useful answer with nothing internal in it.
 */
const TENANT = 'tenant-demo';
const INTERNAL = /\b(?:contact|anonymous)-[\w-]+|\b[0-9a-f]{8}-[0-9a-f]{4}-|__|not found|failed|Error\b/;

let seeded: SeededApp;
beforeAll(async () => {
  seeded = await createSeededApp();
}, 120_000);
afterAll(async () => {
  await seeded?.close();
});

const customerFacing = (id: string) => seeded.app.templates().find((t) => t.template_id === id)?.customer_facing;

async function drain(stream: AsyncIterable<StreamItem>): Promise<{ items: StreamItem[]; result?: ExecutionResult }> {
  const items: StreamItem[] = [];
  for await (const item of stream) items.push(item);
  const last = items.at(-1);
  return { items, ...(last?.type === 'result' ? { result: last.result } : {}) };
}

describe('audiences in the application', () => {
  it('refuses a customer who names an internal agent (permission_denied), and lets staff run it', async () => {
    const request = { agent: 'bi_manager', message: 'quantos leads este mês?', tenantId: TENANT };
    await expect(seeded.app.execute({ ...request, audience: 'customer' })).rejects.toMatchObject({
      code: 'permission_denied',
    });
    await expect(drain(seeded.app.stream({ ...request, audience: 'customer' }))).rejects.toMatchObject({
      code: 'permission_denied',
    });
    const staff = await seeded.app.execute({ ...request, audience: 'staff' });
    expect(staff.agent_used).toBe('bi_manager');
  });

  it.each(['Quantos leads vocês tiveram este mês?', 'Why is my bill higher this month?', 'Qual agente converte mais?'])(
    'routes a customer among customer-facing agents only: %s',
    async (message) => {
      const result = await seeded.app.execute({
        message,
        tenantId: TENANT,
        contactId: 'contact-carlos',
        audience: 'customer',
      });
      expect(customerFacing(result.agent_used), result.agent_used).toBe(true);
      expect(customerFacing(result.metadata['route_template'] ?? 'balanced')).toBe(true);
      expect(result.tool_calls.map((c) => c.tool_name)).not.toEqual(
        expect.arrayContaining(['get_leads_count', 'get_agent_conversion_stats', 'get_top_performing_agent']),
      );
    },
  );

  it('creates a contact for a sender the CRM has never heard from, and answers usefully', async () => {
    const result = await seeded.app.execute({
      message: 'Quero cancelar, está muito caro',
      tenantId: TENANT,
      channelId: 'whatsapp',
      context: { phone: '+55 11 98888-7777' },
      audience: 'customer',
    });
    const contactId = result.metadata['contact_id'] ?? '';
    const contact = seeded.app.deps.store.contacts.get(TENANT, contactId);
    expect(contact).toMatchObject({ name: '', status: 'lead', phone: '+55 11 98888-7777' });
    expect(contact?.tags).toEqual(['auto_created', 'channel:whatsapp']);
    expect(result.tool_calls.filter((c) => c.is_error)).toEqual([]);
    expect(result.response).not.toMatch(INTERNAL);
    expect(result.response.length).toBeGreaterThan(40);
  });

  it('creates the record under the id the channel gave', async () => {
    const result = await seeded.app.execute({
      message: 'Meu boleto veio duplicado',
      tenantId: TENANT,
      contactId: 'contact-wa-5511977776666',
      audience: 'customer',
    });
    expect(seeded.app.deps.store.contacts.get(TENANT, 'contact-wa-5511977776666')).toBeDefined();
    expect(result.tool_calls.filter((c) => c.is_error)).toEqual([]);
    expect(result.response).not.toMatch(INTERNAL);
  });

  it('never creates contacts for staff runs', async () => {
    await seeded.app.execute({ message: 'oi', tenantId: TENANT, contactId: 'contact-staff-typo', audience: 'staff' });
    expect(seeded.app.deps.store.contacts.get(TENANT, 'contact-staff-typo')).toBeUndefined();
  });

  it("guards a customer's stream as it guards the result", async () => {
    const { items, result } = await drain(
      seeded.app.stream({ message: 'Quero cancelar, está muito caro', tenantId: TENANT, audience: 'customer' }),
    );
    const streamed = items.flatMap((i) => (i.type === 'partial' ? [i.text] : [])).join('');
    const finals = items.flatMap((i) => (i.type === 'final' ? [i.text] : []));
    for (const text of [streamed, ...finals, result?.response ?? '']) expect(text).not.toMatch(INTERNAL);
    expect(finals.at(-1)).toBe(result?.response);
  });
});
