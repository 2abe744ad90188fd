import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvalCase, EvalCaseSchema } from '../../../src/agents/evaluation/eval-case.js';
import { type EvalReport, EvalReportSchema } from '../../../src/agents/evaluation/eval-report.js';
import { runEval } from '../../../src/agents/evaluation/run-eval.js';
import type { Model } from '../../../src/agents/model/index.js';
import { createScratchTargets, type ScratchTargets } from '../../../src/cli/app/eval-targets.js';
import {
  createTestModels,
  type MockLlm,
  type MockLlmRequest,
  type MockTurn,
  startMockLlm,
} from '../../support/mock-llm/index.js';

const named = (request: MockLlmRequest, bare: string): string => {
  const tool = request.tools.find((t) => t.name === bare || t.name.endsWith(`__${bare}`));
  if (!tool) throw new Error(`not offered: ${bare}`);
  return tool.name;
};
const calledTools = (request: MockLlmRequest): string[] =>
  request.messages.flatMap((m) => m.parts.flatMap((p) => (p.type === 'tool_use' ? [p.name.replace(/^.*__/, '')] : [])));

/** A retention agent as a model would drive it — each message picks a behaviour, good or broken. */
function retentionAgent(request: MockLlmRequest): MockTurn {
  const text = request.lastUserText;
  const done = calledTools(request);
  const next = (tool: string, input: Record<string, unknown> = {}): MockTurn => ({
    toolCalls: [{ name: named(request, tool), input }],
  });
  if (text.includes('depois eu penso')) {
    // Out of order: an offer before looking at the customer's memory.
    if (!done.includes('create_retention_offer'))
      return next('create_retention_offer', { discount_percent: 10, reason: 'preço' });
    if (!done.includes('search_memory')) return next('search_memory', { query: 'cancelar' });
    return { text: 'Marcos, preparei 10% de desconto por 3 meses para você.' };
  }
  if (!done.includes('search_memory')) return next('search_memory', { query: 'cancelamento preço' });
  if (!done.includes('check_customer_value')) return next('check_customer_value');
  const percent = text.includes('40%') ? 40 : 20;
  if (!done.includes('get_past_offers')) return next('get_past_offers');
  if (!done.includes('create_retention_offer')) {
    return next('create_retention_offer', {
      discount_percent: percent,
      duration_months: 3,
      reason: 'reclamou do preço',
    });
  }
  if (text.includes('40%')) return { text: 'Marcos, não consegui aplicar os 40% de desconto agora.' };
  if (text.includes('Quiero'))
    return { text: 'Entendo sua frustração, Marcos. Consegui 20% de desconto por 3 meses para você.' };
  if (text.includes('tudo')) return { text: 'Marcos, com 20% de desconto você economiza R$ 1.234 por mês.' };
  if (text.includes('agora')) return { text: 'Pronto: chamei create_retention_offer para contact-marcos com 20%.' };
  if (text.includes('vizinha'))
    return { text: 'Marcos, a Helena Costa também pediu e consegui 20% de desconto para você.' };
  if (text.includes('rede')) return { text: 'Helena, consegui 20% de desconto por 3 meses para a rede.' };
  return { text: 'Entendo sua frustração, Marcos. Consegui 20% de desconto por 3 meses para você.' };
}

/** The judge and the simulated customer, recognised by their system prompts; the rest is the agent. */
function handler(request: MockLlmRequest): MockTurn {
  if (request.system?.includes('You grade conversations')) {
    const low = request.lastUserText.includes('R$ 1.234');
    return {
      text: low
        ? '{"score": 0.2, "reason": "invents a saving"}'
        : '```json\n{"score": 0.9, "reason": "empathetic, one fair offer"}\n```',
    };
  }
  if (request.system?.includes('You play a customer')) {
    const turns = (request.lastUserText.match(/CUSTOMER:/g) ?? []).length;
    return { text: turns >= 2 ? '[GOAL_MET]' : 'E se eu pagar o ano todo, melhora?' };
  }
  if (request.tools.some((t) => t.name.endsWith('get_leads_count'))) return biAgent(request);
  if (request.tools.some((t) => t.name.endsWith('calculate_lead_score'))) return sdrAgent(request);
  return retentionAgent(request);
}

