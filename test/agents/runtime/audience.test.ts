import { describe, expect, it } from 'vitest';
import { agentTool, LlmAgent } from '../../../src/agents/runtime/index.js';
import type { ToolContext } from '../../../src/agents/tool.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { collect, newRunner, TENANT, tool } from './helpers.js';

/*
 * The runtime enforces audiences, not the prompt: in a customer run the model never sees staff-only
 * tools or the `contact_id` argument, calling a staff-only tool (an internal agent as a tool, a
 * handoff to an internal agent, a tenant-wide tool) is a tool error the model reads, and an internal
 * agent never runs, however it is reached.
 */
function agents() {
  const seen: ToolContext[] = [];
  const lookup = tool(
    'lookup_contact',
    (_args, context) => {
      seen.push(context);
      return { content: JSON.stringify({ audience: context.audience, contact: context.contactId }) };
    },
    {},
    {
      inputSchema: {
        type: 'object',
        properties: { query: { type: 'string' }, contact_id: { type: 'string' } },
        required: ['query'],
        additionalProperties: false,
      },
    },
  );
  const report = tool('tenant_report', () => ({ content: '{"contacts": 42}' }), {}, { access: 'tenant' });
  const internalModel = new ScriptedModel(['Relatório interno: 42 contatos.']);
  const analyst = new LlmAgent({
    name: 'analyst',
    description: 'Internal BI',
    instruction: 'BI',
    model: internalModel,
  });
  const billingModel = new ScriptedModel(['Sua fatura foi reenviada.']);
  const billing = new LlmAgent({
    name: 'billing',
    description: 'Billing support',
    instruction: 'Billing',
    model: billingModel,
    customerFacing: true,
  });
  return { seen, lookup, report, analyst, internalModel, billing, billingModel };
}

const customerRun = { tenantId: TENANT, contactId: 'contact-me', audience: 'customer' as const };

