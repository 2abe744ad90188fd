import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentEvent } from '../../../src/agents/events.js';
import type { Model } from '../../../src/agents/model/index.js';
import { functionTool, LlmAgent, Runner } from '../../../src/agents/runtime/index.js';
import { InMemorySessionStore } from '../../../src/agents/sessions/index.js';
import { useMockLlm } from '../../support/mock-llm/index.js';

const llm = useMockLlm();

function salesAgent(model: Model): LlmAgent {
  const lookup = functionTool({
    name: 'lookup_contact',
    description: 'Finds a contact by e-mail.',
    parameters: z.object({ email: z.email() }),
    execute: async ({ email }) => ({ contactId: 'c-1', email }),
  });
  const orders = functionTool({
    name: 'list_orders',
    description: 'Lists the orders of a contact.',
    parameters: z.object({ contactId: z.string(), status: z.enum(['open', 'closed']).optional() }),
    execute: async ({ contactId }) => ({ contactId, orders: ['o-1', 'o-2'] }),
  });
  return new LlmAgent({
    name: 'sales',
    description: 'Sales specialist',
    instruction: 'Você é o agente de vendas da Ventros.',
    model,
    tools: [lookup, orders],
  });
}

describe.each(['anthropic', 'gemini'] as const)('an LlmAgent on the real %s SDK against the mock', (provider) => {
  it('runs two tool rounds with local tools and streams the answer', async () => {
    llm.mock.enqueue(
      { text: 'Vou procurar seu cadastro.', toolCalls: [{ name: 'lookup_contact', input: { email: 'ana@x.com' } }] },
      { toolCalls: [{ name: 'list_orders', input: { contactId: 'c-1' } }] },
      { text: 'Ana, você tem 2 pedidos: o-1 e o-2.' },
    );
    const runner = new Runner({ sessions: new InMemorySessionStore() });
    const events: AgentEvent[] = [];
    for await (const event of runner.run(salesAgent(llm.models[provider]), {
      message: 'Quais são meus pedidos? ana@x.com',
      tenantId: 'tenant-demo',
      contactId: 'c-1',
    })) {
      events.push(event);
    }

    const final = events.at(-1);
    expect(final).toMatchObject({ type: 'final', text: 'Ana, você tem 2 pedidos: o-1 e o-2.' });
    expect(events.filter((e) => e.type === 'tool_call').map((e) => (e.type === 'tool_call' ? e.tool : ''))).toEqual([
      'lookup_contact',
      'list_orders',
    ]);
    const results = events.filter((e) => e.type === 'tool_result');
    expect(results.every((e) => e.type === 'tool_result' && !e.isError)).toBe(true);
    const partials = events.filter((e) => e.type === 'partial').map((e) => (e.type === 'partial' ? e.text : ''));
    expect(partials.length).toBeGreaterThan(1);
    expect(partials.join('')).toContain('Ana, você tem 2 pedidos');

    // What the provider was sent: the instruction, both tools, and each tool result in turn.
    expect(llm.mock.requests).toHaveLength(3);
    expect(llm.mock.requests.every((r) => r.provider === provider && r.stream)).toBe(true);
    expect(llm.mock.requests[0]?.system).toContain('agente de vendas');
    expect(llm.mock.requests[0]?.tools.map((t) => t.name).sort()).toEqual(['list_orders', 'lookup_contact']);
    expect(JSON.parse(llm.mock.requests[1]?.toolResults[0]?.content ?? '{}')).toEqual({
      contactId: 'c-1',
      email: 'ana@x.com',
    });
    expect(JSON.parse(llm.mock.requests[2]?.toolResults[0]?.content ?? '{}')).toEqual({
      contactId: 'c-1',
      orders: ['o-1', 'o-2'],
    });
  });
});