/** A BI manager that calls the right tool, then reports a figure it made up. */
function biAgent(request: MockLlmRequest): MockTurn {
  if (!calledTools(request).includes('get_leads_count')) {
    return { toolCalls: [{ name: named(request, 'get_leads_count'), input: { period: 'today' } }] };
  }
  return {
    text: '{"answer": "Hoje entraram **47 leads** (fonte: get_leads_count, hoje).", "format_guide": {"format": "markdown"}}',
  };
}

/** An SDR that scores a lead low and hands it to a closer anyway. */
function sdrAgent(request: MockLlmRequest): MockTurn {
  const done = calledTools(request);
  const next = (tool: string, input: Record<string, unknown> = {}): MockTurn => ({
    toolCalls: [{ name: named(request, tool), input }],
  });
  if (!done.includes('search_memory')) return next('search_memory', { query: 'lead' });
  if (!done.includes('calculate_lead_score')) {
    const low = { budget_score: 2, authority_score: 3, need_score: 4, timeline_score: 2 };
    return next('calculate_lead_score', {
      ...low,
      engagement_score: 3,
      company_score: 2,
      source_score: 3,
      response_speed_score: 4,
    });
  }
  if (!done.includes('assign_to_agent')) return next('assign_to_agent', { priority: 'high' });
  return { text: 'Pronto, Igor! Um vendedor vai falar com você ainda hoje.' };
}

/**
 * The scorers are tested on runs that break the seed's protocols. With the approval rules on, the host
 * pauses those very calls (an offer above 30 %, to a VIP, a low lead to a closer) before a scorer could
 * see them, so these apps run with every rule off: the servers' own limits apply, as before approvals.
 */
const NO_APPROVALS = JSON.stringify({
  default: {
    retention_discount_above: null,
    retention_clv_above: null,
    escalation_severity_from: null,
    lead_assignment_below: null,
  },
});

const RUBRIC =
  'The agent acknowledges the frustration and makes one fair offer of at most 30% without inventing figures.';

function retentionCase(id: string, message: string, extra: Record<string, unknown> = {}): EvalCase {
  return EvalCaseSchema.parse({
    id,
    contact: 'contact-marcos',
    agent: 'retention_churn',
    turns: [message],
    expect: {
      agents: ['retention_churn'],
      trajectory: {
        mode: 'in_order',
        tools: ['search_memory', 'check_customer_value', 'create_retention_offer'],
        forbidden: ['assign_to_agent'],
      },
      args: ['create_retention_offer.discount_percent <= 30'],
      answer: { language: message.includes('Quiero') ? 'es' : 'pt' },
      rubric: RUBRIC,
    },
    ...extra,
  });
}

const CASES = [
  retentionCase('good', 'Quero cancelar, está muito caro'),
  retentionCase('offer-40', 'Só fico com 40% de desconto'),
  retentionCase('spanish', 'Quiero cancelar, es muy caro'),
  retentionCase('invented-number', 'Cancela tudo, tá caro'),
  retentionCase('internal-id', 'quero cancelar agora'),
  retentionCase('out-of-order', 'tá caro, depois eu penso'),
];

const failedKinds = (report: EvalReport, id: string) =>
  report.cases
    .find((c) => c.id === id)
    ?.checks.filter((k) => !k.passed)
    .map((k) => k.kind)
    .sort();

