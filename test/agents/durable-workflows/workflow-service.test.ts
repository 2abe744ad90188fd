import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DbosWorkflowEngine,
  handleWorkflowEvent,
  InvalidWorkflowInputError,
  UnknownWorkflowError,
  WorkflowNotFoundError,
  WorkflowRecordSchema,
  type WorkflowService,
} from '../../../src/agents/durable-workflows/index.js';
import { FakeEffects } from './support/fake-effects.js';
import { launchTestEngine, waitForWorkflow } from './support/test-engine.js';

const effects = new FakeEffects();
let engine: DbosWorkflowEngine;
let service: WorkflowService;

beforeAll(async () => {
  // A workflow day lasts 10 s: the nurturing sleeps through these tests (30 s until its day 3).
  ({ engine, service } = await launchTestEngine('service', effects, 10_000));
});

afterAll(async () => {
  await engine?.close();
});

const sleeping = (service: WorkflowService, id: string) =>
  waitForWorkflow(service, id, (w) => w.status === 'sleeping' && w.steps_done.includes('send_welcome'));

const event = (event_type: string, tenant_id: string, payload: Record<string, unknown>, event_id = 'evt-1') => ({
  event_id,
  event_type,
  occurred_at: '2026-01-01T00:00:00Z',
  tenant_id,
  payload,
});

