import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DbosClientEngine,
  type DbosWorkflowEngine,
  WorkflowService,
} from '../../../src/agents/durable-workflows/index.js';
import { FakeEffects, gate } from './support/fake-effects.js';
import { launchTestEngine, testDatabaseUrl, waitForWorkflow } from './support/test-engine.js';

const effects = new FakeEffects();
let engine: DbosWorkflowEngine;
let client: DbosClientEngine;
/** The service as the CLI would have it: over DBOSClient, without launching DBOS. */
let remote: WorkflowService;

beforeAll(async () => {
  let schema: string;
  // A workflow day lasts a second: the nurturing waits three for a reply.
  ({ engine, schema } = await launchTestEngine('client', effects, 1_000));
  client = await DbosClientEngine.connect({ databaseUrl: testDatabaseUrl(), schema });
  remote = new WorkflowService(client);
});

afterAll(async () => {
  await client?.close();
  await engine?.close();
});

describe('workflows from another process (DBOSClient)', () => {
  it('starts a workflow the server runs, once, and lists it', async () => {
    const request = { tenant_id: 'tenant-cli', contact_id: 'from-cli' };
    const first = await remote.start('lead_nurturing', request);
    const second = await remote.start('lead_nurturing', request);
    expect(first).toMatchObject({ created: true, workflow: { id: 'lead-nurturing-from-cli@tenant-cli' } });
    expect(second.created).toBe(false);

    const sleeping = await waitForWorkflow(remote, first.workflow.id, (w) => w.steps_done.includes('send_welcome'));
    expect(sleeping.tenant_id).toBe('tenant-cli');
    expect(await remote.list({}, { tenantId: 'tenant-cli' })).toEqual([
      expect.objectContaining({ id: first.workflow.id, workflow: 'lead_nurturing', contact_id: 'from-cli' }),
    ]);
    expect(effects.of('from-cli').filter((c) => c.step === 'ai_welcome')).toHaveLength(1);
  });

  it('delivers a reply and cancels through the client', async () => {
    const outreachSent = gate();
    const release = gate();
    effects.behaviour = {
      beforeOutbound: async (message, step) => {
        if (message.contactId !== 'cli-churn' || step !== 'send_retention_outreach') return;
        outreachSent.open();
        await release.promise;
      },
    };
    const { workflow } = await remote.start('retention_campaign', {
      tenant_id: 'tenant-cli',
      contact_id: 'cli-churn',
      risk_score: 0.6,
    });
    await outreachSent.promise;
    expect(
      await remote.deliverReply({ tenant_id: 'tenant-cli', contact_id: 'cli-churn', text: 'oi', message_id: 'm-1' }),
    ).toEqual({
      delivered_to: [workflow.id],
    });
    release.open();
    const done = await waitForWorkflow(remote, workflow.id);
    expect(done.result).toMatchObject({ outcome: 'engaged', at: 'outreach' });

    const { workflow: other } = await remote.start('lead_nurturing', {
      tenant_id: 'tenant-cli',
      contact_id: 'cli-cancel',
    });
    await waitForWorkflow(remote, other.id, (w) => w.status === 'sleeping');
    expect(await remote.cancel(other.id)).toMatchObject({ status: 'cancelled' });
  });
});
