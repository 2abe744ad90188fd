import { describe, expect, it } from 'vitest';
import type { ModelRequest } from '../../../../src/agents/model/index.js';
import type { ScriptedReply } from '../../../support/scripted-model.js';
import { call, field, resultsSoFar, scriptedSuite } from '../script-helpers.js';

/**
 * The retention protocol played by a scripted model that reads the real tool results, as an LLM
 * following the instruction would: memory first, then the customer's value; escalate above R$ 50,000
 * or at severity ≥ 8; otherwise offer at most 30 %.
 */
function retentionScript(options: { discount: number; severity: number }) {
  return (request: ModelRequest): ScriptedReply | string => {
    const seen = resultsSoFar(request);
    if (!seen.has('search_memory')) return call(request, 'search_memory', { query: 'cancelamento preço caro' });
    if (!seen.has('check_customer_value')) return call(request, 'check_customer_value');
    const clv = field<number>(seen.get('check_customer_value')?.content, 'clv');
    const offer = seen.get('create_retention_offer');
    const mustEscalate = clv > 50_000 || options.severity >= 8 || offer?.isError === true;
    if (mustEscalate && !seen.has('escalate_to_supervisor')) {
      return call(request, 'escalate_to_supervisor', {
        reason: 'Cliente quer cancelar por preço',
        severity: options.severity,
      });
    }
    if (mustEscalate) return 'Entendo. Um supervisor vai falar com você ainda hoje.';
    if (!offer) {
      return call(request, 'create_retention_offer', {
        discount_percent: options.discount,
        reason: 'reclamou do preço',
      });
    }
    return `Entendo, preparei ${field<number>(offer.content, 'offer', 'discount_percent')}% de desconto por 3 meses.`;
  };
}

describe('retention_churn specialist (scripted model, real tool servers, seeded store)', () => {
  const suite = scriptedSuite();

  it('searches memory first, checks value, and offers at most 30 % to a customer below R$ 50,000', async () => {
    suite.script = retentionScript({ discount: 20, severity: 5 });
    const result = await suite.seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar, está muito caro',
      tenantId: 'tenant-demo',
      contactId: 'contact-carlos',
    });
    const tools = result.tool_calls.map((c) => c.tool_name);
    expect(tools[0]).toBe('search_memory');
    expect(tools).toEqual(['search_memory', 'check_customer_value', 'create_retention_offer']);
    const offer = result.tool_calls[2];
    expect(offer?.is_error).toBe(false);
    expect(Number(offer?.input['discount_percent'])).toBeLessThanOrEqual(30);
    expect(result.agent_used).toBe('retention_churn');
    expect(result.response).toContain('20%');
    expect(result.suggested_actions).toContain('review_retention_offer');
    // The model wrote only a query; the catalog filled in the retention strategy (and scope) it searched with.
    expect(result.tool_calls[0]?.input).toEqual({ query: 'cancelamento preço caro' });
    expect(JSON.parse(result.tool_calls[0]?.output ?? '{}').metadata.strategy).toBe('retention_churn');
    // The instruction the model got carries the protocol.
    const system = suite.model.requests.at(-1)?.system ?? '';
    expect(system).toMatch(/30\s?%/);
    expect(system).toContain('escalate_to_supervisor');
  });

  it('escalates instead of offering when the CLV is above R$ 50,000', async () => {
    suite.script = retentionScript({ discount: 20, severity: 5 });
    const result = await suite.seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar o contrato da rede',
      tenantId: 'tenant-demo',
      contactId: 'contact-helena',
    });
    const tools = result.tool_calls.map((c) => c.tool_name);
    expect(tools).toEqual(['search_memory', 'check_customer_value', 'escalate_to_supervisor']);
    expect(Number(JSON.parse(result.tool_calls[1]?.output ?? '{}').clv)).toBeGreaterThan(50_000);
    expect(tools).not.toContain('create_retention_offer');
    expect(suite.seeded.app.deps.store.crm.offers.listByContact('tenant-demo', 'contact-helena').length).toBe(0);
  });

  it('escalates at severity 8 or more even for a low-value customer', async () => {
    suite.script = retentionScript({ discount: 20, severity: 9 });
    const result = await suite.seeded.app.execute({
      agent: 'retention_churn',
      message: 'Isso é um absurdo, vou no Procon e quero cancelar AGORA',
      tenantId: 'tenant-demo',
      contactId: 'contact-beatriz',
    });
    // A severity ≥ 8 escalation waits for a person; approved, it is written as urgent.
    expect(result.status).toBe('awaiting_approval');
    expect(result.approval).toMatchObject({ arguments: { severity: 9 } });
    const decided = await suite.seeded.app.approvals?.decide(
      'tenant-demo',
      result.approval?.id as string,
      { decision: 'approve' },
      { waitMs: 60_000 },
    );
    const escalation = decided?.result?.tool_calls.find((c) => c.tool_name === 'escalate_to_supervisor');
    expect(escalation?.input['severity']).toBe(9);
    expect(JSON.parse(escalation?.output ?? '{}')).toMatchObject({ target: 'supervisor', priority: 'urgent' });
  });

  it('makes an offer above 30 % wait for a person instead of the customer reading it', async () => {
    suite.script = retentionScript({ discount: 45, severity: 5 });
    const result = await suite.seeded.app.execute({
      agent: 'retention_churn',
      message: 'Só fico se for metade do preço',
      tenantId: 'tenant-demo',
      contactId: 'contact-daniel',
    });
    expect(result.status).toBe('awaiting_approval');
    expect(result.approval?.reason).toContain('45% is above 30%');
    expect(result.tool_calls.find((c) => c.tool_name === 'create_retention_offer')).toBeUndefined();
    expect(result.response).not.toContain('45%');
  });
});
