import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../../../src/agents/application/index.js';
import type { Model } from '../../../../src/agents/model/index.js';
import { critique } from '../../../../src/agents/providers/offline/policy-kit/self-check.js';
import {
  createTestModels,
  type MockLlm,
  type MockLlmRequest,
  type MockTurn,
  startMockLlm,
} from '../../../support/mock-llm/index.js';
import { createSeededApp, type SeededApp } from '../../../support/seeded-app.js';

const toolsOf = (result: ExecutionResult) => result.tool_calls.map((c) => c.tool_name);

/**
 * The tools a run called, with an escalation that waits for a supervisor's approval counted as called:
 * the escalation of a furious customer has severity ≥ 8, which the seed gates (docs/APPROVALS.md).
 */
const escalationsOf = (result: ExecutionResult) => [
  ...toolsOf(result),
  ...(result.status === 'awaiting_approval' && result.approval?.tool.endsWith('escalate_to_supervisor')
    ? ['escalate_to_supervisor']
    : []),
];

/** An offline escalation: memory, then the supervisor agent's value check, past offers and case. */
const SUPERVISOR_ESCALATION = ['search_memory', 'check_customer_value', 'get_past_offers', 'escalate_to_supervisor'];

const named = (request: MockLlmRequest, bare: string): string => {
  const tool = request.tools.find((t) => t.name === bare || t.name.endsWith(`__${bare}`));
  if (!tool) throw new Error(`not offered: ${bare}`);
  return tool.name;
};

/** The last result of a tool in the conversation so far. */
const resultOf = (request: MockLlmRequest, bare: string) => {
  const ids = new Map<string, string>();
  for (const m of request.messages) {
    for (const p of m.parts) if (p.type === 'tool_use' && p.id) ids.set(p.id, p.name);
  }
  return request.messages
    .flatMap((m) => m.parts)
    .filter((p) => p.type === 'tool_result')
    .findLast((p) => {
      const name = (p.toolUseId ? ids.get(p.toolUseId) : undefined) ?? p.name ?? '';
      return name === bare || name.endsWith(`__${bare}`);
    });
};

/**
 * An impatient LLM: it makes the offer before searching memory. The host refuses the offer with a tool
 * error; the model reads it, searches memory, and offers again.
 */
function offerFirst(request: MockLlmRequest): MockTurn {
  const offer = resultOf(request, 'create_retention_offer');
  const memory = resultOf(request, 'search_memory');
  const offerCall = {
    name: named(request, 'create_retention_offer'),
    input: { discount_percent: 15, reason: 'preço' },
  };
  if (!offer) return { toolCalls: [offerCall] };
  if (offer.isError && !memory) {
    return { toolCalls: [{ name: named(request, 'search_memory'), input: { query: 'cancelamento preço' } }] };
  }
  if (offer.isError) return { toolCalls: [offerCall] };
  return { text: 'Consegui 15% de desconto por 3 meses para você.' };
}

/** An LLM following the instruction's sentiment rule with the CRM's score it reads in the system prompt. */
function sentimentRule(request: MockLlmRequest): MockTurn {
  if (!resultOf(request, 'search_memory')) {
    return { toolCalls: [{ name: named(request, 'search_memory'), input: { query: 'histórico' } }] };
  }
  const score = /Sentimento informado pelo CRM[^:]*:\s*(-?\d+(?:\.\d+)?)/.exec(request.system ?? '')?.[1];
  const ruleStated = /Sentimento abaixo de −0,5: chame escalate_to_supervisor IMEDIATAMENTE/.test(request.system ?? '');
  if (score !== undefined && ruleStated && Number(score) < -0.5 && !resultOf(request, 'escalate_to_supervisor')) {
    return {
      toolCalls: [
        {
          name: named(request, 'escalate_to_supervisor'),
          input: { reason: `Sentimento ${score}: cliente muito insatisfeito`, severity: 8 },
        },
      ],
    };
  }
  if (resultOf(request, 'escalate_to_supervisor')) return { text: 'Entendo. Um supervisor vai falar com você.' };
  return { text: 'Entendo. Me conta mais?' };
}

