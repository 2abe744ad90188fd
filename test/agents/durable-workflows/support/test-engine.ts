import { randomBytes } from 'node:crypto';
import {
  createWorkflowClock,
  DbosWorkflowEngine,
  type WorkflowDetail,
  type WorkflowEffects,
  WorkflowService,
} from '../../../../src/agents/durable-workflows/index.js';

/** A DBOS schema of its own per test file: files run in parallel on the run's one database. */
export function testSchema(label: string): string {
  return `dbos_${label}_${randomBytes(3).toString('hex')}`;
}

export function testDatabaseUrl(): string {
  const url = process.env['TEST_DATABASE_URL'];
  if (!url) throw new Error('TEST_DATABASE_URL is not set (test/support/global-setup.ts sets it)');
  return url;
}

/** Fast retries: a failing fake fails for good, no need to wait seconds. */
export const TEST_STEP_POLICY = { maxAttempts: 2, intervalSeconds: 0.01, timeoutMs: 15_000 };

/** Launches DBOS for one test file with `effects` and a clock where a workflow day lasts `dayMs`. */
export async function launchTestEngine(
  label: string,
  effects: WorkflowEffects,
  dayMs: number,
): Promise<{ engine: DbosWorkflowEngine; service: WorkflowService; schema: string }> {
  const schema = testSchema(label);
  const engine = await DbosWorkflowEngine.launch({
    databaseUrl: testDatabaseUrl(),
    schema,
    effects,
    clock: createWorkflowClock(86_400_000 / dayMs),
    stepPolicy: TEST_STEP_POLICY,
  });
  return { engine, service: new WorkflowService(engine), schema };
}

/**
 * Polls `show` until the workflow satisfies `done` (default: finished). Bounded by a count of polls,
 * not by a timed assertion: the test's own timeout is the backstop.
 */
export async function waitForWorkflow(
  service: WorkflowService,
  id: string,
  done: (w: WorkflowDetail) => boolean = (w) => ['completed', 'failed', 'cancelled'].includes(w.status),
  maxPolls = 2_000,
): Promise<WorkflowDetail> {
  let last: WorkflowDetail | undefined;
  for (let i = 0; i < maxPolls; i++) {
    last = await service.show(id);
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`workflow ${id} never reached the expected state; last: ${JSON.stringify(last)}`);
}
