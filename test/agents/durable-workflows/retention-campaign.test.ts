import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DbosWorkflowEngine,
  FOLLOW_UP_DISCOUNT_PERCENT,
  type WorkflowService,
} from '../../../src/agents/durable-workflows/index.js';
import { FakeEffects, gate } from './support/fake-effects.js';
import { launchTestEngine, waitForWorkflow } from './support/test-engine.js';

const TENANT = 'tenant-retain';
const effects = new FakeEffects();
let engine: DbosWorkflowEngine;
let service: WorkflowService;

beforeAll(async () => {
  ({ engine, service } = await launchTestEngine('retain', effects, 40));
});

afterAll(async () => {
  await engine?.close();
});

const tools =
  (clv: { requires_supervisor: boolean }) =>
  (name: string): { content: string; isError?: boolean; structured?: unknown } => {
    if (name === 'check_customer_value') return { content: 'value', structured: { clv: 1200, ...clv } };
    if (name === 'create_retention_offer') return { content: 'offer', structured: { offer: { offer_id: 'off-7' } } };
    return { content: 'escalated', structured: { escalation_id: 'esc-1' } };
  };

const start = (contact: string, risk = 0.85) =>
  service.start('retention_campaign', {
    tenant_id: TENANT,
    contact_id: contact,
    risk_score: risk,
    reasons: ['reclamou do preço', 'uso caiu 60%'],
  });

describe('RetentionCampaignWorkflow', () => {
  it('escalates to a supervisor when the customer answers neither the outreach nor the follow-up offer', async () => {
    effects.behaviour = { tool: tools({ requires_supervisor: false }) };
    const { workflow } = await start('churn-1');
    expect(workflow.id).toBe('retention-campaign-churn-1@tenant-retain');
    const done = await waitForWorkflow(service, workflow.id);

    expect(done.status).toBe('completed');
    expect(done.steps_done).toEqual([
      'check_customer_value',
      'ai_retention_outreach',
      'send_retention_outreach',
      'outreach_answer',
      'create_retention_offer',
      'ai_retention_follow_up',
      'send_retention_follow_up',
      'follow_up_answer',
      'escalate_to_supervisor',
    ]);
    expect(done.result).toEqual({
      status: 'completed',
      contact_id: 'churn-1',
      outcome: 'escalated',
      at: 'follow_up',
      offer_id: 'off-7',
    });
    const calls = effects.of('churn-1');
    expect(calls.find((c) => c.step === 'create_retention_offer')).toMatchObject({
      kind: 'tool',
      args: { discount_percent: FOLLOW_UP_DISCOUNT_PERCENT, duration_months: 3 },
    });
    expect(calls.find((c) => c.step === 'escalate_to_supervisor')).toMatchObject({
      kind: 'tool',
      name: 'escalate_to_supervisor',
      args: { contact_id: 'churn-1', severity: 7, reason: expect.stringContaining('sem resposta') },
    });
    expect(calls.find((c) => c.step === 'ai_retention_outreach')).toMatchObject({
      kind: 'agent',
      request: {
        agent: 'retention_churn',
        context: { churn_risk: '85%', churn_reasons: 'reclamou do preço; uso caiu 60%' },
      },
    });
  });

  it('ends the campaign when the customer answers the outreach: no offer, no escalation', async () => {
    const outreachSent = gate();
    const release = gate();
    effects.behaviour = {
      tool: tools({ requires_supervisor: false }),
      beforeOutbound: async (message, step) => {
        if (message.contactId !== 'churn-2' || step !== 'send_retention_outreach') return;
        outreachSent.open();
        await release.promise;
      },
    };
    const { workflow } = await start('churn-2', 0.5);
    await outreachSent.promise;
    await service.deliverReply({ tenant_id: TENANT, contact_id: 'churn-2', text: 'Pode me ligar amanhã?' });
    release.open();

    const done = await waitForWorkflow(service, workflow.id);
    expect(done.result).toMatchObject({ outcome: 'engaged', at: 'outreach', offer_id: null });
    expect(effects.of('churn-2').map((c) => c.step)).toEqual([
      'check_customer_value',
      'ai_retention_outreach',
      'send_retention_outreach',
    ]);
  });

  it('hands a high-value customer straight to a supervisor', async () => {
    effects.behaviour = { tool: tools({ requires_supervisor: true }) };
    const { workflow } = await start('churn-3', 0.4);
    const done = await waitForWorkflow(service, workflow.id);

    expect(done.result).toMatchObject({ outcome: 'escalated', at: 'value_check' });
    expect(done.steps_done).toEqual(['check_customer_value', 'escalate_to_supervisor']);
    expect(effects.of('churn-3').find((c) => c.step === 'escalate_to_supervisor')).toMatchObject({
      args: { severity: 5, reason: expect.stringContaining('alto valor') },
    });
  });
});
