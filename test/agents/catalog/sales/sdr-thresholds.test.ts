import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Model } from '../../../../src/agents/model/index.js';
import { sdrPolicy } from '../../../../src/agents/providers/offline/policies/sales.js';
import {
  createTestModels,
  type MockLlm,
  type MockLlmRequest,
  type MockTurn,
  startMockLlm,
} from '../../../support/mock-llm/index.js';
import { createSeededApp, type SeededApp } from '../../../support/seeded-app.js';

/** Ratings whose weighted total is 85 (hot) or 70 (warm): BANT 35 + 16 + 18 + 8 + 8; all sevens. */
const RATINGS = {
  85: {
    budget_score: 9,
    authority_score: 9,
    need_score: 9,
    timeline_score: 8,
    engagement_score: 8,
    company_score: 9,
    source_score: 8,
    response_speed_score: 8,
  },
  70: {
    budget_score: 7,
    authority_score: 7,
    need_score: 7,
    timeline_score: 7,
    engagement_score: 7,
    company_score: 7,
    source_score: 7,
    response_speed_score: 7,
  },
} as const;

const named = (request: MockLlmRequest, bare: string): string => {
  const tool = request.tools.find((t) => t.name === bare || t.name.endsWith(`__${bare}`));
  if (!tool) throw new Error(`not offered: ${bare}`);
  return tool.name;
};
const calledTools = (request: MockLlmRequest) =>
  request.messages.flatMap((m) => m.parts.flatMap((p) => (p.type === 'tool_use' ? [p.name.split('__').at(-1)] : [])));

/**
 * An LLM applying the thresholds its instruction states: it checks the prompt says "≥ 80 → assign now"
 * and "60–79 → do not assign, nurture", then acts on the score the server computed.
 */
function sdrTurn(score: 85 | 70) {
  return (request: MockLlmRequest): MockTurn => {
    const done = calledTools(request);
    if (!done.includes('search_memory')) {
      return { toolCalls: [{ name: named(request, 'search_memory'), input: { query: 'origem do lead' } }] };
    }
    if (!done.includes('calculate_lead_score')) {
      return { toolCalls: [{ name: named(request, 'calculate_lead_score'), input: { ...RATINGS[score] } }] };
    }
    const total = (JSON.parse(request.toolResults[0]?.content ?? '{}') as { total_score?: number }).total_score;
    const system = request.system ?? '';
    const hotRule = /Score ≥ 80 \(QUENTE\)[\s\S]*?atribua AGORA com assign_to_agent/.test(system);
    const warmRule = /Score 60–79 \(MORNO\): NÃO atribua neste contato/.test(system);
    if (total === undefined) return { text: 'Obrigado!' };
    if (total >= 80 && hotRule) return { toolCalls: [{ name: named(request, 'assign_to_agent'), input: {} }] };
    if (total >= 60 && warmRule) {
      return {
        toolCalls: [
          { name: named(request, 'create_follow_up_task'), input: { title: 'Nutrir lead morno', due_in_days: 2 } },
        ],
      };
    }
    return { text: `Score ${total}.` };
  };
}

function stopAfterAction(inner: (request: MockLlmRequest) => MockTurn) {
  return (request: MockLlmRequest): MockTurn => {
    const done = calledTools(request);
    if (done.includes('assign_to_agent') || done.includes('create_follow_up_task')) return { text: 'Combinado!' };
    return inner(request);
  };
}