describe('audiences in the runtime', () => {
  it('shows a customer run neither staff-only tools nor contact_id; a staff run sees them all', async () => {
    const { lookup, report, analyst, billing } = agents();
    const model = new ScriptedModel(['ok', 'ok']);
    const front = new LlmAgent({
      name: 'front',
      description: 'Front desk',
      instruction: 'Help',
      model,
      tools: [lookup, report, agentTool(analyst), agentTool(billing)],
      subAgents: [
        new LlmAgent({ name: 'internal_desk', description: 'x', instruction: 'x', model }),
        new LlmAgent({ name: 'sales', description: 'x', instruction: 'x', model, customerFacing: true }),
      ],
      customerFacing: true,
    });
    const { runner } = newRunner();
    await runner.execute(front, { ...customerRun, message: 'oi' });
    await runner.execute(front, { ...customerRun, audience: 'staff', message: 'oi' });
    const [customer, staff] = model.requests;
    expect(customer?.tools.map((t) => t.name)).toEqual(['lookup_contact', 'billing', 'transfer_to_sales']);
    const schema = customer?.tools[0]?.inputSchema as { properties: object; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(['query']);
    expect(schema.required).toEqual(['query']);
    expect(lookup.inputSchema).toMatchObject({ properties: { contact_id: { type: 'string' } } });
    expect(staff?.tools.map((t) => t.name)).toEqual([
      'lookup_contact',
      'tenant_report',
      'analyst',
      'billing',
      'transfer_to_internal_desk',
      'transfer_to_sales',
    ]);
    expect(JSON.stringify(staff?.tools[0]?.inputSchema)).toContain('contact_id');
  });

  it('refuses an internal agent used as a tool, with an error the model reads, and never runs it', async () => {
    const { analyst, internalModel, billing, report } = agents();
    const model = new ScriptedModel([
      { toolCalls: [{ name: 'analyst', args: { request: 'quantos leads?' } }, { name: 'tenant_report' }] },
      'Posso ajudar com sua conta.',
    ]);
    const front = new LlmAgent({
      name: 'front',
      description: 'Front desk',
      instruction: 'Help',
      model,
      tools: [agentTool(analyst), agentTool(billing), report],
      customerFacing: true,
    });
    const { runner } = newRunner();
    const result = await runner.execute(front, { ...customerRun, message: 'quantos leads vocês têm?' });
    expect(result.text).toBe('Posso ajudar com sua conta.');
    const refusals = result.toolCalls.map((c) => ({ tool: c.tool, isError: c.isError, output: c.output }));
    expect(refusals).toEqual([
      { tool: 'analyst', isError: true, output: expect.stringMatching(/serves the company's staff/) },
      { tool: 'tenant_report', isError: true, output: expect.stringMatching(/serves the company's staff/) },
    ]);
    expect(internalModel.requests).toHaveLength(0);
    // The model read the refusals.
    const lastRequest = model.requests.at(-1);
    expect(JSON.stringify(lastRequest?.messages.at(-1))).toContain('not available in a conversation with a customer');
  });

  it('refuses a handoff to an internal agent in a customer run; the agent answers itself', async () => {
    const { internalModel } = agents();
    const internal = new LlmAgent({ name: 'analyst', description: 'BI', instruction: 'BI', model: internalModel });
    const model = new ScriptedModel([{ toolCalls: [{ name: 'transfer_to_analyst' }] }, 'Eu mesmo te ajudo.']);
    const front = new LlmAgent({
      name: 'front',
      description: 'Front desk',
      instruction: 'Help',
      model,
      subAgents: [internal],
      customerFacing: true,
    });
    const { runner } = newRunner();
    const result = await runner.execute(front, { ...customerRun, message: 'me transfere' });
    expect(result.agentUsed).toBe('front');
    expect(result.text).toBe('Eu mesmo te ajudo.');
    expect(result.toolCalls[0]).toMatchObject({ tool: 'transfer_to_analyst', isError: true });
    expect(internalModel.requests).toHaveLength(0);

    // The same handoff in a staff run goes through.
    const staffModel = new ScriptedModel([{ toolCalls: [{ name: 'transfer_to_analyst' }] }]);
    const staffFront = new LlmAgent({
      name: 'front',
      description: 'Front desk',
      instruction: 'Help',
      model: staffModel,
      subAgents: [
        new LlmAgent({ name: 'analyst', description: 'BI', instruction: 'BI', model: new ScriptedModel(['42']) }),
      ],
      customerFacing: true,
    });
    const staff = await runner.execute(staffFront, { ...customerRun, audience: 'staff', message: 'me transfere' });
    expect(staff).toMatchObject({ agentUsed: 'analyst', text: '42' });
  });

  it('never runs an internal agent as the root of a customer run (permission_denied)', async () => {
    const { analyst, internalModel } = agents();
    const { runner } = newRunner();
    const events = await collect(runner.run(analyst, { ...customerRun, message: 'quantos leads?' }));
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'permission_denied' });
    await expect(runner.execute(analyst, { ...customerRun, message: 'x' })).rejects.toMatchObject({
      code: 'permission_denied',
    });
    expect(internalModel.requests).toHaveLength(0);
  });

  it("hands the run's audience and trusted contact to every tool call", async () => {
    const { seen, lookup } = agents();
    const model = new ScriptedModel([{ toolCalls: [{ name: 'lookup_contact', args: { query: 'x' } }] }, 'ok']);
    const front = new LlmAgent({
      name: 'front',
      description: 'Front desk',
      instruction: 'Help',
      model,
      tools: [lookup],
      customerFacing: true,
    });
    const { runner } = newRunner();
    await runner.execute(front, { ...customerRun, message: 'oi' });
    expect(seen.map((c) => [c.audience, c.contactId])).toEqual([['customer', 'contact-me']]);
    const staffModel = new ScriptedModel([{ toolCalls: [{ name: 'lookup_contact', args: { query: 'x' } }] }, 'ok']);
    const staffFront = new LlmAgent({
      name: 'front',
      description: 'x',
      instruction: 'x',
      model: staffModel,
      tools: [lookup],
    });
    await runner.execute(staffFront, { tenantId: TENANT, contactId: 'contact-me', message: 'oi' });
    expect(seen.map((c) => c.audience)).toEqual(['customer', 'staff']);
  });
});
