import { describe, expect, it } from 'vitest';
import {
  createWorkflowClock,
  InvalidWorkflowInputError,
  parseClockScale,
  workflowIdOf,
} from '../../../src/agents/durable-workflows/index.js';

describe('workflow clock', () => {
  it('makes a workflow day last a second at scale 86400, and real time by default', () => {
    expect(createWorkflowClock(86_400).days(30)).toBe(30_000);
    expect(createWorkflowClock().days(1)).toBe(86_400_000);
  });

  it('reads VENTROS_WORKFLOW_CLOCK_SCALE and refuses what is not a positive number', () => {
    expect(parseClockScale(undefined)).toBe(1);
    expect(parseClockScale(' ')).toBe(1);
    expect(parseClockScale('86400')).toBe(86_400);
    for (const bad of ['0', '-5', 'fast', 'Infinity']) {
      expect(() => parseClockScale(bad)).toThrow(InvalidWorkflowInputError);
    }
  });
});

describe('workflow ids', () => {
  it('follow the seed’s lead-nurturing-{contact_id}, scoped to the tenant without ambiguity', () => {
    expect(workflowIdOf({ idPrefix: 'lead-nurturing' }, { tenant_id: 'acme', contact_id: 'c-1' })).toBe(
      'lead-nurturing-c-1@acme',
    );
    const a = workflowIdOf({ idPrefix: 'x' }, { tenant_id: 'a@b', contact_id: 'c' });
    const b = workflowIdOf({ idPrefix: 'x' }, { tenant_id: 'b', contact_id: 'c@a' });
    expect(a).not.toBe(b);
    expect(workflowIdOf({ idPrefix: 'x' }, { tenant_id: 't', contact_id: 'c', key: 'c-camp2' })).toBe('x-c-camp2@t');
  });
});
