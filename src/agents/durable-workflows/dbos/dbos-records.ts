import type { DBOS, WorkflowStatus as DbosWorkflowStatus } from '@dbos-inc/dbos-sdk';
import { errorMessage } from '../../../shared/index.js';
import type { WorkflowDetail, WorkflowRecord, WorkflowStatus, WorkflowStep } from '../workflow-record.js';

/** One recorded step as DBOS lists it (the package does not export the type). */
export type StepInfo = NonNullable<Awaited<ReturnType<typeof DBOS.listWorkflowSteps>>>[number];

/** Steps DBOS records for its own primitives; `DBOS.sleep` also stands for the deadline of a reply wait. */
const SLEEP = 'DBOS.sleep';
const RECV = 'DBOS.recv';

/**
 * Our record of a DBOS workflow. `PENDING` is `sleeping` while its last recorded step is a sleep
 * (or a reply wait) whose deadline is still ahead, `running` otherwise.
 */
export function toWorkflowRecord(
  status: DbosWorkflowStatus,
  steps: readonly StepInfo[],
  workflowName: string,
  now = Date.now(),
): WorkflowRecord {
  const attributes = (status.attributes ?? {}) as Record<string, unknown>;
  const wakesAt = status.status === 'PENDING' ? pendingDeadline(steps) : Number.NaN;
  const sleeping = Number.isFinite(wakesAt) && wakesAt > now;
  return {
    id: status.workflowID,
    workflow: workflowName,
    tenant_id: String(attributes['tenant_id'] ?? ''),
    contact_id: String(attributes['contact_id'] ?? ''),
    status: statusOf(status.status, sleeping),
    steps_done: steps.filter((s) => !isInternal(s.name) && s.error === null).map((s) => s.name),
    created_at: new Date(status.createdAt).toISOString(),
    updated_at: status.updatedAt ? new Date(status.updatedAt).toISOString() : null,
    wakes_at: sleeping ? new Date(wakesAt).toISOString() : null,
    error: status.error === undefined || status.error === null ? null : errorMessage(status.error),
  };
}

/** The record plus input, result and every step, sleeps and reply waits included. */
export function toWorkflowDetail(
  status: DbosWorkflowStatus,
  steps: readonly StepInfo[],
  workflowName: string,
  now = Date.now(),
): WorkflowDetail {
  return {
    ...toWorkflowRecord(status, steps, workflowName, now),
    input: status.input?.[0] ?? null,
    result: status.output ?? null,
    steps: steps.filter((s) => s.name === SLEEP || s.name === RECV || !isInternal(s.name)).map((s) => toStep(s, now)),
  };
}

/**
 * The deadline the workflow waits for, if its last step is a sleep. A reply wait records its deadline
 * (a sleep) right after reserving the receive's own slot; once the reply came, that slot holds it.
 */
function pendingDeadline(steps: readonly StepInfo[]): number {
  const last = steps.at(-1);
  if (last?.name !== SLEEP) return Number.NaN;
  const before = steps.at(-2);
  if (before?.name === RECV && before.functionID === last.functionID - 1) return Number.NaN;
  return Number(last.output);
}

function statusOf(dbos: string, sleeping: boolean): WorkflowStatus {
  switch (dbos) {
    case 'SUCCESS':
      return 'completed';
    case 'ERROR':
    case 'MAX_RECOVERY_ATTEMPTS_EXCEEDED':
      return 'failed';
    case 'CANCELLED':
      return 'cancelled';
    default:
      return sleeping ? 'sleeping' : 'running';
  }
}

const isInternal = (name: string) => name.startsWith('DBOS.') || name === 'getStatus';

const iso = (ms: number | undefined) => (ms === undefined || ms === null ? null : new Date(ms).toISOString());

function toStep(step: StepInfo, now: number): WorkflowStep {
  if (step.name === SLEEP) {
    const until = Number(step.output);
    return {
      name: 'sleep',
      kind: 'sleep',
      status: until > now ? 'waiting' : 'completed',
      started_at: iso(step.startedAtEpochMs),
      completed_at: until > now ? null : iso(until),
      until: Number.isFinite(until) ? new Date(until).toISOString() : null,
      error: null,
    };
  }
  return {
    name: step.name === RECV ? 'customer_reply' : step.name,
    kind: step.name === RECV ? 'reply' : 'step',
    status: step.error ? 'failed' : 'completed',
    started_at: iso(step.startedAtEpochMs),
    completed_at: iso(step.completedAtEpochMs),
    until: null,
    error: step.error ? errorMessage(step.error) : null,
  };
}
