import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DbosWorkflowEngine,
  WorkflowDetail,
  WorkflowRecord,
  WorkflowService,
} from '../../src/agents/durable-workflows/index.js';
import { FakeEffects } from '../agents/durable-workflows/support/fake-effects.js';
import { launchTestEngine, testDatabaseUrl, waitForWorkflow } from '../agents/durable-workflows/support/test-engine.js';

// `ventros workflows` in a subprocess against a running engine (this test process plays `ventros
// serve`): the CLI connects as a DBOS client to the same database and schema. A workflow day lasts a
// minute, so a started nurturing sleeps after its welcome for as long as the test needs.

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const TENANT = 'tenant-cli';
const CONTACT = 'lead-cli-1';

let engine: DbosWorkflowEngine;
let service: WorkflowService;
let schema: string;
const effects = new FakeEffects();

beforeAll(async () => {
  ({ engine, service, schema } = await launchTestEngine('cli', effects, 60_000));
}, 120_000);

afterAll(async () => {
  await engine?.close();
});

/** Runs `ventros workflows <args>` and parses its JSON output. */
async function cli<T>(...args: string[]): Promise<T> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'workflows', ...args, '--json'],
    {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        DATABASE_URL: testDatabaseUrl(),
        VENTROS_WORKFLOW_SCHEMA: schema,
        LOG_LEVEL: 'warn',
      },
      timeout: 120_000,
    },
  );
  return JSON.parse(stdout) as T;
}

describe('ventros workflows', () => {
  it('starts a workflow for the running server, then lists, shows, cancels and resumes it as JSON', async () => {
    const started = await cli<{ created: boolean; workflow: WorkflowDetail }>(
      'start',
      'lead_nurturing',
      '--contact',
      CONTACT,
      '--tenant',
      TENANT,
    );
    expect(started.created).toBe(true);
    const id = started.workflow.id;
    expect(id).toBe(`lead-nurturing-${CONTACT}@${TENANT}`);
    // The server's engine picks it from the queue, welcomes the lead and waits for a reply.
    await waitForWorkflow(service, id, (w) => w.status === 'sleeping');

    const listed = await cli<WorkflowRecord[]>('list', '--status', 'sleeping', '--tenant', TENANT);
    expect(listed).toEqual([
      expect.objectContaining({
        id,
        workflow: 'lead_nurturing',
        tenant_id: TENANT,
        contact_id: CONTACT,
        status: 'sleeping',
        steps_done: ['ai_welcome', 'send_welcome'],
      }),
    ]);
    expect(Date.parse(listed[0]?.wakes_at ?? '')).toBeGreaterThan(Date.now());

    const shown = await cli<WorkflowDetail>('show', id);
    expect(shown).toMatchObject({ id, status: 'sleeping', input: { tenant_id: TENANT, contact_id: CONTACT } });
    expect(shown.steps.map((s) => `${s.kind}:${s.name}:${s.status}`)).toEqual([
      'step:ai_welcome:completed',
      'step:send_welcome:completed',
      'sleep:sleep:waiting', // the deadline of the wait for the lead's reply (day 3)
    ]);

    const cancelled = await cli<WorkflowDetail>('cancel', id);
    expect(cancelled).toMatchObject({ id, status: 'cancelled', steps_done: ['ai_welcome', 'send_welcome'] });
    expect((await service.list({ status: 'cancelled', contact_id: CONTACT })).map((w) => w.id)).toEqual([id]);

    // Resumed (as for an instance gone for good), it continues from its recorded steps: none repeated.
    await cli<WorkflowDetail>('resume', id);
    const resumed = await waitForWorkflow(service, id, (w) => w.status === 'sleeping');
    expect(resumed.steps_done).toEqual(['ai_welcome', 'send_welcome']);
    expect(effects.calls.filter((c) => c.step === 'ai_welcome')).toHaveLength(1);
  }, 300_000); // five CLI processes: generous for a loaded machine
});
