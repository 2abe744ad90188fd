import { describe, expect, it } from 'vitest';
import { agentScorer } from '../../../src/agents/evaluation/scorers/agent-scorer.js';
import {
  containsScorer,
  languageScorer,
  notContainsScorer,
} from '../../../src/agents/evaluation/scorers/answer-scorers.js';
import { argsScorer } from '../../../src/agents/evaluation/scorers/args-scorer.js';
import { parseVerdict } from '../../../src/agents/evaluation/scorers/judge-scorer.js';
import { numbersScorer } from '../../../src/agents/evaluation/scorers/numbers-scorer.js';
import { internalIdsScorer, otherContactsScorer } from '../../../src/agents/evaluation/scorers/privacy-scorers.js';
import { biNumbersScorer } from '../../../src/agents/evaluation/scorers/protocol/bi-numbers.js';
import { discountCapScorer } from '../../../src/agents/evaluation/scorers/protocol/discount-cap.js';
import { memoryBeforeOfferScorer } from '../../../src/agents/evaluation/scorers/protocol/memory-before-offer.js';
import { ownDataScorer } from '../../../src/agents/evaluation/scorers/protocol/own-data.js';
import { sdrAssignmentScorer } from '../../../src/agents/evaluation/scorers/protocol/sdr-assignment.js';
import { supervisorEscalationScorer } from '../../../src/agents/evaluation/scorers/protocol/supervisor-escalation.js';
import type { CheckResult, Scorer } from '../../../src/agents/evaluation/scorers/scorer.js';
import { trajectoryScorer } from '../../../src/agents/evaluation/scorers/trajectory-scorer.js';
import { call, context, evalCase, result } from './fixtures.js';

const OFFER_OK = call(
  'create_retention_offer',
  { discount_percent: 20, duration_months: 3 },
  { offer: { discount_percent: 20 }, duration_months: 3 },
);
const MEMORY = call(
  'search_memory',
  { query: 'cancelar' },
  { memories: [{ contact_id: 'contact-marcos', content: 'Marcos reclamou' }] },
);
const VALUE = call(
  'check_customer_value',
  {},
  { contact_id: 'contact-marcos', clv: 19800, tenure_months: 26, requires_supervisor: false },
);

async function run(
  scorer: Scorer,
  c: ReturnType<typeof evalCase>,
  turns: Parameters<typeof context>[1],
): Promise<CheckResult[]> {
  return scorer(context(c, turns));
}

const one = async (...args: Parameters<typeof run>) => {
  const checks = await run(...args);
  expect(checks).toHaveLength(1);
  return checks[0] as CheckResult;
};

