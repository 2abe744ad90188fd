import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../../../src/agents/model/index.js';
import {
  createTestModels,
  type MockLlm,
  type MockLlmRequest,
  type MockTurn,
  startMockLlm,
} from '../../../support/mock-llm/index.js';
import { createSeededApp, type SeededApp } from '../../../support/seeded-app.js';

const named = (request: MockLlmRequest, bare: string): string => {
  const tool = request.tools.find((t) => t.name === bare || t.name.endsWith(`__${bare}`));
  if (!tool) throw new Error(`not offered: ${bare}`);
  return tool.name;
};

const called = (request: MockLlmRequest, bare: string): boolean =>
  request.messages.some((m) =>
    m.parts.some((p) => p.type === 'tool_use' && (p.name === bare || p.name.endsWith(`__${bare}`))),
  );

/**
 * The retention protocol as an LLM would drive it, through the REAL provider SDKs (HTTP to the mock
 * LLM server): the system prompt, the tool list and the tool results travel the providers' wire formats.
 */
function retentionTurn(request: MockLlmRequest): MockTurn {
  if (!called(request, 'search_memory'))
    return { toolCalls: [{ name: named(request, 'search_memory'), input: { query: 'cancelar caro' } }] };
  if (!called(request, 'check_customer_value'))
    return { toolCalls: [{ name: named(request, 'check_customer_value'), input: {} }] };
  if (!called(request, 'create_retention_offer')) {
    return {
      toolCalls: [{ name: named(request, 'create_retention_offer'), input: { discount_percent: 15, reason: 'preço' } }],
    };
  }
  const offer = JSON.parse(request.toolResults[0]?.content ?? '{}') as { offer?: { discount_percent?: number } };
  return { text: `Consegui ${offer.offer?.discount_percent}% de desconto por 3 meses para você.` };
}

describe.each(['anthropic', 'gemini'] as const)(
  'retention through the real %s SDK and the mock LLM server',
  (provider) => {
    let mock: MockLlm;
    let seeded: SeededApp;

    beforeAll(async () => {
      mock = await startMockLlm();
      mock.setHandler(retentionTurn);
      const model: Model = createTestModels(mock)[provider];
      seeded = await createSeededApp({ model });
    });
    afterAll(async () => {
      await seeded?.close();
      await mock?.close();
    });

    it('runs memory → value → offer, sends the protocol and the tool results over the wire, and names the model', async () => {
      const result = await seeded.app.execute({
        agent: 'retention_churn',
        message: 'Quero cancelar, está muito caro',
        tenantId: 'tenant-demo',
        contactId: 'contact-roberto',
      });
      expect(result.tool_calls.map((c) => c.tool_name)).toEqual([
        'search_memory',
        'check_customer_value',
        'create_retention_offer',
      ]);
      expect(result.response).toBe('Consegui 15% de desconto por 3 meses para você.');
      expect(result.metadata['model']).toBe(seeded.app.model.id);
      expect(result.metadata['offline']).toBe('false');
      const chats = mock.requests.filter((r) => r.kind === 'chat');
      expect(chats).toHaveLength(4);
      expect(chats[0]?.system).toContain('escalate_to_supervisor');
      expect(chats[0]?.tools.map((t) => t.name)).toEqual(
        expect.arrayContaining([named(chats[0] as MockLlmRequest, 'create_retention_offer')]),
      );
      // The server's real answer reached the model: the value check's CLV, through the provider's format.
      const value = JSON.parse(chats[2]?.toolResults[0]?.content ?? '{}') as { clv?: number; name?: string };
      expect(value).toMatchObject({ name: 'Roberto Dias', clv: expect.any(Number) });
    });
  },
);
