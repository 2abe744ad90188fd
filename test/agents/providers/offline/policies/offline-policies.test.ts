import { describe, expect, it } from 'vitest';
import { BiAnswerSchema } from '../../../../../src/agents/catalog/format-guide/format-guide.js';
import { templateTools } from '../../../../../src/agents/catalog/index.js';
import { ROUTE_HINT_KEY } from '../../../../../src/agents/catalog/session-keys.js';
import { AGENT_TOOL_PREFIX } from '../../../../../src/agents/catalog/template.js';
import { getTemplate, TEMPLATE_IDS } from '../../../../../src/agents/catalog/templates.js';
import { offlinePolicyFor } from '../../../../../src/agents/providers/offline/policies/registry.js';
import type { PolicyCall } from '../../../../../src/agents/providers/offline/policy-kit/define-policy.js';
import { readWhen, whenToIso } from '../../../../../src/agents/providers/offline/policy-kit/read-date.js';
import { ToolFailure } from '../../../../../src/agents/providers/offline/policy-kit/tool-results.js';
import { argumentIssues, serverToolSpecs } from '../../../catalog/server-tool-specs.js';
import { CUSTOMER_VALUE, FAKE_RESULTS } from './fake-tool-results.js';

type State = Record<string, unknown>;
const STATE: State = { contact_name: 'Carlos Mendes' };
const SPECS = serverToolSpecs();

/** What a template may call: its tools (agents by id), and transfer_to_<handoff>. */
function allowedTools(templateId: string): Set<string> {
  const template = getTemplate(templateId);
  // An agent tool is called by the target's agent_tool_name when it has one (escalate_supervisor).
  const tools = templateTools(template).map((t) => {
    if (!t.startsWith(AGENT_TOOL_PREFIX)) return t;
    const target = getTemplate(t.slice(AGENT_TOOL_PREFIX.length));
    return target.agent_tool_name ?? target.template_id;
  });
  return new Set([...tools, ...template.handoffs.map((h) => `transfer_to_${h}`)]);
}

/**
 * One offline turn the way the offline model runs it, with the results of earlier calls handed to
 * the policy: memory first, then the policy's steps, then the answer. Tool calls are checked against
 * the template's tools and the servers' real zod input schemas.
 */
function simulateTurn(
  templateId: string,
  message: string,
  state: State = STATE,
  overrides: Record<string, (a: Record<string, unknown>) => unknown> = {},
) {
  const policy = offlinePolicyFor(templateId);
  const allowed = allowedTools(templateId);
  const results = new Map<string, unknown>();
  const calls: PolicyCall[] = [];
  if (policy.searchMemoryFirst && allowed.has('search_memory'))
    results.set('search_memory', FAKE_RESULTS.search_memory?.({}));
  for (let i = 0; i < 6; i++) {
    const call = policy.mainTool(message, state, results);
    if (!call || results.has(call.name)) break;
    expect(allowed.has(call.name), `${templateId} calls ${call.name}, not among its tools`).toBe(true);
    const spec = SPECS.get(call.name);
    if (spec) expect(argumentIssues(spec, call.args), `${templateId} → ${call.name}`).toBe('');
    calls.push(call);
    const fake = overrides[call.name] ?? FAKE_RESULTS[call.name];
    if (!fake) throw new Error(`no fake result for ${call.name}`);
    results.set(call.name, fake(call.args));
  }
  const answer = policy.answer(message, results, state);
  expect(answer.trim().length).toBeGreaterThan(10);
  expect(answer).not.toMatch(/undefined|NaN|\[object Object\]/);
  return { calls, names: calls.map((c) => c.name), answer };
}

