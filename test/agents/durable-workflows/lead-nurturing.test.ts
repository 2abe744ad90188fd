import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbosWorkflowEngine, WorkflowService } from '../../../src/agents/durable-workflows/index.js';
import { FakeEffects, gate } from './support/fake-effects.js';
import { launchTestEngine, waitForWorkflow } from './support/test-engine.js';

const TENANT = 'tenant-nurture';
const effects = new FakeEffects();
let engine: DbosWorkflowEngine;
let service: WorkflowService;

beforeAll(async () => {
  // A workflow day lasts 40 ms: the 30 days take about 1.2 s.
  ({ engine, service } = await launchTestEngine('nurture', effects, 40));
});

afterAll(async () => {
  await engine?.close();
});

const qualifiedAnswer = { is_qualified: true, score: 8, reasoning: 'budget approved, decision maker, urgent need' };

describe('LeadNurturingWorkflow', () => {
  it('runs the 30 days: welcome, outreach when the lead stays silent, BANT → qualified stage, check-in, handoff', async () => {
    effects.behaviour = {
      agent: (request, step) =>
        step === 'ai_qualification'
          ? { response: `Here is my assessment:\n\`\`\`json\n${JSON.stringify(qualifiedAnswer)}\n\`\`\`` }
          : { response: `${request.agent} says hi (${step})`, agent_used: request.agent },
    };
    const { workflow, created } = await service.start('lead_nurturing', { tenant_id: TENANT, contact_id: 'lead-1' });
    expect(created).toBe(true);
    expect(workflow.id).toBe('lead-nurturing-lead-1@tenant-nurture');
    expect(workflow).toMatchObject({ workflow: 'lead_nurturing', contact_id: 'lead-1', tenant_id: TENANT });

    const done = await waitForWorkflow(service, workflow.id);
    expect(done.status).toBe('completed');
    expect(done.steps_done).toEqual([
      'ai_welcome',
      'send_welcome',
      'engagement_check',
      'ai_outreach',
      'send_outreach',
      'ai_qualification',
      'move_pipeline_stage',
      'ai_retention_check',
      'send_retention_check',
      'assign_to_human',
    ]);
    expect(done.result).toMatchObject({
      status: 'completed',
      engaged: false,
      qualification: { ...qualifiedAnswer, source: 'agent_json' },
      stage: 'qualified',
      handoff: 'assigned',
    });

    const calls = effects.of('lead-1');
    expect(calls.map((c) => `${c.kind}:${c.step}`)).toEqual([
      'agent:ai_welcome',
      'outbound:send_welcome',
      'agent:ai_outreach',
      'outbound:send_outreach',
      'agent:ai_qualification',
      'tool:move_pipeline_stage',
      'agent:ai_retention_check',
      'outbound:send_retention_check',
      'tool:assign_to_human',
    ]);
    const stage = calls.find((c) => c.kind === 'tool' && c.name === 'update_pipeline_stage');
    expect(stage).toMatchObject({ args: { contact_id: 'lead-1', stage_id: 'qualified' } });
    const handoff = calls.find((c) => c.kind === 'tool' && c.name === 'assign_to_agent');
    expect(handoff).toMatchObject({ args: { contact_id: 'lead-1', priority: 'high' }, options: { tenantId: TENANT } });
    // Every effect carries the workflow's tenant and a key unique to its step.
    expect(new Set(calls.map((c) => c.key)).size).toBe(calls.length);
    expect(calls.every((c) => c.key.startsWith(`${workflow.id}/`))).toBe(true);
    const outreach = calls.find((c) => c.kind === 'outbound' && c.step === 'send_outreach');
    expect(outreach).toMatchObject({
      message: {
        tenantId: TENANT,
        contactId: 'lead-1',
        source: 'sequence',
        text: 'sales_prospecting says hi (ai_outreach)',
        metadata: { workflow: 'lead_nurturing', reason: 'low_engagement', workflow_id: workflow.id },
      },
    });
  });

  it('skips the outreach when the lead answers the welcome, and hands a low score to a person as a task', async () => {
    const welcomeSent = gate();
    const release = gate();
    effects.behaviour = {
      agent: (request, step) =>
        step === 'ai_qualification'
          ? { response: 'Not enough information to qualify yet.', tool_calls: [] }
          : { response: `hello from ${step}`, agent_used: request.agent },
      tool: (name) =>
        name === 'assign_to_agent'
          ? { content: 'Lead has score 30, below 60: nurture it instead', isError: true }
          : { content: '{"task_id":"t-1"}', structured: { task_id: 't-1' } },
      beforeOutbound: async (message, step) => {
        if (message.contactId !== 'lead-2' || step !== 'send_welcome') return;
        welcomeSent.open();
        await release.promise;
      },
    };
    const { workflow } = await service.start('lead_nurturing', { tenant_id: TENANT, contact_id: 'lead-2' });
    await welcomeSent.promise;
    const delivered = await service.deliverReply({
      tenant_id: TENANT,
      contact_id: 'lead-2',
      text: 'Oi! Quero saber o preço do plano anual.',
      message_id: 'msg-42',
    });
    expect(delivered.delivered_to).toEqual([workflow.id]);
    release.open();

    const done = await waitForWorkflow(service, workflow.id);
    expect(done.status).toBe('completed');
    expect(done.steps_done).not.toContain('ai_outreach');
    expect(done.steps_done).not.toContain('move_pipeline_stage');
    expect(done.steps_done.slice(-2)).toEqual(['assign_to_human', 'human_review_task']);
    expect(done.result).toMatchObject({
      engaged: true,
      qualification: { is_qualified: false, score: 0, source: 'none' },
      stage: null,
      handoff: 'follow_up_task',
    });
    expect(done.steps.find((s) => s.kind === 'reply')).toMatchObject({ name: 'customer_reply', status: 'completed' });
    const task = effects.of('lead-2').find((c) => c.kind === 'tool' && c.name === 'create_follow_up_task');
    expect(task).toMatchObject({ args: { contact_id: 'lead-2', due_in_days: 1 } });
  });
});
