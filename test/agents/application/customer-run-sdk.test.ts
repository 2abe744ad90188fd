import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRACEFUL_ANSWER } from '../../../src/agents/application/answer-guard.js';
import type { Model } from '../../../src/agents/model/index.js';
import {
  createTestModels,
  type MockLlm,
  type MockLlmRequest,
  type MockTurn,
  startMockLlm,
} from '../../support/mock-llm/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

/*
 * A model that tries to reach another customer, through the REAL provider SDKs against the mock LLM
 * server: in a customer run it is never shown `contact_id` nor a tenant-wide tool, the other
 * customer's data stays out of reach (the tool error is what the model reads), and when it then echoes
 * that error the customer gets a graceful answer instead.
 */
const TENANT = 'tenant-demo';
const named = (request: MockLlmRequest, bare: string): string => {
  const tool = request.tools.find((t) => t.name === bare || t.name.endsWith(`__${bare}`));
  if (!tool) throw new Error(`not offered: ${bare}`);
  return tool.name;
};
const offered = (request: MockLlmRequest, bare: string) =>
  request.tools.some((t) => t.name === bare || t.name.endsWith(`__${bare}`));

/** Reads Ana's value while talking to Carlos, then repeats whatever the tool said. */
function nosyTurn(request: MockLlmRequest): MockTurn {
  const result = request.toolResults[0];
  if (!result) {
    return { toolCalls: [{ name: named(request, 'check_customer_value'), input: { contact_id: 'contact-ana' } }] };
  }
  return { text: `Resultado: ${result.content}` };
}

describe.each(['anthropic', 'gemini'] as const)('a customer run through the real %s SDK', (provider) => {
  let mock: MockLlm;
  let seeded: SeededApp;

  beforeAll(async () => {
    mock = await startMockLlm();
    mock.setHandler(nosyTurn);
    const model: Model = createTestModels(mock)[provider];
    seeded = await createSeededApp({ model });
  }, 120_000);
  afterAll(async () => {
    await seeded?.close();
    await mock?.close();
  });

  it("keeps another customer's data out of reach and the refusal out of the answer", async () => {
    const anaOffersBefore = seeded.app.deps.store.crm.offers.countByContact(TENANT, 'contact-ana');
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar, está muito caro',
      tenantId: TENANT,
      contactId: 'contact-carlos',
      audience: 'customer',
    });
    const chats = mock.requests.filter((r) => r.kind === 'chat');
    const first = chats[0] as MockLlmRequest;
    // What the model was shown: its tools, none with contact_id.
    expect(offered(first, 'check_customer_value')).toBe(true);
    for (const tool of first.tools) expect(JSON.stringify(tool.schema ?? {}), tool.name).not.toContain('contact_id');
    // What the model read back: a tool error, not Ana's figures.
    const back = chats[1]?.toolResults[0];
    expect(back?.isError).toBe(true);
    expect(back?.content).toMatch(/only that customer’s own data/);
    expect(back?.content).not.toMatch(/Ana|clv/);
    // What the customer reads.
    expect(result.response).toBe(GRACEFUL_ANSWER);
    expect(result.metadata['answer_guard']).toBe('replaced');
    expect(result.tool_calls[0]).toMatchObject({ tool_name: 'check_customer_value', is_error: true });
    expect(seeded.app.deps.store.crm.offers.countByContact(TENANT, 'contact-ana')).toBe(anaOffersBefore);
  });

  it('shows staff the tools as they are, and lets them read any contact', async () => {
    const before = mock.requests.length;
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quanto vale a Ana?',
      tenantId: TENANT,
      contactId: 'contact-carlos',
      audience: 'staff',
    });
    const chats = mock.requests.slice(before).filter((r) => r.kind === 'chat');
    const value = chats[0]?.tools.find((t) => t.name.endsWith('check_customer_value'));
    expect(JSON.stringify(value?.schema)).toContain('contact_id');
    expect(chats[1]?.toolResults[0]?.isError).toBe(false);
    expect(result.response).toMatch(/^Resultado: \{/);
    expect(result.metadata['answer_guard']).toBeUndefined();
  });
});