const SAMPLES: Record<string, { message: string; tools: string[]; answer: RegExp[] }> = {
  sales_prospecting: {
    message: 'quanto custa o plano pro pra 5 usuarios?',
    tools: ['get_campaign_info', 'qualify_lead'],
    answer: [/Carlos/, /campanha Black Friday Varejo/, /Quantas pessoas/],
  },
  sales_negotiation: {
    message: 'consegue 10% de desconto se eu fechar hoje?',
    tools: ['create_follow_up_task'],
    answer: [/revisar a proposta/],
  },
  sales_closing: { message: 'fechado! manda o contrato', tools: ['create_follow_up_task'], answer: [/task-5/] },
  sdr: {
    message: 'Preciso de CRM urgente, sou o dono e temos 50 vendedores, perdemos muitos leads',
    tools: ['calculate_lead_score', 'assign_to_agent'],
    answer: [/João Silva/],
  },
  retention_churn: {
    message: 'Quero cancelar, está muito caro',
    tools: ['check_customer_value', 'create_retention_offer'],
    answer: [/30%/, /3 meses/, /Carlos/],
  },
  retention_upsell: {
    message: 'preciso de mais 5 usuarios no meu plano',
    tools: ['check_customer_value', 'create_follow_up_task'],
    answer: [/premium/],
  },
  retention_winback: {
    message: 'cancelei ano passado, tem condicao pra voltar?',
    tools: ['get_past_offers', 'create_retention_offer'],
    answer: [/25%/],
  },
  support_technical: {
    message: 'o whatsapp parou, nao envia mensagem nenhuma',
    tools: ['check_system_status', 'get_error_logs', 'create_ticket', 'escalate_to_engineering'],
    answer: [/ticket-31/, /indisponibilidade em whatsapp/],
  },
  support_billing: {
    message: 'fui cobrado duas vezes esse mes',
    tools: ['create_ticket'],
    answer: [/ticket-31/, /duplicidade/],
  },
  support_onboarding: {
    message: 'acabei de contratar, como importo meus contatos?',
    tools: ['create_follow_up_task'],
    answer: [/importar seus contatos/],
  },
  operations_followup: {
    message: 'me chama semana que vem pra conversar',
    tools: ['create_follow_up_task'],
    answer: [/task-5/],
  },
  operations_schedule: {
    message: 'pode ser quinta as 15h?',
    tools: ['create_follow_up_task'],
    answer: [/15:00/, /task-5/],
  },
  operations_qa: { message: 'o atendente foi muito grosso comigo', tools: ['create_ticket'], answer: [/ticket-31/] },
  marketing_campaign: {
    message: 'para de me mandar promocao',
    tools: ['store_memory'],
    answer: [/não quer mais receber promoções/],
  },
  marketing_content: {
    message: 'tem algum ebook sobre funil de vendas?',
    tools: ['store_memory'],
    answer: [/funil vendas/],
  },
  marketing_event: {
    message: 'quero me inscrever no webinar de quinta',
    tools: ['create_follow_up_task'],
    answer: [/interesse/],
  },
  bi_manager: {
    message: 'Quantos leads tive hoje?',
    tools: ['get_leads_count'],
    answer: [/47 leads/, /12 qualificados/],
  },
  agent_analyzer: {
    message: 'porque o João converte mais que a Maria?',
    tools: ['compare_agents', 'generate_recommendations'],
    answer: [/João Silva/, /Recomendações/],
  },
  balanced: { message: 'quero falar com um humano', tools: ['escalate_to_human'], answer: [/Pedro/, /4 h/] },
  retention_supervisor: {
    message: 'Escalar caso de retenção, severidade 9. Cliente furioso ameaça o Procon e quer cancelar.',
    tools: ['check_customer_value', 'get_past_offers', 'escalate_to_supervisor'],
    answer: [/"escalation_id":"esc-42"/, /"priority":"urgent"/, /nenhuma oferta/],
  },
  coordinator: { message: 'preciso falar sobre minha fatura', tools: ['agent_analyzer'], answer: [/2\.5x/] },
};