describe('WorkflowService', () => {
  it('starts one workflow for the same start twice, even concurrently', async () => {
    const request = { tenant_id: 'tenant-a', contact_id: 'twice' };
    const [a, b] = await Promise.all([
      service.start('lead_nurturing', request),
      service.start('lead_nurturing', request),
    ]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.workflow.id).toBe(b.workflow.id);
    const again = await service.start('lead_nurturing', { ...request, project_id: 'ignored' });
    expect(again).toMatchObject({ created: false, workflow: { id: a.workflow.id } });

    await sleeping(service, a.workflow.id);
    expect(await service.list({ contact_id: 'twice' })).toHaveLength(1);
    expect(effects.of('twice').filter((c) => c.step === 'ai_welcome')).toHaveLength(1);
  });

  it('lists workflow records with status and steps done, filtered by status and scoped to the tenant', async () => {
    const { workflow } = await service.start('lead_nurturing', { tenant_id: 'tenant-a', contact_id: 'listed' });
    await sleeping(service, workflow.id);
    await service.start('lead_nurturing', { tenant_id: 'tenant-b', contact_id: 'listed' });

    const mine = await service.list({ status: 'sleeping' }, { tenantId: 'tenant-a' });
    const record = mine.find((w) => w.id === workflow.id);
    expect(WorkflowRecordSchema.parse(record)).toMatchObject({
      id: 'lead-nurturing-listed@tenant-a',
      workflow: 'lead_nurturing',
      contact_id: 'listed',
      tenant_id: 'tenant-a',
      status: 'sleeping',
      steps_done: ['ai_welcome', 'send_welcome'],
      error: null,
    });
    expect(record?.wakes_at).not.toBeNull();
    expect(mine.every((w) => w.tenant_id === 'tenant-a')).toBe(true);
    expect(await service.list({ status: 'completed' }, { tenantId: 'tenant-a' })).toEqual([]);
    expect(await service.list({ tenant_id: 'tenant-b' }, { tenantId: 'tenant-a' })).toEqual([]);
    expect((await service.list({ contact_id: 'listed' })).map((w) => w.tenant_id).sort()).toEqual([
      'tenant-a',
      'tenant-b',
    ]);
  });

  it('hides another tenant’s workflow from show and cancel', async () => {
    const { workflow } = await service.start('lead_nurturing', { tenant_id: 'tenant-a', contact_id: 'private' });
    await expect(service.show(workflow.id, { tenantId: 'tenant-b' })).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await expect(service.cancel(workflow.id, { tenantId: 'tenant-b' })).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await expect(service.show('lead-nurturing-nobody@tenant-a')).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('cancels a sleeping workflow: it is cancelled at once and a reply no longer reaches it', async () => {
    const { workflow } = await service.start('lead_nurturing', { tenant_id: 'tenant-a', contact_id: 'cancel-me' });
    await sleeping(service, workflow.id);

    const cancelled = await service.cancel(workflow.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', steps_done: ['ai_welcome', 'send_welcome'] });
    expect(await service.cancel(workflow.id)).toMatchObject({ status: 'cancelled' });
    expect(await service.deliverReply({ tenant_id: 'tenant-a', contact_id: 'cancel-me', text: 'oi' })).toEqual({
      delivered_to: [],
    });
  });

  it('refuses unknown workflows and invalid start requests', async () => {
    await expect(service.start('newsletter', { tenant_id: 't', contact_id: 'c' })).rejects.toBeInstanceOf(
      UnknownWorkflowError,
    );
    await expect(service.start('retention_campaign', { tenant_id: 't', contact_id: 'c' })).rejects.toThrow(
      /risk_score/,
    );
    await expect(service.start('lead_nurturing', { tenant_id: '', contact_id: 'c' })).rejects.toBeInstanceOf(
      InvalidWorkflowInputError,
    );
  });
});

describe('workflow events', () => {
  it('starts the nurturing once for a redelivered contact.created', async () => {
    const deps = { service, effects };
    const first = await handleWorkflowEvent(deps, event('contact.created', 'tenant-e', { contact_id: 'new-lead' }));
    const second = await handleWorkflowEvent(deps, event('contact.created', 'tenant-e', { contact_id: 'new-lead' }));
    expect(first).toMatchObject({ kind: 'workflow_started', created: true });
    expect(second).toMatchObject({ kind: 'workflow_started', created: false });
    if (first.kind !== 'workflow_started') throw new Error('unreachable');
    expect(first.workflow).toMatchObject({ id: 'lead-nurturing-new-lead@tenant-e', workflow: 'lead_nurturing' });
  });

  it('starts the onboarding saga and the retention campaign from their events', async () => {
    const deps = { service, effects };
    const onboarding = await handleWorkflowEvent(
      deps,
      event('subscription.created', 'tenant-e', { customer_id: 'cust-e', subscription_id: 'sub-e', plan: 'Pro' }),
    );
    expect(onboarding).toMatchObject({ workflow: { id: 'onboarding-cust-e@tenant-e', input: { plan: 'Pro' } } });
    const retention = await handleWorkflowEvent(
      deps,
      event('churn_risk.detected', 'tenant-e', { contact_id: 'risky', risk_score: 0.9, reasons: ['preço'] }),
    );
    expect(retention).toMatchObject({
      workflow: { id: 'retention-campaign-risky@tenant-e', workflow: 'retention_campaign' },
    });
  });

  it('adds an ended session to memory through add_session, keyed by the session', async () => {
    const messages = [
      { role: 'user', content: 'Quero cancelar' },
      { role: 'assistant', content: 'Posso ajudar com um desconto.' },
    ];
    const outcome = await handleWorkflowEvent(
      { service, effects },
      event('session.ended', 'tenant-e', {
        session_id: 'sess-9',
        contact_id: 'talker',
        messages,
        metadata: { agent_id: 'retention_churn', sentiment_score: -0.4, ignored: true },
      }),
    );
    expect(outcome).toMatchObject({ kind: 'session_stored', ok: true });
    expect(effects.of('talker')).toEqual([
      expect.objectContaining({
        kind: 'tool',
        name: 'add_session',
        key: 'session-ended/sess-9',
        args: {
          session_id: 'sess-9',
          contact_id: 'talker',
          messages,
          metadata: { agent_id: 'retention_churn', sentiment_score: -0.4 },
        },
        options: expect.objectContaining({ tenantId: 'tenant-e', contactId: 'talker', sessionId: 'sess-9' }),
      }),
    ]);
  });

  it('rejects events it cannot read, and a payload naming another tenant', async () => {
    const deps = { service, effects };
    await expect(handleWorkflowEvent(deps, event('contact.created', 'tenant-e', {}))).rejects.toBeInstanceOf(
      InvalidWorkflowInputError,
    );
    await expect(
      handleWorkflowEvent(deps, event('order.paid', 'tenant-e', { contact_id: 'x' })),
    ).rejects.toBeInstanceOf(InvalidWorkflowInputError);
    await expect(
      handleWorkflowEvent(deps, event('contact.created', 'tenant-e', { contact_id: 'x', tenant_id: 'tenant-f' })),
    ).rejects.toThrow(/differ/);
  });
});