describe('expectation scorers', () => {
  it('passes the agent check on an acceptable agent and fails on another, naming both', async () => {
    const c = evalCase({ turns: ['Quero cancelar'], expect: { agents: ['retention_churn'] } });
    expect(
      (await one(agentScorer, c, [{ message: 'Quero cancelar', result: result('ok', 'retention_churn') }])).passed,
    ).toBe(true);
    const wrong = await one(agentScorer, c, [{ message: 'Quero cancelar', result: result('ok', 'sales_closing') }]);
    expect(wrong).toMatchObject({ kind: 'agent', passed: false });
    expect(wrong.detail).toContain('sales_closing, expected retention_churn');
  });

  it('reports a trajectory out of order as failing, and passes the same tools in order', async () => {
    const c = evalCase({
      turns: ['Quero cancelar'],
      expect: {
        trajectory: { mode: 'in_order', tools: ['search_memory', 'check_customer_value', 'create_retention_offer'] },
      },
    });
    const bad = await one(trajectoryScorer, c, [
      { message: 'Quero cancelar', result: result('ok', 'retention_churn', [VALUE, OFFER_OK, MEMORY]) },
    ]);
    expect(bad.passed).toBe(false);
    expect(bad.detail).toContain('out of order');
    const good = await one(trajectoryScorer, c, [
      {
        message: 'Quero cancelar',
        result: result('ok', 'retention_churn', [MEMORY, call('get_past_offers'), VALUE, OFFER_OK]),
      },
    ]);
    expect(good.passed).toBe(true);
  });

  it('tells exact, any_order and subset apart and reports forbidden tools even when they failed', async () => {
    const turns = [
      {
        message: 'x',
        result: result('ok', 'retention_churn', [
          MEMORY,
          VALUE,
          call('assign_to_agent', {}, 'refused', { is_error: true }),
        ]),
      },
    ];
    const exact = evalCase({
      turns: ['x'],
      expect: { trajectory: { mode: 'exact', tools: ['search_memory', 'check_customer_value'] } },
    });
    expect((await one(trajectoryScorer, exact, turns)).passed).toBe(false);
    const anyOrder = evalCase({
      turns: ['x'],
      expect: { trajectory: { mode: 'any_order', tools: ['check_customer_value', 'search_memory'] } },
    });
    expect((await one(trajectoryScorer, anyOrder, turns)).passed).toBe(true);
    const subset = evalCase({
      turns: ['x'],
      expect: { trajectory: { mode: 'subset', tools: ['search_memory', 'check_customer_value'] } },
    });
    expect((await one(trajectoryScorer, subset, turns)).detail).toContain('called assign_to_agent');
    const forbidden = evalCase({ turns: ['x'], expect: { trajectory: { forbidden: ['assign_to_agent'] } } });
    expect(await run(trajectoryScorer, forbidden, turns)).toEqual([
      { kind: 'forbidden_tools', passed: false, detail: 'called assign_to_agent' },
    ]);
  });

  it('leaves delegations to agents out of the trajectory unless the expectation names them', async () => {
    const delegated = [MEMORY, VALUE, call('retention_churn', { request: 'x' }, 'answer', { agent: 'coordinator' })];
    const exact = evalCase({
      turns: ['x'],
      expect: { trajectory: { mode: 'exact', tools: ['search_memory', 'check_customer_value'] } },
    });
    expect(
      (await one(trajectoryScorer, exact, [{ message: 'x', result: result('ok', 'retention_churn', delegated) }]))
        .passed,
    ).toBe(true);
    const named = evalCase({ turns: ['x'], expect: { trajectory: { mode: 'in_order', tools: ['retention_churn'] } } });
    expect(
      (await one(trajectoryScorer, named, [{ message: 'x', result: result('ok', 'retention_churn', delegated) }]))
        .passed,
    ).toBe(true);
  });

  it('fails an argument check for an offer of 40% — even one the tool refused — and passes when not called', async () => {
    const c = evalCase({ turns: ['x'], expect: { args: ['create_retention_offer.discount_percent <= 30'] } });
    const refused = call('create_retention_offer', { discount_percent: 40 }, 'A 40% discount is above the 30% limit', {
      is_error: true,
    });
    const check = await one(argsScorer, c, [
      { message: 'x', result: result('ok', 'retention_churn', [MEMORY, refused]) },
    ]);
    expect(check).toMatchObject({ kind: 'args', passed: false });
    expect(check.detail).toContain('fails: 40');
    expect(
      (await one(argsScorer, c, [{ message: 'x', result: result('ok', 'retention_churn', [MEMORY]) }])).detail,
    ).toContain('not called');
  });

  it('fails a Portuguese answer to a Spanish message and passes the Spanish one', async () => {
    const c = evalCase({ turns: ['Quiero darme de baja, es muy caro'], expect: { answer: { language: 'es' } } });
    const pt = await one(languageScorer, c, [
      {
        message: 'Quiero darme de baja',
        result: result('Entendo sua frustração, Marcos. Você está com a gente há 26 meses.', 'retention_churn'),
      },
    ]);
    expect(pt.passed).toBe(false);
    expect(pt.detail).toContain('expected es, got pt');
    const es = await one(languageScorer, c, [
      {
        message: 'Quiero darme de baja',
        result: result('Entiendo, Marcos. Ya llevas 26 meses con nosotros y queremos ayudarte.', 'retention_churn'),
      },
    ]);
    expect(es.passed).toBe(true);
  });

  it('matches contains case-insensitively, as regexes, and as any-of lists; not_contains finds what must not be there', async () => {
    const c = evalCase({
      turns: ['x'],
      expect: {
        answer: {
          contains: ['MARCOS', '/\\d+\\s?%/', ['discount', 'desconto']],
          not_contains: ['50%', '/reembolso (aprovado|feito)/'],
        },
      },
    });
    const turns = [
      { message: 'x', result: result('Marcos, consegui 20% de desconto. Reembolso aprovado!', 'retention_churn') },
    ];
    expect((await one(containsScorer, c, turns)).passed).toBe(true);
    const notContains = await one(notContainsScorer, c, turns);
    expect(notContains).toMatchObject({ passed: false });
    expect(notContains.detail).toContain('/reembolso (aprovado|feito)/');
  });

  it('fails an invented number and traces formatted ones (R$ 19.800,00, 40% of a 0.4 rate, the user’s own figures)', async () => {
    const c = evalCase({ turns: ['Pago R$ 900 por mês'] });
    const traced = await one(numbersScorer, c, [
      {
        message: 'Pago R$ 900 por mês',
        result: result(
          'Marcos, seu CLV é R$ 19.800,00, você está há 26 meses e converte 40%. Sobre os R$ 900: 1) veja o plano.',
          'retention_churn',
          [call('check_customer_value', {}, { clv: 19800, tenure_months: 26, rate: 0.4 })],
        ),
      },
    ]);
    expect(traced).toMatchObject({ kind: 'numbers_traceable', passed: true });
    const invented = await one(numbersScorer, c, [
      {
        message: 'Pago R$ 900 por mês',
        result: result('Você está com a gente há 3 anos e economiza R$ 1.250.', 'retention_churn', [VALUE]),
      },
    ]);
    expect(invented.passed).toBe(false);
    expect(invented.detail).toContain('not in any tool result: 3, 1.250');
  });

  it('reads no figures out of ids, and lets a duration in minutes be told in hours', async () => {
    const c = evalCase({ turns: ['quero falar com uma pessoa'] });
    const answer = (text: string, output: Record<string, unknown>) =>
      one(numbersScorer, c, [
        {
          message: 'quero falar com uma pessoa',
          result: result(text, 'balanced', [call('escalate_to_human', {}, output)]),
        },
      ]);
    // "4" only inside a random id: not a source for an answer's 4.
    const fromId = await answer('Alguém te responde em até 4 dias.', { handoff_id: 'task-4a28c1e5b' });
    expect(fromId).toMatchObject({ passed: false, detail: expect.stringContaining('4') });
    const hours = await answer('Alguém te responde em até 4 h.', {
      handoff_id: 'task-9f3ac1e5b',
      respond_within_minutes: 240,
    });
    expect(hours).toMatchObject({ passed: true });
    // A period's last day is a date, not a figure a tool must hold.
    const dated = await answer('This month (Dec 1, 2026 – Dec 4, 2026), 4 de dezembro: 240 min.', {
      respond_within_minutes: 240,
    });
    expect(dated).toMatchObject({ passed: true });
    // Nor is a date's day a source: an offer valid until the 20th does not trace an answer's "20%".
    const validUntil = await answer('Posso te dar 20% de desconto.', {
      offer: { valid_until: '2026-12-20T14:00:00.000Z', created_at: '2026-12-05' },
    });
    expect(validUntil).toMatchObject({ passed: false, detail: expect.stringContaining('20%') });
  });

  it('finds internal ids in a customer answer but not ticket numbers, and is off for staff by default', async () => {
    const customer = evalCase({ turns: ['x'] });
    const leaked = await one(internalIdsScorer, customer, [
      {
        message: 'x',
        result: result(
          'Não achei: Contact "anonymous-6f1c2e1a-1111-4222-8333-944455556666" not found. Chamei create_retention_offer para contact-marcos.',
          'retention_churn',
        ),
      },
    ]);
    expect(leaked.passed).toBe(false);
    expect(leaked.detail).toContain('contact-marcos');
    expect(leaked.detail).toContain('create_retention_offer');
    expect(leaked.detail).toContain('anonymous-');
    const ticket = await one(internalIdsScorer, customer, [
      { message: 'x', result: result('Abri o chamado ticket-96b1471c96fd para você.', 'support_technical') },
    ]);
    expect(ticket.passed).toBe(true);
    const staff = evalCase({ turns: ['x'], audience: 'staff' });
    expect(
      await run(internalIdsScorer, staff, [{ message: 'x', result: result('fonte: get_leads_count', 'bi_manager') }]),
    ).toEqual([]);
  });

  it('fails an answer naming another contact of the tenant, unless the customer named them first', async () => {
    const c = evalCase({ turns: ['oi'] });
    const leak = await one(otherContactsScorer, c, [
      { message: 'oi', result: result('Marcos, a Helena também reclamou do preço.', 'retention_churn') },
    ]);
    expect(leak).toMatchObject({ kind: 'no_other_contacts', passed: false });
    expect(leak.detail).toContain('Helena Costa');
    const echoed = await one(otherContactsScorer, c, [
      {
        message: 'Qual o telefone da Helena Costa?',
        result: result('Não posso passar dados da Helena Costa.', 'balanced'),
      },
    ]);
    expect(echoed.passed).toBe(true);
    const staffName = await one(otherContactsScorer, c, [
      { message: 'oi', result: result('O João vai te ligar.', 'sdr') },
    ]);
    expect(staffName.passed).toBe(true);
  });
});