describe.each(['anthropic', 'gemini'] as const)('SDR thresholds through the real %s SDK', (provider) => {
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

  it('assigns a lead scored 85 to a human closer at once, with high priority', async () => {
    mock.setHandler(stopAfterAction(sdrTurn(85)));
    const result = await seeded.app.execute({
      agent: 'sdr',
      message: 'Sou o dono, temos 50 vendedores e preciso de um CRM urgente',
      tenantId: 'tenant-demo',
      contactId: 'contact-larissa',
    });
    expect(result.tool_calls.map((c) => c.tool_name)).toEqual([
      'search_memory',
      'calculate_lead_score',
      'assign_to_agent',
    ]);
    expect(JSON.parse(result.tool_calls[1]?.output ?? '{}')).toMatchObject({ total_score: 85, classification: 'hot' });
    const assigned = JSON.parse(result.tool_calls[2]?.output ?? '{}');
    expect(assigned.priority).toBe('high');
    expect(assigned.lead.assigned_agent_id).toBe(assigned.agent.agent_id);
  });

  it('nurtures a lead scored 70 instead of assigning it', async () => {
    mock.setHandler(stopAfterAction(sdrTurn(70)));
    const result = await seeded.app.execute({
      agent: 'sdr',
      message: 'Estamos avaliando CRMs para o time',
      tenantId: 'tenant-demo',
      contactId: 'contact-paula',
    });
    expect(result.tool_calls.map((c) => c.tool_name)).toEqual([
      'search_memory',
      'calculate_lead_score',
      'create_follow_up_task',
    ]);
    expect(JSON.parse(result.tool_calls[1]?.output ?? '{}')).toMatchObject({ total_score: 70, classification: 'warm' });
  });
});

describe('SDR thresholds with the offline model', () => {
  it('the policy assigns at 85 (priority high) and nurtures at 70 and below 60', () => {
    const nextCall = (score: number) =>
      sdrPolicy.mainTool('lead', {}, new Map<string, unknown>([['calculate_lead_score', { total_score: score }]]));
    expect(nextCall(85)).toMatchObject({ name: 'assign_to_agent', args: { priority: 'high' } });
    expect(nextCall(80)).toMatchObject({ name: 'assign_to_agent' });
    expect(nextCall(79)).toMatchObject({ name: 'create_follow_up_task', args: { due_in_days: 2 } });
    expect(nextCall(70)).toMatchObject({ name: 'create_follow_up_task', args: { due_in_days: 2 } });
    expect(nextCall(45)).toMatchObject({ name: 'create_follow_up_task', args: { due_in_days: 7 } });
  });

  describe('end to end (real tool servers, seeded store)', () => {
    let seeded: SeededApp;
    beforeAll(async () => {
      seeded = await createSeededApp();
    });
    afterAll(async () => {
      await seeded?.close();
    });

    it('a hot lead (≥ 80) from the message goes to a closer; a warm one (60–79) is nurtured', async () => {
      const hot = await seeded.app.execute({
        agent: 'sdr',
        message:
          'Sou o dono da empresa, temos 50 vendedores, orçamento aprovado de R$ 20.000, precisamos urgente porque perdemos muitos leads. Me indicaram vocês e quero começar essa semana com o time todo.',
        tenantId: 'tenant-demo',
        contactId: 'contact-isabela',
      });
      const hotScore = JSON.parse(hot.tool_calls.find((c) => c.tool_name === 'calculate_lead_score')?.output ?? '{}');
      expect(hotScore.total_score).toBeGreaterThanOrEqual(80);
      expect(hot.tool_calls.map((c) => c.tool_name)).toContain('assign_to_agent');

      const warm = await seeded.app.execute({
        agent: 'sdr',
        message: 'Sou gerente, temos 20 vendedores e perdemos leads no whatsapp, queria organizar isso este mês',
        tenantId: 'tenant-demo',
        contactId: 'contact-igor',
      });
      const warmScore = JSON.parse(warm.tool_calls.find((c) => c.tool_name === 'calculate_lead_score')?.output ?? '{}');
      expect(warmScore.total_score).toBeGreaterThanOrEqual(60);
      expect(warmScore.total_score).toBeLessThan(80);
      const tools = warm.tool_calls.map((c) => c.tool_name);
      expect(tools).not.toContain('assign_to_agent');
      expect(tools).toContain('create_follow_up_task');
    });
  });
});