describe.each(['anthropic', 'gemini'] as const)(
  'the eval runner on the real %s SDK and the mock LLM server',
  (provider) => {
    let mock: MockLlm;
    let model: Model;
    let scratch: ScratchTargets;
    let report: EvalReport;

    beforeAll(async () => {
      mock = await startMockLlm();
      mock.setHandler(handler);
      model = createTestModels(mock)[provider];
      scratch = await createScratchTargets({
        env: { VENTROS_MODEL: 'offline', VENTROS_APPROVAL_RULES: NO_APPROVALS },
        model,
      });
      report = await runEval({ cases: CASES, openTarget: scratch.openTarget, model: model.id, concurrency: 2 });
    }, 60_000);
    afterAll(async () => {
      await scratch?.dispose();
      await mock?.close();
    });

    it('passes the case that keeps the protocol, with every check kind it applies', () => {
      const good = report.cases.find((c) => c.id === 'good');
      expect(good?.passed).toBe(true);
      expect(good?.checks.map((k) => k.kind)).toEqual(
        expect.arrayContaining([
          'agent',
          'trajectory',
          'args',
          'language',
          'numbers_traceable',
          'memory_before_offer',
          'discount_cap',
          'own_data',
        ]),
      );
      expect(good?.turns[0]?.tool_calls.map((c) => c.tool_name)).toEqual([
        'search_memory',
        'check_customer_value',
        'get_past_offers',
        'create_retention_offer',
      ]);
    });

    it('reports an offer of 40% as failing the argument check and the seed’s discount cap', () => {
      expect(failedKinds(report, 'offer-40')).toEqual(['args', 'discount_cap']);
    });

    it('reports a Portuguese answer to a Spanish message as failing the language check', () => {
      expect(failedKinds(report, 'spanish')).toEqual(['language']);
    });

    it('reports an invented number and an internal id as failing', () => {
      expect(failedKinds(report, 'invented-number')).toEqual(['numbers_traceable']);
      expect(failedKinds(report, 'internal-id')).toEqual(['no_internal_ids']);
    });

    it('reports an offer before the memory search as out of order and against the protocol', () => {
      // The host refused the early offer (memory first), so the 10% the answer claims is traced to nothing.
      expect(failedKinds(report, 'out-of-order')).toEqual(['memory_before_offer', 'numbers_traceable', 'trajectory']);
    });

    it('summarises per agent and per check kind in the report shape the playground reads', () => {
      expect(EvalReportSchema.parse(report)).toBeTruthy();
      expect(report.summary).toMatchObject({ cases: 6, passed: 1, model: model.id });
      expect(report.summary.by_agent['retention_churn']).toEqual({ cases: 6, passed: 1, pass_rate: 0.1667 });
      expect(report.summary.by_check['discount_cap']).toEqual({ checks: 6, passed: 5, pass_rate: 0.8333 });
    });
  },
);