describe('offline policies', () => {
  it('exist for every template and fail clearly for unknown ones', () => {
    for (const id of TEMPLATE_IDS) expect(offlinePolicyFor(id).answer).toBeTypeOf('function');
    expect(() => offlinePolicyFor('astrologer')).toThrow(/no offline policy for template "astrologer"/);
  });

  for (const id of TEMPLATE_IDS.filter((t) => t !== 'coordinator')) {
    it(`${id}: calls its main tool with arguments the server accepts and answers from the results`, () => {
      const sample = SAMPLES[id];
      if (!sample) throw new Error(`no sample for ${id}`);
      const turn = simulateTurn(id, sample.message);
      expect(turn.names).toEqual(sample.tools);
      for (const pattern of sample.answer) expect(turn.answer).toMatch(pattern);
    });

    it(`${id}: without earlier results still makes one valid call (or none) from the message alone`, () => {
      const sample = SAMPLES[id] as { message: string };
      const call = offlinePolicyFor(id).mainTool(sample.message, STATE);
      if (!call) return expect(id).toBe('balanced');
      expect(allowedTools(id).has(call.name)).toBe(true);
      const spec = SPECS.get(call.name);
      if (spec) expect(argumentIssues(spec, call.args)).toBe('');
    });
  }

  it('coordinator delegates to the routed specialist and answers with its words', () => {
    const state = { ...STATE, [ROUTE_HINT_KEY]: 'agent_analyzer' };
    const policy = offlinePolicyFor('coordinator');
    expect(policy.searchMemoryFirst).toBe(false);
    expect(policy.mainTool('x', state)).toEqual({ name: 'agent_analyzer', args: { request: 'x' } });
    expect(policy.mainTool('x', {})?.name).toBe('balanced');
    const answer = policy.answer('x', new Map([['agent_analyzer', 'resposta do especialista']]), state);
    expect(answer).toBe('resposta do especialista');
  });

  it('agent_analyzer answers a comparison as the seed: dimension table, radar with one series per agent, recommendations', () => {
    const turn = simulateTurn('agent_analyzer', 'porque o João converte mais que a Maria?');
    expect(turn.calls[0]?.args).toMatchObject({ agent_a: 'João', agent_b: 'Maria', period: 'custom' });
    const answer = BiAnswerSchema.parse(JSON.parse(turn.answer));
    const guide = answer.format_guide as {
      structure: { sections: Array<{ type: string; title?: string; rows?: unknown[][]; items?: string[] }> };
      chart_config: Record<string, unknown>;
    };
    const table = guide.structure.sections.find((s) => s.type === 'table');
    expect(table?.rows).toEqual([
      [expect.any(String), 45, 27.8, 'João Silva'],
      [expect.any(String), 138, 342, 'João Silva'],
    ]);
    expect(guide.chart_config).toMatchObject({
      type: 'radar',
      dimensions: ['conversion_rate', 'avg_response_seconds'],
      series: [
        { name: 'João Silva', data: [45, 138] },
        { name: 'Maria Souza', data: [27.8, 342] },
      ],
    });
    expect(guide.structure.sections.at(-1)).toMatchObject({ type: 'bullets', title: 'Recomendações' });
    // bi_manager passes the analyzer's answer on unchanged.
    const bi = offlinePolicyFor('bi_manager').answer(
      'porque?',
      new Map([['agent_analyzer', JSON.parse(turn.answer)]]),
      STATE,
    );
    expect(JSON.parse(bi)).toEqual(JSON.parse(turn.answer));
  });

  it('coordinator never quotes a delegation that failed', () => {
    const state = { ...STATE, [ROUTE_HINT_KEY]: 'support_billing' };
    const failure = new ToolFailure('Agent "support_billing" failed (internal): Contact "anonymous-1" not found.');
    const answer = offlinePolicyFor('coordinator').answer(
      'minha fatura',
      new Map([['support_billing', failure]]),
      state,
    );
    expect(answer).toMatch(/^Desculpe, não consegui resolver isso agora/);
    expect(answer).not.toMatch(/failed|anonymous|not found/);
  });

  it('retention_churn escalates instead of offering when CLV is above R$ 50.000', () => {
    const turn = simulateTurn('retention_churn', 'quero cancelar', STATE, {
      check_customer_value: () => ({ ...CUSTOMER_VALUE, clv: 72500, value_segment: 'vip', requires_supervisor: true }),
    });
    // The seed's escalate_supervisor: the supervisor agent, used as a tool, opens the case.
    expect(turn.names).toEqual(['check_customer_value', 'escalate_supervisor']);
    expect(turn.answer).toMatch(/supervisor/);
    expect(turn.answer).toMatch(/esc-77/);
    // Its fallback, for an agent without the supervisor tool, is the direct escalation.
    expect(turn.calls[1]?.fallback).toMatchObject({
      name: 'escalate_to_supervisor',
      args: { severity: expect.any(Number) },
    });
  });

  it('retention_churn escalates at once on severity 8 or more (legal threats)', () => {
    const turn = simulateTurn('retention_churn', 'ABSURDO, vou no PROCON e cancelar tudo!!!');
    expect(turn.names).toEqual(['escalate_supervisor']);
    // Retention tells the supervisor the severity (≥ 8), and the direct fallback carries it too.
    expect(String(turn.calls[0]?.args.request)).toMatch(/severidade (8|9|10)\b/);
    expect(Number(turn.calls[0]?.fallback?.args.severity)).toBeGreaterThanOrEqual(8);
    expect(turn.answer).toMatch(/urgente/);
  });

  it('support_billing takes a legal threat to a supervisor (its rule 5), and an ordinary dispute to a ticket', () => {
    const threat = simulateTurn(
      'support_billing',
      'Cobraram R$ 4.000 indevidamente no meu cartão. Se não resolverem hoje vou entrar na justiça.',
    );
    expect(threat.names).toEqual(['escalate_to_supervisor']);
    expect(Number(threat.calls[0]?.args.severity)).toBeGreaterThanOrEqual(8);
    // Without the supervisor tool, the dispute still becomes a ticket at that severity.
    expect(threat.calls[0]?.fallback).toMatchObject({ name: 'create_ticket', args: { category: 'billing' } });
    expect(threat.answer).toMatch(/supervisor/);
    expect(threat.answer).toMatch(/esc-/);
    const ordinary = simulateTurn('support_billing', 'fui cobrado duas vezes esse mes');
    expect(ordinary.names).toEqual(['create_ticket']);
  });

  it('retention_churn never offers above 30 % and respects the decision after 3 offers', () => {
    for (const segment of ['low', 'medium', 'high'])
      for (const tenure of [0, 30]) {
        const turn = simulateTurn('retention_churn', 'muito caro, vou sair', STATE, {
          check_customer_value: () => ({ ...CUSTOMER_VALUE, value_segment: segment, tenure_months: tenure }),
        });
        const offer = turn.calls.find((c) => c.name === 'create_retention_offer');
        expect(Number(offer?.args.discount_percent)).toBeLessThanOrEqual(30);
        expect(turn.answer).toContain(`${offer?.args.discount_percent}%`);
      }
    const done = simulateTurn('retention_churn', 'quero cancelar', STATE, {
      check_customer_value: () => ({ ...CUSTOMER_VALUE, offers_made: 3 }),
    });
    expect(done.names).toEqual(['check_customer_value']);
    expect(done.answer).toMatch(/respeito sua decisão/);
  });

  it('retention_churn tells the truth when the server refuses the offer, without quoting the refusal', () => {
    const turn = simulateTurn('retention_churn', 'quero cancelar', STATE, {
      create_retention_offer: () =>
        'Customer contact-carlos already received 3 retention offers (maximum 3): respect the decision.',
    });
    expect(turn.answer).toMatch(/Não consigo liberar uma condição especial/);
    expect(turn.answer).toMatch(/supervisor/);
    expect(turn.answer).not.toMatch(/Preparei|contact-carlos|maximum 3/);
  });

  it('sdr assigns a hot lead (≥ 80) at once; warm (60–79) and cold leads are nurtured', () => {
    const cold = simulateTurn('sdr', 'quanto custa?', STATE, {
      calculate_lead_score: () => ({
        total_score: 41,
        classification: 'cold',
        recommended_action: 'long_nurture',
        breakdown: {},
        lead: null,
      }),
    });
    expect(cold.names).toEqual(['calculate_lead_score', 'create_follow_up_task']);
    expect(cold.names).not.toContain('assign_to_agent');
    const warm = simulateTurn('sdr', 'somos 20 vendedores e precisamos de um crm', STATE, {
      calculate_lead_score: () => ({
        total_score: 60,
        classification: 'warm',
        recommended_action: 'nurture_then_assign',
        breakdown: {},
        lead: null,
      }),
    });
    expect(warm.names).toEqual(['calculate_lead_score', 'create_follow_up_task']);
    const hot = simulateTurn('sdr', 'somos 50 vendedores, sou o dono, preciso urgente', STATE, {
      calculate_lead_score: () => ({
        total_score: 85,
        classification: 'hot',
        recommended_action: 'assign_immediately',
        breakdown: {},
        lead: null,
      }),
    });
    expect(hot.names).toEqual(['calculate_lead_score', 'assign_to_agent']);
    expect(hot.calls[1]?.args.priority).toBe('high');
  });

  it('bi_manager answers JSON {answer, format_guide} whose numbers are the tool results', () => {
    const turn = simulateTurn('bi_manager', 'Quantos leads tive hoje?');
    expect(turn.calls[0]?.args).toEqual({ period: 'today' });
    const parsed = BiAnswerSchema.parse(JSON.parse(turn.answer));
    const numbers = parsed.answer.match(/\d+/g)?.map(Number) ?? [];
    for (const n of numbers.filter((x) => x < 2000)) expect([47, 12, 5, 3, 21, 22, 11]).toContain(n);
    const top = simulateTurn('bi_manager', 'qual vendedor vendeu mais esse mes');
    expect(top.calls[0]).toEqual({
      name: 'get_top_performing_agent',
      args: { metric: 'conversions', period: 'this_month' },
    });
    expect(BiAnswerSchema.parse(JSON.parse(top.answer)).answer).toMatch(/João Silva/);
  });

  it('bi_manager delegates "porque/why" questions to the agent analyzer', () => {
    for (const q of ['PORQUE o João converteu mais que a Maria?', 'why is Ana selling less than Pedro']) {
      const turn = simulateTurn('bi_manager', q);
      expect(turn.names).toEqual(['agent_analyzer']);
      expect(turn.calls[0]?.args).toEqual({ request: q });
      expect(BiAnswerSchema.parse(JSON.parse(turn.answer)).answer).toMatch(/2\.5x/);
    }
  });

  it('support_technical hands billing questions to support_billing', () => {
    const turn = simulateTurn('support_technical', 'meu boleto veio com valor errado');
    expect(turn.names[0]).toBe('transfer_to_support_billing');
  });

  it('answers in English when the customer writes in English', () => {
    const turn = simulateTurn('retention_churn', 'I want to cancel, it is too expensive');
    expect(turn.answer).toMatch(/discount/);
    expect(turn.answer).not.toMatch(/desconto/);
  });

  it('reads days and times the way customers write them', () => {
    const thursday = new Date('2026-11-19T15:00:00Z'); // a Thursday, 12:00 in Brasília
    expect(readWhen('pode ser quinta as 15h?', thursday)).toMatchObject({ dueInDays: 7, hour: 15 });
    expect(readWhen('amanha 9:30', thursday)).toMatchObject({ dueInDays: 1, hour: 9, minute: 30 });
    expect(readWhen('me chama daqui 15 dias', thursday)).toMatchObject({ dueInDays: 15 });
    expect(readWhen('tomorrow at 3pm', thursday)).toMatchObject({ dueInDays: 1, hour: 15 });
    expect(readWhen('ok obrigado', thursday)).toBeUndefined();
    const when = readWhen('sexta as 10h', thursday);
    expect(when && whenToIso(when, thursday)).toBe('2026-11-20T13:00:00.000Z');
  });
});