describe('protocol scorers (the seed’s rules)', () => {
  it('memory_before_offer: fails an offer made before search_memory in the same turn', async () => {
    const c = evalCase({ turns: ['x'] });
    expect(
      (
        await one(memoryBeforeOfferScorer, c, [
          { message: 'x', result: result('ok', 'retention_churn', [VALUE, OFFER_OK, MEMORY]) },
        ])
      ).passed,
    ).toBe(false);
    expect(
      (
        await one(memoryBeforeOfferScorer, c, [
          { message: 'x', result: result('ok', 'retention_churn', [MEMORY, OFFER_OK]) },
        ])
      ).passed,
    ).toBe(true);
    expect(
      await run(memoryBeforeOfferScorer, c, [{ message: 'x', result: result('ok', 'balanced', [MEMORY]) }]),
    ).toEqual([]);
  });

  it('discount_cap: fails an offer of 40% and an answer promising 45%, but not a percentage the customer asked for', async () => {
    const c = evalCase({ turns: ['x'] });
    const offer40 = call('create_retention_offer', { discount_percent: 40 }, 'above the limit', { is_error: true });
    expect(
      (await one(discountCapScorer, c, [{ message: 'x', result: result('ok', 'retention_churn', [MEMORY, offer40]) }]))
        .detail,
    ).toContain('offer of 40%');
    const promised = await one(discountCapScorer, c, [
      { message: 'quero cancelar', result: result('Consigo 45% de desconto para você!', 'retention_churn') },
    ]);
    expect(promised).toMatchObject({ passed: false });
    const asked = await one(discountCapScorer, c, [
      {
        message: 'me dá 50% de desconto',
        result: result('Não consigo 50% de desconto; posso oferecer 20%.', 'retention_churn', [MEMORY, OFFER_OK]),
      },
    ]);
    expect(asked.passed).toBe(true);
  });

  it('supervisor_escalation: due above R$ 50.000 CLV — an offer instead of escalating fails', async () => {
    const c = evalCase({ turns: ['x'], contact: 'contact-helena' });
    const vip = call('check_customer_value', {}, { clv: 72500, requires_supervisor: true });
    const offered = await one(supervisorEscalationScorer, c, [
      { message: 'x', result: result('ok', 'retention_churn', [MEMORY, vip, OFFER_OK]) },
    ]);
    expect(offered.passed).toBe(false);
    expect(offered.detail).toContain('not escalated');
    const escalated = await one(supervisorEscalationScorer, c, [
      {
        message: 'x',
        result: result('ok', 'retention_churn', [
          MEMORY,
          vip,
          call('escalate_to_supervisor', { severity: 6 }, { escalation_id: 'e1' }),
        ]),
      },
    ]);
    expect(escalated.passed).toBe(true);
  });

  it('supervisor_escalation: a case of severity 9 must escalate; escalate: false forbids it; otherwise it does not apply', async () => {
    const severe = evalCase({ turns: ['x'], expect: { severity: 9 } });
    expect(
      (
        await one(supervisorEscalationScorer, severe, [
          { message: 'x', result: result('ok', 'support_technical', [MEMORY]) },
        ])
      ).passed,
    ).toBe(false);
    const not = evalCase({ turns: ['x'], expect: { escalate: false } });
    expect(
      (
        await one(supervisorEscalationScorer, not, [
          { message: 'x', result: result('ok', 'retention_upsell', [call('escalate_to_supervisor', {}, {})]) },
        ])
      ).passed,
    ).toBe(false);
    expect(
      await run(supervisorEscalationScorer, evalCase({ turns: ['x'] }), [
        { message: 'x', result: result('ok', 'balanced') },
      ]),
    ).toEqual([]);
  });

  it('sdr_assignment: fails an assignment below 60 and a hot lead left unassigned; passes an assignment at 85', async () => {
    const c = evalCase({ turns: ['x'], agent: 'sdr' });
    const low = await one(sdrAssignmentScorer, c, [
      {
        message: 'x',
        result: result('ok', 'sdr', [
          call('calculate_lead_score', {}, { total_score: 45 }),
          call('assign_to_agent', {}, { lead: { score: 45 } }),
        ]),
      },
    ]);
    expect(low.detail).toContain('scored 45 (< 60)');
    const hot = await one(sdrAssignmentScorer, c, [
      {
        message: 'x',
        result: result('ok', 'sdr', [
          call('calculate_lead_score', {}, { total_score: 85 }),
          call('create_follow_up_task'),
        ]),
      },
    ]);
    expect(hot).toMatchObject({ passed: false });
    expect(hot.detail).toContain('hot lead (85) not assigned');
    const good = await one(sdrAssignmentScorer, c, [
      {
        message: 'x',
        result: result('ok', 'sdr', [
          call('calculate_lead_score', {}, { total_score: 85 }),
          call('assign_to_agent', { priority: 'high' }, { lead: { score: 85 } }),
        ]),
      },
    ]);
    expect(good.passed).toBe(true);
  });

  it('bi_numbers: fails a BI answer with a number no tool of that turn returned', async () => {
    const c = evalCase({ turns: ['Quantos leads hoje?'], audience: 'staff' });
    const leads = call(
      'get_leads_count',
      { period: 'today' },
      { total_leads: 5, qualified_leads: 3 },
      { agent: 'bi_manager' },
    );
    expect(
      (
        await one(biNumbersScorer, c, [
          {
            message: 'Quantos leads hoje?',
            result: result('Hoje: **5 leads**, 3 qualificados.', 'bi_manager', [leads]),
          },
        ])
      ).passed,
    ).toBe(true);
    const invented = await one(biNumbersScorer, c, [
      { message: 'Quantos leads hoje?', result: result('Hoje: **47 leads**, 12 qualificados.', 'bi_manager', [leads]) },
    ]);
    expect(invented.passed).toBe(false);
    expect(invented.detail).toContain('47');
    const noTools = await one(biNumbersScorer, c, [
      { message: 'Quantos leads hoje?', result: result('Hoje: 47 leads.', 'bi_manager') },
    ]);
    expect(noTools.detail).toContain('no successful tool call');
  });

  it('own_data: fails a customer run whose tool named or returned another contact; staff runs are exempt', async () => {
    const c = evalCase({ turns: ['x'] });
    const asked = await one(ownDataScorer, c, [
      {
        message: 'x',
        result: result('ok', 'retention_churn', [
          call('get_past_offers', { contact_id: 'contact-fernando' }, { offers: [] }),
        ]),
      },
    ]);
    expect(asked.detail).toContain('get_past_offers asked for contact-fernando');
    const returned = await one(ownDataScorer, c, [
      {
        message: 'x',
        result: result('ok', 'balanced', [call('search_memory', {}, { memories: [{ contact_id: 'contact-helena' }] })]),
      },
    ]);
    expect(returned.detail).toContain('returned contact-helena');
    expect(
      (await one(ownDataScorer, c, [{ message: 'x', result: result('ok', 'retention_churn', [MEMORY, VALUE]) }]))
        .passed,
    ).toBe(true);
    const staff = evalCase({ turns: ['x'], audience: 'staff' });
    expect(
      await run(ownDataScorer, staff, [
        {
          message: 'x',
          result: result('ok', 'retention_churn', [call('check_customer_value', { contact_id: 'contact-helena' })]),
        },
      ]),
    ).toEqual([]);
  });

  it('reads a judge verdict wrapped in prose or code fences, and rejects one without a score', () => {
    expect(parseVerdict('Sure:\n```json\n{"score": 0.8, "reason": "empathetic"}\n```')).toEqual({
      score: 0.8,
      reason: 'empathetic',
    });
    expect(parseVerdict('{"reason": "no score"}')).toBeUndefined();
    expect(parseVerdict('no json here')).toBeUndefined();
  });
});
