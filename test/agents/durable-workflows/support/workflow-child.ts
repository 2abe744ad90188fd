/**
 * A process running the workflow engine for the crash test. Effects append one JSON line per call to
 * EFFECTS_LOG (synchronously, so a SIGKILL loses nothing written). Modes:
 * - `start`: starts a lead nurturing for CONTACT, prints `{"event":"sleeping"}` once the workflow sleeps
 *   after its welcome, then waits to be killed;
 * - `resume`: launches (DBOS recovers the workflow), waits for it to finish and prints `{"event":"done"}`
 *   with the workflow record.
 */
import { appendFileSync } from 'node:fs';
import {
  createWorkflowClock,
  DbosWorkflowEngine,
  leadNurturing,
  type WorkflowEffects,
  WorkflowService,
  workflowIdOf,
} from '../../../../src/agents/durable-workflows/index.js';
import { stepOf } from './fake-effects.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const log = (entry: Record<string, unknown>) => appendFileSync(env('EFFECTS_LOG'), `${JSON.stringify(entry)}\n`);
const say = (entry: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(entry)}\n`);

const effects: WorkflowEffects = {
  async runAgent(request, { idempotencyKey }) {
    log({ kind: 'agent', step: stepOf(idempotencyKey), key: idempotencyKey, pid: process.pid });
    return {
      response:
        stepOf(idempotencyKey) === 'ai_qualification'
          ? '{"is_qualified": true, "score": 7, "reasoning": "fit"}'
          : `hi from ${request.agent}`,
    };
  },
  async callTool(name, _args, { idempotencyKey }) {
    log({ kind: 'tool', name, step: stepOf(idempotencyKey), key: idempotencyKey, pid: process.pid });
    return { content: '{}', structured: {} };
  },
  async sendOutbound(_message, { idempotencyKey }) {
    log({ kind: 'outbound', step: stepOf(idempotencyKey), key: idempotencyKey, pid: process.pid });
  },
};

const mode = env('MODE');
const tenant = 'tenant-crash';
const contact = env('CONTACT');
const engine = await DbosWorkflowEngine.launch({
  databaseUrl: env('DATABASE_URL'),
  schema: env('DBOS_SCHEMA'),
  effects,
  clock: createWorkflowClock(86_400_000 / Number(env('DAY_MS'))),
  stepPolicy: { maxAttempts: 1, intervalSeconds: 0.01, timeoutMs: 15_000 },
});
const service = new WorkflowService(engine);
const id = workflowIdOf(leadNurturing, { tenant_id: tenant, contact_id: contact });
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

if (mode === 'start') {
  await service.start('lead_nurturing', { tenant_id: tenant, contact_id: contact });
  for (let i = 0; i < 3_000; i++) {
    const workflow = await service.show(id);
    if (workflow.status === 'sleeping' && workflow.steps_done.includes('send_welcome')) {
      say({ event: 'sleeping', workflow });
      break;
    }
    await pause();
  }
  // Wait for the SIGKILL; the timer also keeps the process alive.
  setInterval(() => undefined, 60_000);
} else {
  for (let i = 0; i < 3_000; i++) {
    const workflow = await service.show(id);
    if (workflow.status !== 'running' && workflow.status !== 'sleeping') {
      say({ event: 'done', workflow });
      break;
    }
    await pause();
  }
  await engine.close();
  process.exit(0);
}
