import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../../../src/agents/application/index.js';
import { createSeededApp, type SeededApp } from '../../../support/seeded-app.js';

const toolsOf = (result: ExecutionResult) => result.tool_calls.map((c) => c.tool_name);

/** The workflows with the `offline` model: each one works end to end without an LLM. */
describe('workflow patterns with the offline model (real tool servers, seeded store)', () => {
  let seeded: SeededApp;
  const run = (agent: string, message: string, contactId: string) =>
    seeded.app.execute({ agent, message, tenantId: 'tenant-demo', contactId });

  beforeAll(async () => {
    seeded = await createSeededApp();
  });
  afterAll(async () => {
    await seeded?.close();
  });

  it('hierarchy: CEO → retention director → retention_churn, which follows its protocol after the handoffs', async () => {
    const result = await run('ceo_agent', 'Quero cancelar, está muito caro', 'contact-camila');
    expect(result.agent_used).toBe('retention_churn');
    expect(toolsOf(result)).toEqual([
      'transfer_to_retention_director',
      'transfer_to_retention_churn',
      'search_memory',
      'check_customer_value',
      'create_retention_offer',
    ]);
  });

  it('handoff: a billing complaint goes to support_billing, which opens a ticket', async () => {
    const result = await run('support_handoff', 'Fui cobrado duas vezes no boleto', 'contact-isabela');
    expect(result.agent_used).toBe('support_billing');
    expect(toolsOf(result)).toContain('create_ticket');
  });

  it('onboarding: welcome → profile → tutorial → activation, one message with the first guided action', async () => {
    const result = await run('onboarding_flow', 'Acabei de contratar, e agora?', 'contact-natalia');
    expect(result.agent_used).toBe('onboarding_activation');
    expect(toolsOf(result)).toEqual(['get_contact_context', 'create_follow_up_task']);
    expect(result.response).toContain('Natália');
    expect(result.response).toMatch(/1\) Conecte o WhatsApp.*2\) Importe seus contatos/s);
    expect(result.response).toMatch(/Primeira ação, agora: conecte o WhatsApp/);
    expect(result.response).toMatch(/check-in em 7 dias/);
  });

  it('coordinator called directly delegates to the routed specialist and names it', async () => {
    const result = await run('coordinator', 'Quero cancelar, está muito caro', 'contact-marcos');
    expect(result.agent_used).toBe('retention_churn');
    expect(toolsOf(result)).toContain('retention_churn');
    expect(result.metadata['route_template']).toBe('retention_churn');
  });
});
