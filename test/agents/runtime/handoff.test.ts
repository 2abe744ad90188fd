import { describe, expect, it } from 'vitest';
import { textOf } from '../../../src/agents/model/index.js';
import { MAX_HANDOFFS_PER_RUN } from '../../../src/agents/runtime/context.js';
import { LlmAgent } from '../../../src/agents/runtime/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { newRunner, TENANT, tool } from './helpers.js';

describe('handoff', () => {
  it('hands off to a sub-agent that continues the same run with the history and answers', async () => {
    const billingModel = new ScriptedModel([
      { toolCalls: [{ name: 'invoice_status', args: {} }] },
      'Your invoice is paid.',
    ]);
    const billing = new LlmAgent({
      name: 'billing',
      description: 'Invoices and payments.',
      instruction: 'You handle billing.',
      model: billingModel,
      tools: [tool('invoice_status', () => ({ content: 'paid' }))],
    });
    const triageModel = new ScriptedModel([
      {
        text: 'This is a billing question.',
        toolCalls: [{ name: 'transfer_to_billing', args: { reason: 'invoice' } }],
      },
    ]);
    const triage = new LlmAgent({
      name: 'triage',
      description: 'Routes.',
      instruction: 'Route.',
      model: triageModel,
      subAgents: [billing],
    });
    const { runner } = newRunner();

    const result = await runner.execute(triage, { message: 'Is my invoice paid?', tenantId: TENANT });

    expect(triageModel.requests[0]?.tools.map((t) => t.name)).toEqual(['transfer_to_billing']);
    expect(result.text).toBe('Your invoice is paid.');
    expect(result.agentUsed).toBe('billing');
    // Billing saw the user's message and the handoff.
    const seen = billingModel.requests[0]?.messages ?? [];
    expect(textOf(seen[0]?.content ?? [])).toBe('Is my invoice paid?');
    expect(seen[1]?.content[1]).toMatchObject({ type: 'tool_use', name: 'transfer_to_billing' });
    expect(seen[2]?.content[0]).toMatchObject({ type: 'tool_result', content: 'Transferred to billing.' });
    const finals = result.events.filter((e) => e.type === 'final');
    expect(finals.map((e) => e.agent)).toEqual(['billing', 'triage']);
    expect(finals[1]).toMatchObject({ transferTo: 'billing', text: 'Your invoice is paid.' });
    expect(result.usage).toEqual({ inputTokens: 30, outputTokens: 15 });
    expect(result.toolCalls.map((c) => `${c.agent}:${c.tool}`)).toEqual([
      'triage:transfer_to_billing',
      'billing:invoice_status',
    ]);
  });

  it('walks a hierarchy: director to specialist, found with findAgent', async () => {
    const specialist = new LlmAgent({
      name: 'closing',
      description: 'c',
      instruction: 'i',
      model: new ScriptedModel(['Deal closed.']),
    });
    const director = new LlmAgent({
      name: 'sales_director',
      description: 'd',
      instruction: 'i',
      model: new ScriptedModel([{ toolCalls: [{ name: 'transfer_to_closing' }] }]),
      subAgents: [specialist],
    });
    const ceo = new LlmAgent({
      name: 'ceo',
      description: 'c',
      instruction: 'i',
      model: new ScriptedModel([{ toolCalls: [{ name: 'transfer_to_sales_director' }] }]),
      subAgents: [director],
    });
    expect(ceo.findAgent('closing')).toBe(specialist);
    expect(ceo.findAgent('nobody')).toBeUndefined();
    const { runner } = newRunner();
    const result = await runner.execute(ceo, { message: 'close it', tenantId: TENANT });
    expect(result.text).toBe('Deal closed.');
    expect(result.agentUsed).toBe('closing');
  });

  it(`refuses more than ${MAX_HANDOFFS_PER_RUN} handoffs in one run; the agent then answers itself`, async () => {
    // Two agents that keep handing over to each other through a tool's handoffTo action.
    const bounce = (to: string) => tool(`bounce_${to}`, () => ({ content: 'ok', actions: { handoffTo: to } }));
    const script = (self: string) =>
      new ScriptedModel((request) => {
        const last = request.messages.at(-1)?.content[0];
        if (last?.type === 'tool_result' && last.content.startsWith('Cannot transfer')) return `${self} answers`;
        return { toolCalls: [{ name: `bounce_${self === 'ping' ? 'pong' : 'ping'}` }] };
      });
    const pong = new LlmAgent({
      name: 'pong',
      description: 'p',
      instruction: 'i',
      model: script('pong'),
      tools: [bounce('ping')],
    });
    const ping = new LlmAgent({
      name: 'ping',
      description: 'p',
      instruction: 'i',
      model: script('ping'),
      tools: [bounce('pong')],
      subAgents: [pong],
    });
    const { runner } = newRunner();
    const result = await runner.execute(ping, { message: 'go', tenantId: TENANT });
    const handoffs = result.events.filter((e) => e.type === 'final' && e.transferTo);
    expect(handoffs).toHaveLength(MAX_HANDOFFS_PER_RUN);
    expect(result.text).toBe('pong answers');
    expect(result.toolCalls.at(-1)).toMatchObject({ isError: true });
  });

  it('answers a handoff to an unknown agent with a tool error', async () => {
    const model = new ScriptedModel([{ toolCalls: [{ name: 'go_away' }] }, 'staying']);
    const agent = new LlmAgent({
      name: 'a',
      description: 'a',
      instruction: 'i',
      model,
      tools: [tool('go_away', () => ({ content: 'ok', actions: { handoffTo: 'ghost' } }))],
    });
    const { runner } = newRunner();
    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT });
    expect(result.text).toBe('staying');
    expect(result.toolCalls[0]).toMatchObject({
      isError: true,
      output: 'Cannot transfer: there is no agent named "ghost".',
    });
  });
});
