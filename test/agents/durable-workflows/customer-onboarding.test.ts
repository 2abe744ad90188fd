import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DbosWorkflowEngine,
  ONBOARDING_APOLOGY,
  type WorkflowService,
} from '../../../src/agents/durable-workflows/index.js';
import { FakeEffects } from './support/fake-effects.js';
import { launchTestEngine, waitForWorkflow } from './support/test-engine.js';

const TENANT = 'tenant-onboard';
const effects = new FakeEffects();
let engine: DbosWorkflowEngine;
let service: WorkflowService;

beforeAll(async () => {
  ({ engine, service } = await launchTestEngine('onboard', effects, 40));
});

afterAll(async () => {
  await engine?.close();
});

/** Tool answers shaped like our servers' structured results. */
const tools =
  (...failing: string[]) =>
  (name: string, args: Record<string, unknown>, step: string) => {
    if (failing.includes(step)) return { content: `${name} failed: store unavailable`, isError: true };
    if (name === 'update_pipeline_stage') {
      return { content: 'moved', structured: { lead: { stage_id: args['stage_id'] }, previous_stage: 'proposal' } };
    }
    if (name === 'create_ticket') return { content: 'ticket', structured: { ticket: { ticket_id: 'tk-9' } } };
    if (name === 'create_follow_up_task') return { content: 'task', structured: { task_id: `task-${step}` } };
    return { content: 'ok', structured: { memory_id: 'm-1' } };
  };

describe('CustomerOnboardingSaga', () => {
  it('runs account, billing, AI welcome, kickoff and activation in order', async () => {
    effects.behaviour = { tool: tools() };
    const { workflow } = await service.start('customer_onboarding', {
      tenant_id: TENANT,
      contact_id: 'cust-1',
      subscription_id: 'sub-1',
      plan: 'Pro',
    });
    expect(workflow.id).toBe('onboarding-cust-1@tenant-onboard');
    const done = await waitForWorkflow(service, workflow.id);
    expect(done.status).toBe('completed');
    expect(done.steps_done).toEqual([
      'create_account',
      'setup_billing',
      'ai_welcome',
      'send_welcome',
      'provision_resources',
      'activate_subscription',
    ]);
    expect(done.result).toMatchObject({ status: 'success', subscription_id: 'sub-1' });
    const welcome = effects.of('cust-1').find((c) => c.kind === 'outbound');
    expect(welcome).toMatchObject({ message: { source: 'system', text: 'support_onboarding: ai_welcome' } });
  });

  it('apologizes when the AI welcome fails, then undoes billing and account in reverse order', async () => {
    effects.behaviour = {
      tool: tools(),
      agent: () => {
        throw new Error('model unavailable');
      },
    };
    const { workflow } = await service.start('customer_onboarding', { tenant_id: TENANT, contact_id: 'cust-2' });
    const done = await waitForWorkflow(service, workflow.id);

    expect(done.status).toBe('failed');
    expect(done.error).toContain('step "ai_welcome" failed');
    expect(done.error).toContain('compensated: send_apology, cancel_billing, delete_account');
    expect(done.steps_done).toEqual([
      'create_account',
      'setup_billing',
      'send_apology',
      'cancel_billing',
      'delete_account',
    ]);
    expect(done.steps.find((s) => s.name === 'ai_welcome')).toMatchObject({ status: 'failed' });

    const calls = effects.of('cust-2');
    // Two attempts of the welcome (the step policy's retry), then the compensations, newest first.
    expect(calls.map((c) => c.step)).toEqual([
      'create_account',
      'setup_billing',
      'ai_welcome',
      'ai_welcome',
      'send_apology',
      'cancel_billing',
      'delete_account',
    ]);
    expect(calls.find((c) => c.step === 'send_apology')).toMatchObject({
      kind: 'outbound',
      message: { text: ONBOARDING_APOLOGY, source: 'system', metadata: { reason: 'compensation' } },
    });
    expect(calls.find((c) => c.step === 'cancel_billing')).toMatchObject({
      kind: 'tool',
      name: 'create_follow_up_task',
      args: { title: expect.stringContaining('tk-9') },
    });
    // The account goes back to the stage it had before the saga.
    expect(calls.find((c) => c.step === 'delete_account')).toMatchObject({
      kind: 'tool',
      name: 'update_pipeline_stage',
      args: { stage_id: 'proposal' },
    });
  });

  it('undoes every completed step, newest first, when the last step fails', async () => {
    effects.behaviour = { tool: tools('activate_subscription') };
    const { workflow } = await service.start('customer_onboarding', { tenant_id: TENANT, contact_id: 'cust-3' });
    const done = await waitForWorkflow(service, workflow.id);

    expect(done.status).toBe('failed');
    expect(done.error).toContain('step "activate_subscription" failed');
    const compensations = effects
      .of('cust-3')
      .map((c) => c.step)
      .slice(-4);
    expect(compensations).toEqual(['deprovision_resources', 'send_apology', 'cancel_billing', 'delete_account']);
  });

  it('goes on compensating when a compensation fails, and says which one did', async () => {
    effects.behaviour = { tool: tools('activate_subscription', 'cancel_billing') };
    const { workflow } = await service.start('customer_onboarding', { tenant_id: TENANT, contact_id: 'cust-4' });
    const done = await waitForWorkflow(service, workflow.id);

    expect(done.error).toContain('compensated: deprovision_resources, send_apology, delete_account');
    expect(done.error).toContain('compensations that failed: cancel_billing');
    expect(
      effects
        .of('cust-4')
        .map((c) => c.step)
        .slice(-4),
    ).toEqual(['deprovision_resources', 'send_apology', 'cancel_billing', 'delete_account']);
  });
});
