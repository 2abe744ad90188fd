import { describe, expect, it } from 'vitest';
import { toWorkflowRecord } from '../../../src/agents/durable-workflows/dbos/dbos-records.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const status = (s: string, extra: Record<string, unknown> = {}) => ({
  workflowID: 'lead-nurturing-c@t',
  status: s,
  workflowName: 'LeadNurturingWorkflow',
  workflowClassName: '',
  createdAt: NOW - 5_000,
  priority: 0,
  attributes: { tenant_id: 't', contact_id: 'c', workflow: 'lead_nurturing' },
  ...extra,
});
const step = (functionID: number, name: string, output: unknown = null, error: Error | null = null) => ({
  functionID,
  name,
  output,
  error,
  childWorkflowID: null,
});

describe('workflow records from DBOS', () => {
  it('is sleeping while its last step is a sleep whose deadline is ahead', () => {
    const record = toWorkflowRecord(
      status('PENDING'),
      [step(0, 'DBOS.now'), step(1, 'ai_welcome'), step(3, 'DBOS.sleep', NOW + 60_000)],
      'lead_nurturing',
      NOW,
    );
    expect(record).toMatchObject({
      status: 'sleeping',
      steps_done: ['ai_welcome'],
      wakes_at: '2026-03-01T12:01:00.000Z',
    });
  });

  it('is running when the sleep is over or a reply ended the wait', () => {
    const over = [step(1, 'ai_welcome'), step(2, 'DBOS.sleep', NOW - 1)];
    expect(toWorkflowRecord(status('PENDING'), over, 'lead_nurturing', NOW).status).toBe('running');
    const replied = [step(1, 'DBOS.recv', { text: 'oi' }), step(2, 'DBOS.sleep', NOW + 60_000)];
    expect(toWorkflowRecord(status('PENDING'), replied, 'lead_nurturing', NOW)).toMatchObject({
      status: 'running',
      wakes_at: null,
    });
  });

  it('maps finished states and leaves failed steps out of steps_done', () => {
    const steps = [step(0, 'ai_welcome', null, new Error('model down'))];
    expect(toWorkflowRecord(status('SUCCESS'), [], 'lead_nurturing', NOW).status).toBe('completed');
    expect(toWorkflowRecord(status('CANCELLED'), [], 'lead_nurturing', NOW).status).toBe('cancelled');
    expect(
      toWorkflowRecord(status('ERROR', { error: new Error('saga failed') }), steps, 'lead_nurturing', NOW),
    ).toMatchObject({ status: 'failed', error: 'saga failed', steps_done: [] });
    expect(toWorkflowRecord(status('MAX_RECOVERY_ATTEMPTS_EXCEEDED'), [], 'lead_nurturing', NOW).status).toBe('failed');
  });
});
