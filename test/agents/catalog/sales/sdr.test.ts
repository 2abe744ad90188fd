import { describe, expect, it } from 'vitest';
import type { ModelRequest } from '../../../../src/agents/model/index.js';
import type { ScriptedReply } from '../../../support/scripted-model.js';
import { call, field, resultsSoFar, scriptedSuite } from '../script-helpers.js';

const scores = (n: number) => ({
  budget_score: n,
  authority_score: n,
  need_score: n,
  timeline_score: n,
  engagement_score: n,
  company_score: n,
  source_score: n,
  response_speed_score: n,
});

/** The SDR protocol: memory, score (BANT), then assign only at ≥ 60 — otherwise nurture. */
function sdrScript(score: number) {
  return (request: ModelRequest): ScriptedReply | string => {
    const seen = resultsSoFar(request);
    if (!seen.has('search_memory')) return call(request, 'search_memory', { query: 'interesse orçamento' });
    if (!seen.has('calculate_lead_score')) return call(request, 'calculate_lead_score', scores(score));
    const total = field<number>(seen.get('calculate_lead_score')?.content, 'total_score');
    if (total >= 60 && !seen.has('assign_to_agent')) return call(request, 'assign_to_agent', { priority: 'high' });
    if (total < 60 && !seen.has('create_follow_up_task')) {
      return call(request, 'create_follow_up_task', { title: 'Nutrir lead: enviar material', due_in_days: 2 });
    }
    return total >= 60
      ? `Lead qualificado (${total}). Um consultor vai te chamar.`
      : `Vamos seguir em contato (${total}).`;
  };
}

describe('sdr specialist (scripted model, real tool servers, seeded store)', () => {
  const suite = scriptedSuite();

  it('sdr scores the lead and assigns it to a closer when the score is 60 or more', async () => {
    suite.script = sdrScript(9);
    const result = await suite.seeded.app.execute({
      agent: 'sdr',
      message: 'Oi, tenho orçamento e preciso implantar ainda este mês, sou o dono',
      tenantId: 'tenant-demo',
      contactId: 'contact-larissa',
    });
    expect(result.tool_calls.map((c) => c.tool_name)).toEqual([
      'search_memory',
      'calculate_lead_score',
      'assign_to_agent',
    ]);
    const score = JSON.parse(result.tool_calls[1]?.output ?? '{}').total_score as number;
    expect(score).toBeGreaterThanOrEqual(60);
    const assigned = JSON.parse(result.tool_calls[2]?.output ?? '{}');
    expect(assigned.lead.assigned_agent_id).toBe(assigned.agent.agent_id);
    expect(result.suggested_actions).toEqual(expect.arrayContaining(['update_lead_score', 'notify_assigned_agent']));
  });

  it('sdr does not assign below 60 and the server refuses an assignment the model might still try', async () => {
    suite.script = sdrScript(3);
    const result = await suite.seeded.app.execute({
      agent: 'sdr',
      message: 'so estou pesquisando, sem pressa',
      tenantId: 'tenant-demo',
      contactId: 'contact-paula',
    });
    const tools = result.tool_calls.map((c) => c.tool_name);
    expect(tools).not.toContain('assign_to_agent');
    expect(tools).toContain('create_follow_up_task');
    expect(JSON.parse(result.tool_calls[1]?.output ?? '{}').total_score).toBeLessThan(60);
    // The guard is the server's, not the prompt's: a forced assignment is refused.
    const forced = await suite.seeded.app.host.callTool(
      'assign_to_agent',
      {},
      { tenantId: 'tenant-demo', contactId: 'contact-paula' },
    );
    expect(forced.isError).toBe(true);
    expect(forced.content).toContain('60');
  });
});
