import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../../../src/agents/application/index.js';
import { createSeededApp, type SeededApp } from '../../../support/seeded-app.js';

const json = (text: string | undefined): Record<string, unknown> => JSON.parse(text ?? '{}');
const toolsOf = (result: ExecutionResult) => result.tool_calls.map((c) => c.tool_name);

/**
 * The same protocols with the `offline` model (no LLM: the templates' deterministic policies) against
 * the real servers — what `VENTROS_MODEL=offline` users and the CLI get.
 */
describe('specialist protocols with the offline model (real tool servers, seeded store)', () => {
  let seeded: SeededApp;
  beforeAll(async () => {
    seeded = await createSeededApp();
  });
  afterAll(async () => {
    await seeded?.close();
  });

  it('retention: memory first, then an offer of at most 30 % for a customer below R$ 50,000', async () => {
    const result = await seeded.app.execute({
      agent: 'auto',
      message: 'Quero cancelar, está muito caro',
      tenantId: 'tenant-demo',
      contactId: 'contact-carlos',
    });
    expect(result.agent_used).toBe('retention_churn');
    expect(toolsOf(result)).toEqual(['search_memory', 'check_customer_value', 'create_retention_offer']);
    const offer = result.tool_calls[2];
    expect(offer?.is_error).toBe(false);
    const percent = Number(offer?.input['discount_percent']);
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThanOrEqual(30);
    expect(result.response).toContain(`${percent}%`);
    expect(result.metadata['offline']).toBe('true');
  });

  it('retention: escalates, without an offer, when the CLV is above R$ 50,000', async () => {
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar, está muito caro',
      tenantId: 'tenant-demo',
      contactId: 'contact-helena',
    });
    // The seed's escalate_supervisor: retention calls the supervisor agent, which opens the case (its
    // calls are listed as they finish, before the agent tool's own).
    expect(toolsOf(result)).toEqual([
      'search_memory',
      'check_customer_value',
      'check_customer_value',
      'get_past_offers',
      'escalate_to_supervisor',
      'escalate_supervisor',
    ]);
    expect(json(result.tool_calls[5]?.output)).toMatchObject({ escalation_id: expect.stringMatching(/^esc-/) });
    expect(result.response).toMatch(/supervisor/);
    expect(result.tool_calls.map((c) => c.tool_name).includes('create_retention_offer')).toBe(false);
    expect(Number(json(result.tool_calls[1]?.output)['clv'])).toBeGreaterThan(50_000);
  });

  it('retention: below severity 5, no discount — solutions offered and the feedback documented', async () => {
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Os relatórios andam meio lentos ultimamente, queria entender se tem como melhorar',
      tenantId: 'tenant-demo',
      contactId: 'contact-carlos',
    });
    expect(toolsOf(result)).toEqual(['search_memory', 'check_customer_value', 'store_memory']);
    expect(result.tool_calls[2]?.input).toMatchObject({ memory_type: 'feedback' });
    expect(result.tool_calls[2]?.is_error).toBe(false);
    expect(result.response).not.toMatch(/%|desconto/);
    expect(result.response).toContain('time de produto');
  });

  it('retention: escalates at severity 8 or more (legal threat) even below R$ 50,000', async () => {
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Isso é um absurdo, vou no Procon e quero cancelar',
      tenantId: 'tenant-demo',
      contactId: 'contact-vanessa',
    });
    const tools = toolsOf(result);
    expect(tools[0]).toBe('search_memory');
    expect(tools).not.toContain('create_retention_offer');
    // A severity ≥ 8 escalation is a gated action: the run waits for a person (docs/APPROVALS.md).
    expect(result.status).toBe('awaiting_approval');
    expect(result.approval?.tool).toMatch(/escalate_to_supervisor$/);
    expect(Number(result.approval?.arguments['severity'])).toBeGreaterThanOrEqual(8);
  });

  it('sdr: assigns only a hot lead (score 80 or more); warm and cold leads are nurtured', async () => {
    const hot = await seeded.app.execute({
      agent: 'sdr',
      message:
        'Sou o dono, temos 50 vendedores, orçamento aprovado de R$ 20 mil, perdemos muitos leads e preciso implantar ainda esta semana, urgente. Me indicaram vocês.',
      tenantId: 'tenant-demo',
      contactId: 'contact-sofia',
    });
    const cold = await seeded.app.execute({
      agent: 'sdr',
      message: 'só curiosidade, talvez ano que vem',
      tenantId: 'tenant-demo',
      contactId: 'contact-yasmin',
    });
    for (const result of [hot, cold]) {
      const score = Number(
        json(result.tool_calls.find((c) => c.tool_name === 'calculate_lead_score')?.output)['total_score'],
      );
      const assigned = result.tool_calls.some((c) => c.tool_name === 'assign_to_agent' && !c.is_error);
      expect(assigned).toBe(score >= 80);
    }
    expect(toolsOf(hot)).toContain('assign_to_agent');
    expect(toolsOf(cold)).not.toContain('assign_to_agent');
  });

  it('bi_manager: the numbers in the answer are the tool’s, with a format guide', async () => {
    const result = await seeded.app.execute({
      agent: 'auto',
      message: 'Quantos leads tive hoje?',
      tenantId: 'tenant-demo',
    });
    expect(result.agent_used).toBe('bi_manager');
    const counts = json(result.tool_calls.find((c) => c.tool_name === 'get_leads_count')?.output);
    expect(result.response).toContain(String(counts['total_leads']));
    expect(result.format_guide).toBeDefined();
  });

  it('bi_manager: "why" goes to the analyzer, whose comparison over 90 days comes back as a dimension table and a radar with series', async () => {
    const result = await seeded.app.execute({
      agent: 'bi_manager',
      message: 'Porque o João converte mais que a Maria?',
      tenantId: 'tenant-demo',
    });
    const compare = result.tool_calls.find((c) => c.tool_name === 'compare_agents');
    // No period in the question: the seed's 90 days, as a custom window ending today.
    expect(compare?.input).toMatchObject({ period: 'custom' });
    const { from, to } = (compare?.input ?? {}) as { from: string; to: string };
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(89);
    const measured = json(compare?.output) as {
      dimensions: Array<{ name: string; a: number | null; b: number | null }>;
      agents: Array<{ name: string }>;
    };
    const guide = result.format_guide as {
      structure: { sections: Array<{ type: string; columns?: string[]; rows?: unknown[][] }> };
      chart_config: { type: string; dimensions: string[]; series: Array<{ name: string; data: unknown[] }> };
    };
    const table = guide.structure.sections.find((s) => s.type === 'table');
    expect(table?.columns).toEqual(['Dimensão', 'João Silva', 'Maria Souza', 'Vencedor']);
    expect(table?.rows).toHaveLength(measured.dimensions.length);
    expect(guide.chart_config.type).toBe('radar');
    expect(guide.chart_config.dimensions).toEqual(measured.dimensions.map((d) => d.name));
    // One series per agent, with the values compare_agents measured, dimension by dimension.
    expect(guide.chart_config.series).toEqual([
      { name: 'João Silva', data: measured.dimensions.map((d) => d.a) },
      { name: 'Maria Souza', data: measured.dimensions.map((d) => d.b) },
    ]);
    expect(guide.chart_config.series[0]?.data.every((v) => typeof v === 'number')).toBe(true);
    expect(result.response).toMatch(/João Silva/);
  });

  it('streams the same run as events ending with the execution result', async () => {
    const items = [];
    for await (const item of seeded.app.stream({
      agent: 'auto',
      message: 'Quero cancelar, está muito caro',
      tenantId: 'tenant-demo',
      contactId: 'contact-bruno',
    })) {
      items.push(item);
    }
    const last = items.at(-1);
    expect(last?.type).toBe('result');
    const result = last?.type === 'result' ? (last.result as ExecutionResult) : undefined;
    expect(result?.agent_used).toBe('retention_churn');
    expect(result?.tool_calls.map((c) => c.tool_name)[0]).toBe('search_memory');
    expect(items.some((i) => i.type === 'partial')).toBe(true);
    expect(items.filter((i) => i.type === 'tool_call').length).toBe(result?.tool_calls.length);
  });

  it('rejects an unknown agent and an empty message with typed errors', async () => {
    await expect(seeded.app.execute({ agent: 'nope', message: 'oi', tenantId: 'tenant-demo' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(seeded.app.execute({ agent: 'auto', message: '   ', tenantId: 'tenant-demo' })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });
});