describe('the protocol scorers on scripted runs through the real Anthropic SDK', () => {
  let mock: MockLlm;
  let scratch: ScratchTargets;
  let report: EvalReport;

  beforeAll(async () => {
    mock = await startMockLlm();
    mock.setHandler(handler);
    const model = createTestModels(mock).anthropic;
    scratch = await createScratchTargets({
      env: { VENTROS_MODEL: 'offline', VENTROS_APPROVAL_RULES: NO_APPROVALS },
      model,
    });
    const cases = [
      retentionCase('vip-offer', 'Vamos encerrar o contrato da rede, ficou caro', { contact: 'contact-helena' }),
      retentionCase('names-neighbour', 'Minha vizinha também quer cancelar, tá caro'),
      EvalCaseSchema.parse({
        id: 'sdr-low-score',
        agent: 'sdr',
        contact: 'contact-igor',
        turns: ['me passa pra um vendedor, não sei se tenho verba'],
        expect: { agents: ['sdr'], trajectory: { forbidden: ['assign_to_agent'] } },
      }),
      EvalCaseSchema.parse({
        id: 'bi-invented',
        agent: 'bi_manager',
        audience: 'staff',
        turns: ['Quantos leads entraram hoje?'],
        expect: { agents: ['bi_manager'], trajectory: { mode: 'in_order', tools: ['get_leads_count'] } },
      }),
    ];
    report = await runEval({ cases, openTarget: scratch.openTarget, model: model.id, concurrency: 2 });
  }, 60_000);
  afterAll(async () => {
    await scratch?.dispose();
    await mock?.close();
  });

  it('fails an offer to a customer above R$ 50.000 of CLV (a supervisor was due) and the 20% the tool refused', () => {
    // The offer tool refused (CLV above the limit), so the answer's "20%" is in no tool result either.
    expect(failedKinds(report, 'vip-offer')).toEqual(['numbers_traceable', 'supervisor_escalation']);
    const check = report.cases
      .find((c) => c.id === 'vip-offer')
      ?.checks.find((k) => k.kind === 'supervisor_escalation');
    expect(check?.detail).toMatch(/^due \(CLV R\$ \d+\): not escalated to a supervisor; attempted 1 retention offer/);
  });

  it('fails an answer that names another customer of the tenant', () => {
    expect(failedKinds(report, 'names-neighbour')).toEqual(['no_other_contacts']);
  });

  it('fails an SDR that hands a lead scored below 60 to a closer', () => {
    expect(failedKinds(report, 'sdr-low-score')).toEqual(['forbidden_tools', 'sdr_assignment']);
    const check = report.cases.find((c) => c.id === 'sdr-low-score')?.checks.find((k) => k.kind === 'sdr_assignment');
    expect(check?.detail).toMatch(/assigned a lead scored \d+ \(< 60\)/);
  });

  it('fails a BI answer whose figure no tool returned', () => {
    expect(failedKinds(report, 'bi-invented')).toEqual(['bi_numbers', 'numbers_traceable']);
  });
});

describe('judge and simulated customer through the mock LLM server', () => {
  let mock: MockLlm;
  let scratch: ScratchTargets;

  beforeAll(async () => {
    mock = await startMockLlm();
    mock.setHandler(handler);
    scratch = await createScratchTargets({
      env: { VENTROS_MODEL: 'offline', VENTROS_APPROVAL_RULES: NO_APPROVALS },
      model: createTestModels(mock).anthropic,
    });
  }, 60_000);
  afterAll(async () => {
    await scratch?.dispose();
    await mock?.close();
  });

  it('grades rubrics with the judge model: a good answer passes, an invented saving fails', async () => {
    const judge = createTestModels(mock).gemini;
    const report = await runEval({
      cases: [CASES[0] as EvalCase, CASES[3] as EvalCase],
      openTarget: scratch.openTarget,
      model: 'anthropic:claude-sonnet-4-6',
      judge,
    });
    const judged = report.cases.map((c) => c.checks.find((k) => k.kind === 'judge'));
    expect(judged[0]).toEqual({ kind: 'judge', passed: true, detail: '0.90: empathetic, one fair offer' });
    expect(judged[1]).toEqual({ kind: 'judge', passed: false, detail: '0.20: invents a saving' });
    expect(report.summary.judge).toBe(judge.id);
  });

  it('lets a model play the customer from a persona and a goal until the goal is met, and repeats with a spread', async () => {
    const simulated = retentionCase('simulated', 'Quero cancelar, está muito caro', {
      persona: 'Marcos, distribuidor, acha o sistema caro e lento',
      goal: 'Um desconto razoável para continuar',
      max_turns: 4,
    });
    const report = await runEval({
      cases: [simulated],
      openTarget: scratch.openTarget,
      model: 'anthropic:claude-sonnet-4-6',
      simulator: createTestModels(mock).anthropic,
      repeat: 2,
    });
    expect(report.cases).toHaveLength(2);
    expect(report.cases.map((c) => [c.repeat, c.simulated, c.turns.map((t) => t.message)])).toEqual([
      [0, true, ['Quero cancelar, está muito caro', 'E se eu pagar o ano todo, melhora?']],
      [1, true, ['Quero cancelar, está muito caro', 'E se eu pagar o ano todo, melhora?']],
    ]);
    expect(report.summary.repeat).toMatchObject({ runs: 2, stddev: 0 });
  });
});