describe.each(['anthropic', 'gemini'] as const)('retention rules through the real %s SDK', (provider) => {
  let mock: MockLlm;
  let seeded: SeededApp;

  beforeAll(async () => {
    mock = await startMockLlm();
    const model: Model = createTestModels(mock)[provider];
    seeded = await createSeededApp({ model });
  });
  afterAll(async () => {
    await seeded?.close();
    await mock?.close();
  });
  beforeEach(() => mock.reset());

  it('refuses an offer made before a memory search in the run with a tool error the model reads', async () => {
    mock.setHandler(offerFirst);
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar, está muito caro',
      tenantId: 'tenant-demo',
      contactId: 'contact-roberto',
    });
    expect(toolsOf(result)).toEqual(['create_retention_offer', 'search_memory', 'create_retention_offer']);
    const [refused, , made] = result.tool_calls;
    expect(refused?.is_error).toBe(true);
    expect(refused?.output).toMatch(/call search_memory first/);
    expect(made?.is_error).toBe(false);
    // The refusal travelled the provider's wire format as an error result.
    const second = mock.requests.filter((r) => r.kind === 'chat')[1];
    expect(second?.toolResults[0]).toMatchObject({ isError: true });
    expect(second?.toolResults[0]?.content).toMatch(/search_memory/);
  });

  it('escalates at once when the CRM says the sentiment is −0.7', async () => {
    mock.setHandler(sentimentRule);
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar o plano',
      tenantId: 'tenant-demo',
      contactId: 'contact-camila',
      context: { sentiment_score: '-0.7' },
    });
    expect(escalationsOf(result)).toEqual(['search_memory', 'escalate_to_supervisor']);
    expect(mock.requests.find((r) => r.kind === 'chat')?.system).toContain(
      'Sentimento informado pelo CRM para esta mensagem (−1..1): -0.7',
    );
  });
});

describe('retention rules with the offline model', () => {
  let seeded: SeededApp;
  beforeAll(async () => {
    seeded = await createSeededApp();
  });
  afterAll(async () => {
    await seeded?.close();
  });

  it('escalates instead of offering when the CRM sentiment is −0.7, even for a mild message', async () => {
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar o plano',
      tenantId: 'tenant-demo',
      contactId: 'contact-eduarda',
      context: { sentiment_score: '-0.7' },
    });
    // Retention escalates through the supervisor agent (escalate_supervisor), which reads the value and
    // the past offers, then opens the case — waiting for approval at severity ≥ 8.
    expect(escalationsOf(result)).toEqual(SUPERVISOR_ESCALATION);
    expect(String(result.approval?.arguments['reason'])).toMatch(/sentimento -0.7/);
  });

  it('estimates the sentiment from the words when the CRM sends none: "péssimo" (−0.7) escalates', async () => {
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Serviço péssimo, quero cancelar',
      tenantId: 'tenant-demo',
      contactId: 'contact-felipe',
    });
    expect(escalationsOf(result)).toEqual(SUPERVISOR_ESCALATION);
  });

  it('still offers to a customer who is unhappy but not angry (sentiment −0.3)', async () => {
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar, está caro',
      tenantId: 'tenant-demo',
      contactId: 'contact-carlos',
      context: { sentiment_score: '-0.3' },
    });
    expect(toolsOf(result)).toEqual(['search_memory', 'check_customer_value', 'create_retention_offer']);
    expect(result.response).toMatch(/^Entendo/);
  });
});

describe('the offline retention self-check', () => {
  it('passes an empathetic answer that promises only what the tools returned', () => {
    const answer =
      'Entendo sua frustração, Carlos. Você está com a gente há 24 meses. Preparei 20% de desconto por 3 meses.';
    expect(critique(answer, { discountPercent: 20, months: 3, tenureMonths: 24 })).toEqual([]);
  });

  it('flags an answer that promises a discount no tool created, or opens without empathy', () => {
    expect(critique('Entendo. Posso te dar 50% por 6 meses.', { discountPercent: 20, months: 3 })).toEqual([
      'over_promising',
    ]);
    expect(critique('Preparei 20% por 3 meses.', { discountPercent: 20, months: 3 })).toEqual(['not_empathetic']);
  });
});
